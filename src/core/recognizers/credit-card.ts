// Credit card recognizer (Presidio CreditCardRecognizer style): 15–16 digit candidates in the
// groupings people type, confirmed by issuer range + length + Luhn (score 1) or dropped.
import type { Finding, Recognizer } from '../types.js';
import { cardBrand, checkCard, CORE_BRANDS } from '../validators/luhn.js';
import { compileRule, matches, hasDigits, isDigitChar, makeFinding, weighContext, type RuleFile } from './pattern.js';
import cardRule from '../../../rules/credit_card.json';

const RULE = compileRule(cardRule as RuleFile);
const OCR_DIGIT: Record<string, string> = { O: '0', o: '0', I: '1', l: '1' };

/** True when the candidate is one piece of a longer grouped digit run ("1234 5678 9012 3456 7890"). */
function partOfLongerRun(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 5), start);
  const after = text.slice(end, end + 5);
  return /\d{4}[ \-]$/.test(before) || /^[ \-]\d{4}/.test(after) || /\d[.,]$/.test(before) || /^[.,]\d/.test(after);
}

export const creditCardRecognizer: Recognizer = {
  id: 'credit_card',
  types: ['credit_card'],
  prefilter(ctx) {
    return hasDigits(ctx.text, ctx.ocr ? 10 : 15);
  },
  analyze(ctx) {
    const out: Finding[] = [];
    const text = ctx.text;
    const seen = new Set<number>();
    for (const { p, m } of matches(RULE, ctx)) {
      const start = m.index;
      const end = start + m[0].length;
      if (seen.has(start) || partOfLongerRun(text, start, end)) continue;
      let digits = '';
      let real = 0;
      for (const ch of m[0]) {
        if (isDigitChar(ch)) {
          digits += ch;
          real++;
        } else if (ctx.ocr && OCR_DIGIT[ch] !== undefined) digits += OCR_DIGIT[ch];
      }
      if (real < 10 || checkCard(digits) !== 'valid') continue; // Luhn or issuer fails: drop
      const brand = cardBrand(digits)!;
      const { positive, negative, suppressed } = weighContext(RULE, ctx, start, end);
      // A Luhn-valid number labelled as an order / parcel / voucher number by the writer is not a card.
      if (suppressed) continue;
      // Discover / JCB are outside the core label set: only with card words nearby.
      if (!CORE_BRANDS.has(brand) && positive.length === 0) continue;
      seen.add(start);
      const notes = [`issuer ${brand}, ${digits.length} digits`];
      if (real < digits.length) notes.push('OCR letter/digit confusion repaired');
      if (negative.length) notes.push(`negative context ignored (nearer card words): ${negative.map((h) => h.word).join(', ')}`);
      out.push(
        makeFinding('credit_card', 'credit_card.luhn', ctx, start, end, 1, {
          recognizer: 'credit_card',
          pattern: `credit_card.${p.name}`,
          validator: { name: 'iso7812-luhn+iin', result: 'valid' },
          context: positive.map((h) => h.word),
          baseScore: p.score,
          notes,
        }),
      );
    }
    return out;
  },
};
