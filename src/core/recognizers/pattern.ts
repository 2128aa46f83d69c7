// Helpers shared by the checksum/pattern recognizers (Presidio PatternRecognizer style): rule files
// with named patterns and base scores, context words that raise or suppress, finding construction,
// and `matches()` — the one loop over a rule's active patterns that every recognizer runs.
import type { AnalysisContext, DetectorType, Explanation, Finding } from '../types.js';


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


/** Every match of the rule's patterns active for this text (typed or OCR), in pattern order. */
export function* matches(rule: CompiledRule, ctx: AnalysisContext): Generator<{ p: CompiledPattern; m: RegExpExecArray }> {
  for (const p of activePatterns(rule, ctx)) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(ctx.text)) !== null) yield { p, m };
  }
}
