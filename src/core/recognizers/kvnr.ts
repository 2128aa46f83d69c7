// KVNR recognizer (Krankenversichertennummer): letter + 9 digits, upper or lower case, optionally a
// space after the letter; confirmed by the GKV check digit (score 1) or dropped.
import type { Finding, Recognizer } from '../types.js';
import { checkKvnr } from '../validators/kvnr.js';
import { compileRule, matches, hasDigits, makeFinding, weighContext, type RuleFile } from './pattern.js';
import kvnrRule from '../../../rules/de_kvnr.json';

const RULE = compileRule(kvnrRule as RuleFile);

export const kvnrRecognizer: Recognizer = {
  id: 'de_kvnr',
  types: ['de_kvnr'],
  prefilter(ctx) {
    return hasDigits(ctx.text, 9);
  },
  analyze(ctx) {
    const out: Finding[] = [];
    const text = ctx.text;
    for (const { p, m } of matches(RULE, ctx)) {
      const start = m.index;
      const end = start + m[0].length;
      if (/^[.,]\d/.test(text.slice(end, end + 2))) continue;
      const result = checkKvnr(m[0]);
      if (result !== 'valid') continue; // check digit fails or a published sample: drop
      const { positive, suppressed } = weighContext(RULE, ctx, start, end);
      // A valid check digit on a ticket / serial / locker code is chance (1 in 10): trust the label.
      if (suppressed) continue;
      // "a 123456789" is more likely an English article than a KVNR: the spaced lower-case form needs context.
      if (p.name === 'letter-space' && m[0][0] === m[0][0]!.toLowerCase() && positive.length === 0) continue;
      out.push(
        makeFinding('de_kvnr', 'de_kvnr.gkv', ctx, start, end, 1, {
          recognizer: 'de_kvnr',
          pattern: `de_kvnr.${p.name}`,
          validator: { name: 'gkv-kvnr-check-digit', result: 'valid' },
          context: positive.map((h) => h.word),
          baseScore: p.score,
        }),
      );
    }
    return out;
  },
};
