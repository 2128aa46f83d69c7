// German tax ID recognizer (Steuer-IdNr): 11 digits in the three usual groupings, confirmed by the
// BZSt structure rule + ISO/IEC 7064 MOD 11,10 (score 1) or dropped.
import type { Finding, Recognizer } from '../types.js';
import { checkTaxId } from '../validators/tax-id.js';
import { compileRule, matches, hasDigits, makeFinding, weighContext, type RuleFile } from './pattern.js';
import taxRule from '../../../rules/de_tax_id.json';

const RULE = compileRule(taxRule as RuleFile);

/** Part of a longer number: a phone number, an amount, a date or a longer grouped run. */
function partOfLongerNumber(text: string, start: number, end: number, grouped: boolean): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 2);
  if (/\d[ .,/\-]$/.test(before) || /^[.,/\-]\d/.test(after)) return true;
  return grouped && /^[ \u00a0]\d/.test(after);
}

export const taxIdRecognizer: Recognizer = {
  id: 'de_tax_id',
  types: ['de_tax_id'],
  prefilter(ctx) {
    return hasDigits(ctx.text, 11);
  },
  analyze(ctx) {
    const out: Finding[] = [];
    const text = ctx.text;
    for (const { p, m } of matches(RULE, ctx)) {
      const start = m.index;
      const end = start + m[0].length;
      const grouped = p.name !== 'compact';
      if (partOfLongerNumber(text, start, end, grouped)) continue;
      const digits = m[0].replace(/[ \u00a0]/g, '');
      if (checkTaxId(digits) !== 'valid') continue; // structure or check digit fails: drop
      const { positive, suppressed } = weighContext(RULE, ctx, start, end);
      // An 11-digit number the writer calls an invoice / case / customer number is not a tax ID.
      if (suppressed) continue;
      out.push(
        makeFinding('de_tax_id', 'de_tax_id.mod11_10', ctx, start, end, 1, {
          recognizer: 'de_tax_id',
          pattern: `de_tax_id.${p.name}`,
          validator: { name: 'bzst-structure+iso7064-mod11-10', result: 'valid' },
          context: positive.map((h) => h.word),
          baseScore: p.score,
        }),
      );
    }
    return out;
  },
};
