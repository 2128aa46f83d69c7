// IBAN recognizer (Presidio IbanRecognizer style): a cheap start anchor finds "CC12", a walker
// collects exactly as many characters as the country's IBAN has (tolerating the separators people
// type), and the ISO 13616 validator confirms (score 1) or drops the candidate.
import type { Finding, Recognizer } from '../types.js';
import { compileRule, hasDigits, isWordChar, makeFinding, matches, weighContext, type RuleFile } from './pattern.js';
import { checkIban, ibanLayout, IBAN_REGISTRY } from '../validators/iban.js';
import ibanRule from '../../../rules/iban.json';

// ---------------------------------------------------------------- IBAN

const RULE = compileRule(ibanRule as RuleFile);
const OCR_DIGIT: Record<string, string> = { O: '0', o: '0', I: '1', l: '1', i: '1' };

function isAsciiAlnum(c: string | undefined): boolean {
  if (c === undefined) return false;
  const k = c.charCodeAt(0);
  return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
}

interface Walk {
  end: number;
  chars: string;
  seps: Set<string>;
}

/**
 * Collect `length` alphanumeric characters from `start`, allowing short separator runs between them:
 * spaces, one dash or dot, at most one line break (OCR: longer runs). Stops early at anything else.
 */
function walk(text: string, start: number, length: number, ocr: boolean): Walk | undefined {
  const maxSep = ocr ? 6 : 3;
  const seps = new Set<string>();
  let chars = '';
  let i = start;
  let end = start;
  while (chars.length < length && i < text.length) {
    const c = text[i]!;
    if (isAsciiAlnum(c)) {
      chars += c;
      end = ++i;
      continue;
    }
    if (chars.length < 2) return undefined;
    let j = i;
    let breaks = 0;
    let punct = 0;
    while (j < text.length && j - i < maxSep) {
      const s = text[j]!;
      if (s === '\n') breaks++;
      else if (s === '-' || s === '.') punct++;
      else if (s !== ' ' && s !== '\t' && s !== '\u00a0' && s !== '\r') break;
      j++;
    }
    if (j === i || breaks > 1 || punct > 1 || !isAsciiAlnum(text[j])) break;
    for (let k = i; k < j; k++) seps.add(text[k] === '\r' ? '\n' : text[k]!);
    i = j;
  }
  if (chars.length < length) return undefined;
  return { end, chars, seps };
}

function describeForm(w: Walk, raw: string): string[] {
  const notes: string[] = [];
  if (w.seps.size === 0) notes.push('written without separators');
  if (w.seps.has(' ') || w.seps.has('\u00a0') || w.seps.has('\t')) notes.push('grouped with spaces');
  if (w.seps.has('-')) notes.push('grouped with dashes');
  if (w.seps.has('.')) notes.push('grouped with dots');
  if (w.seps.has('\n')) notes.push('split over a line break');
  if (raw !== raw.toUpperCase()) notes.push('lower case');
  return notes;
}

export const ibanRecognizer: Recognizer = {
  id: 'iban',
  types: ['iban'],
  prefilter(ctx) {
    return ctx.ocr ? hasDigits(ctx.text, 2) : /[A-Za-z]{2}[ .\-]?\d\d/.test(ctx.text);
  },
  analyze(ctx) {
    const out: Finding[] = [];
    const text = ctx.text;
    for (const { p, m } of matches(RULE, ctx)) {
      const start = m.index;
      const country = text.slice(start, start + 2).toUpperCase();
      const spec = IBAN_REGISTRY[country];
      const layout = ibanLayout(country);
      if (!spec || !layout) continue;
      const w = walk(text, start, spec.length, ctx.ocr);
      // The IBAN must not end inside a longer alphanumeric run ("…3000EUR" / a 23rd digit).
      if (!w || isWordChar(text[w.end])) continue;
      let compact = w.chars.toUpperCase();
      const notes = describeForm(w, text.slice(start, w.end));
      if (ctx.ocr) {
        // OCR confuses O/0 and I/l/1: repair only where the registry format wants a digit.
        let fixed = '';
        for (let k = 0; k < w.chars.length; k++) {
          const ch = w.chars[k]!;
          fixed += layout[k] === 'n' && OCR_DIGIT[ch] !== undefined ? OCR_DIGIT[ch] : ch.toUpperCase();
        }
        if (fixed !== compact) notes.push('OCR letter/digit confusion repaired');
        compact = fixed;
      }
      const result = checkIban(compact);
      if (result !== 'valid') continue; // Presidio: a failing checksum or structure drops the match
      const { positive } = weighContext(RULE, ctx, start, w.end);
      out.push(
        makeFinding('iban', 'iban.iso13616', ctx, start, w.end, 1, {
          recognizer: 'iban',
          pattern: `iban.${p.name}`,
          validator: { name: 'iso13616-mod97', result: 'valid' },
          context: positive.map((h) => h.word),
          baseScore: p.score,
          notes: [`country ${country}, ${spec.length} characters, BBAN ${spec.bban}`, ...notes],
        }),
      );
      p.re.lastIndex = w.end;
    }
    return out;
  },
};
