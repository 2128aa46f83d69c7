// IBAN recognizer (Presidio IbanRecognizer style): a cheap start anchor finds "CC12", a walker
// collects exactly as many characters as the country's IBAN has (tolerating the separators people
// type), and the ISO 13616 validator confirms (score 1) or drops the candidate.
//
// This file also holds the small helpers shared by the checksum/pattern recognizers
// (rule loading, context words, finding construction).
// TODO(2026-11-23): move the shared helpers to recognizers/pattern.ts once that file may be added.
import type { AnalysisContext, DetectorType, Explanation, Finding, Recognizer } from '../types.js';
import { checkIban, ibanLayout, IBAN_REGISTRY } from '../validators/iban.js';
import ibanRule from '../../../rules/iban.json';

// ---------------------------------------------------------------- shared pattern-recognizer helpers

/** One named pattern of a rule file. `mode` restricts it to typed text or OCR text (default both). */
export interface RulePattern {
  name: string;
  regex: string;
  flags?: string;
  score: number;
  mode?: 'text' | 'ocr' | 'both';
}

/** The shape of rules/<id>.json (see rules/README.md). */
export interface RuleFile {
  id: string;
  type: string;
  description: string;
  source: string;
  license: string;
  patterns: RulePattern[];
  context: string[];
  negativeContext?: string[];
  /** Ambiguous negative words ("order": noun or verb) that only count directly before the match ("Order: 4111…"). */
  negativeLabels?: string[];
  /** Characters searched for context words; negative words only count within `negativeBefore`. */
  contextWindow?: { before: number; after: number; negativeBefore?: number };
  examples: { match: string[]; noMatch: string[] };
}

export interface CompiledPattern {
  name: string;
  re: RegExp;
  score: number;
  mode: 'text' | 'ocr' | 'both';
}

export interface CompiledRule {
  file: RuleFile;
  patterns: CompiledPattern[];
  context: readonly string[];
  negativeContext: readonly string[];
  negativeLabels: readonly string[];
  before: number;
  after: number;
  negativeBefore: number;
}

/** Compile a rule file once at module load. Every regex gets the global flag (we scan with exec). */
export function compileRule(file: RuleFile): CompiledRule {
  return {
    file,
    patterns: file.patterns.map((p) => {
      const flags = p.flags ?? 'gu';
      return { name: p.name, re: new RegExp(p.regex, flags.includes('g') ? flags : flags + 'g'), score: p.score, mode: p.mode ?? 'both' };
    }),
    context: file.context.map((w) => w.toLowerCase()),
    negativeContext: (file.negativeContext ?? []).map((w) => w.toLowerCase()),
    negativeLabels: (file.negativeLabels ?? []).map((w) => w.toLowerCase()),
    before: file.contextWindow?.before ?? 50,
    after: file.contextWindow?.after ?? 0,
    negativeBefore: file.contextWindow?.negativeBefore ?? file.contextWindow?.before ?? 50,
  };
}

/** The patterns that apply to this text (typed or OCR). */
export function activePatterns(rule: CompiledRule, ctx: AnalysisContext): CompiledPattern[] {
  return rule.patterns.filter((p) => p.mode === 'both' || (p.mode === 'ocr') === ctx.ocr);
}

export interface ContextHit {
  word: string;
  /** Characters between the word and the match (0 = adjacent). */
  distance: number;
}

const LETTER = /\p{L}/u;
function isLetter(c: string | undefined): boolean {
  return c !== undefined && LETTER.test(c);
}

/**
 * Context words near a match, nearest first. A word must start at a word boundary ("tel" does not
 * hit "hotel"; "steuer" hits "steuer-id"); words of up to three letters must also end at one
 * ("az" does not hit "azubi"). Presidio's substring mode, made safe for short German words.
 */
export function findContext(
  lower: string,
  start: number,
  end: number,
  words: readonly string[],
  before: number,
  after: number,
): ContextHit[] {
  const hits: ContextHit[] = [];
  let longest = 0;
  for (const w of words) if (w.length > longest) longest = w.length;
  // A word counts when it ends at most `before` characters before the match (starts at most `after` after it).
  const from = Math.max(0, start - before - longest);
  const to = Math.min(lower.length, end + after + longest);
  // Search the window only: indexOf on the whole text would make long messages quadratic.
  const win = lower.slice(from, to);
  for (const w of words) {
    let best = Infinity;
    let j = win.indexOf(w);
    while (j !== -1) {
      const i = from + j;
      const wEnd = i + w.length;
      const inBefore = wEnd <= start;
      const inAfter = i >= end;
      if ((inBefore || inAfter) && !isLetter(lower[i - 1]) && (w.length > 3 || !isLetter(lower[wEnd]))) {
        const d = inBefore ? start - wEnd : i - end;
        if (d <= (inBefore ? before : after) && d < best) best = d;
      }
      j = win.indexOf(w, j + 1);
    }
    if (best !== Infinity) hits.push({ word: w, distance: best });
  }
  return hits.sort((a, b) => a.distance - b.distance);
}

/** How far (characters) a label word may stand before the number: "Order 4…", "Order: #4…". */
const LABEL_GAP = 3;

/**
 * Positive and negative context around a match. `suppressed` is true when a negative word
 * ("Bestellnummer", "ticket") stands close before the match (within `negativeBefore`) and nearer
 * than any positive word: the writer has labelled the number as something else.
 */
export function weighContext(rule: CompiledRule, ctx: AnalysisContext, start: number, end: number) {
  const positive = findContext(ctx.lower, start, end, rule.context, rule.before, rule.after);
  const negative = [
    ...findContext(ctx.lower, start, end, rule.negativeContext, rule.negativeBefore, 0),
    ...findContext(ctx.lower, start, end, rule.negativeLabels, LABEL_GAP, 0),
  ]
    // A question, an exclamation, a list separator or another address ends the label's reach:
    // "…about this invoice? billing@x.co.uk · +44 20 …" is not an invoice number.
    .filter((h) => !/[?!@·|•]/.test(ctx.text.slice(start - h.distance, start)))
    .sort((a, b) => a.distance - b.distance);
  const nearestPos = positive[0]?.distance ?? Infinity;
  const nearestNeg = negative[0]?.distance ?? Infinity;
  return { positive, negative, suppressed: nearestNeg < nearestPos };
}

/** True when s has at least n ASCII digits (stops early). The usual cheap prefilter. */
export function hasDigits(s: string, n: number): boolean {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++count >= n) return true;
  }
  return false;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c);
}
export function isDigitChar(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

export function makeFinding(
  type: DetectorType,
  rule: string,
  ctx: AnalysisContext,
  start: number,
  end: number,
  score: number,
  explanation: Explanation,
): Finding {
  return { type, start, end, text: ctx.text.slice(start, end), score: Math.min(1, Math.max(0, score)), rule, explanation };
}

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
    for (const p of activePatterns(RULE, ctx)) {
      p.re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = p.re.exec(text)) !== null) {
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
    }
    return out;
  },
};
