// Text from OCR (images pasted into a chat) before the engine sees it: repair the typical noise of
// tesseract output without inventing content, and the verdict for an image that could not be read.
// Pure: no I/O. analyze(text, policy, { ocr: true }) calls normalizeOcrText first.
//
// Every repair replaces characters one for one (or moves a word's letters left and pads with spaces),
// so the result has the same length as the input and offsets of findings still point into the OCR
// text. What is repaired here is what several recognizers profit from; recognizer-specific tolerance
// stays in the recognizers (the IBAN recognizer repairs O/0 by the country's BBAN layout, the
// client-name recognizer folds umlauts) — validators stay strict, so a wrong repair finds nothing.
import type { Analysis } from './engine.js';
import type { Policy } from './policy/policy.js';
import { applyMode } from './policy/decide.js';
import { IBAN_REGISTRY } from './validators/iban.js';

/** Letters tesseract reads in place of digits (seen in our corpus runs and tesseract's ambigs). */
const DIGIT_FOR: Readonly<Record<string, string>> = { O: '0', o: '0', I: '1', l: '1', '|': '1', S: '5', B: '8', Z: '2' };
const DIGIT = /[0-9]/;

/**
 * Starts of IBAN-like runs ("DE89 3704 …", "GB32 HBUK …", "IT60 X054 …", registry countries only): their BBAN may hold
 * letters where the registry wants them, so only the IBAN recognizer (which knows the layout) repairs
 * them. The run ends at the first character that is neither alphanumeric nor a single separator.
 */
const IBAN_START = /(?<![\p{L}\p{N}])[A-Z]{2}[ .\-]{0,3}[0-9OoIl]{2}/gu;
const IBAN_RUN_TAIL = /^(?:[ .\-]{0,3}[A-Za-z0-9]{1,4}){0,10}/;

/** Alphanumeric tokens on one line (ASCII letters and digits, and | which OCR makes of 1 and l). */
const TOKEN = /[A-Za-z0-9|]+/g;

interface Token {
  start: number;
  end: number;
  s: string;
}

/** Real digits, digit look-alikes, and other characters of a token. */
function census(s: string): { digits: number; lookalikes: number; others: number } {
  let digits = 0;
  let lookalikes = 0;
  let others = 0;
  for (const c of s) {
    if (DIGIT.test(c)) digits++;
    else if (DIGIT_FOR[c] !== undefined) lookalikes++;
    else others++;
  }
  return { digits, lookalikes, others };
}

function isNumber(t: Token | undefined): boolean {
  return t !== undefined && /^[0-9]{2,}$/.test(t.s);
}

/** Two tokens of one group of digits: separated by one or two spaces only ("25 398 516 707"). */
function adjacent(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.end, b.start);
  return gap === ' ' || gap === '  ';
}

/**
 * The part of a token to read as digits, or undefined. A token qualifies when it holds no letters
 * other than digit look-alikes and
 * - is clearly a number on its own (≥ 3 real digits, at least twice as many as look-alikes), or
 * - continues a neighbouring number ("0O44 O532", "398 5l6 707") with at least as many real digits
 *   as look-alikes, and does not start with a look-alike unless the number continues from the left
 *   ("Vitamin B12 1000" keeps its B).
 * A letter followed by nine digit-like characters is a KVNR-shaped code: the letter stays.
 */
function digitPart(text: string, tokens: Token[], i: number): [number, number] | undefined {
  const t = tokens[i]!;
  let from = 0;
  if (/^[A-Z][0-9OoIl|SBZ]{9}$/.test(t.s)) from = 1;
  const body = t.s.slice(from);
  const { digits, lookalikes, others } = census(body);
  if (lookalikes === 0 || others > 0 || digits === 0) return undefined;
  if (from === 1) return digits >= 6 ? [from, t.s.length] : undefined;
  if (digits >= 3 && digits >= 2 * lookalikes) return [0, t.s.length];
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const leftNumber = prev !== undefined && adjacent(text, prev, t) && (isNumber(prev) || /[0-9]$/.test(prev.s));
  const rightNumber = next !== undefined && adjacent(text, t, next) && isNumber(next);
  if (!leftNumber && !rightNumber) return undefined;
  if (digits < lookalikes) return undefined;
  if (!DIGIT.test(body[0]!) && !leftNumber) return undefined;
  return [0, t.s.length];
}

function repairDigits(text: string, out: string[]): void {
  const protectedUntil: number[] = [];
  for (const m of text.matchAll(IBAN_START)) {
    if (!IBAN_REGISTRY[m[0].slice(0, 2)]) continue;
    const tail = IBAN_RUN_TAIL.exec(text.slice(m.index + m[0].length))?.[0] ?? '';
    protectedUntil.push(m.index, m.index + m[0].length + tail.length);
  }
  const isProtected = (pos: number): boolean => {
    for (let k = 0; k < protectedUntil.length; k += 2) if (pos >= protectedUntil[k]! && pos < protectedUntil[k + 1]!) return true;
    return false;
  };
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const tokens: Token[] = [];
    for (const m of line.matchAll(TOKEN)) tokens.push({ start: lineStart + m.index, end: lineStart + m.index + m[0].length, s: m[0] });
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (isProtected(t.start)) continue;
      const part = digitPart(text, tokens, i);
      if (!part) continue;
      for (let k = part[0]; k < part[1]; k++) {
        const d = DIGIT_FOR[t.s[k]!];
        if (d !== undefined) out[t.start + k] = d;
      }
    }
    lineStart += line.length + 1;
  }
}

/**
 * ß read as B ("HauptstraBe", "MeiBner", "FuB"): ß only ever follows a vowel or diphthong, so a
 * capital B after a lower-case vowel that is not the word's first letter, before a lower-case letter
 * or the word's end, is ß. ("eBay", "kB", "dB" and "GmbH" stay.)
 */
const SHARP_S = /(?<=\p{L}[aeiouäöü])B(?=\p{Ll}|(?!\p{L}))/gu;

/** A word broken at the line end: "Durchschlaf-\nstörungen" (not "Ein-\nund Durchschlaf…"). */
const HYPHENATED = /(\p{L}{2,})-\n(\p{Ll}{2,})/gu;
const NOT_A_CONTINUATION = new Set(['und', 'oder', 'bzw', 'sowie', 'and', 'or']);

/**
 * A card number whose last group tesseract put into a block of its own (wide gaps on an embossed
 * card: "5376 5167 2437\n\n2313"): exactly three groups of four digits ending a line, at most one
 * blank line, then a line of one group of four. The break becomes spaces; the card validator (Luhn
 * + issuer) decides whether the joined number is anything. Other shapes (tax IDs, table columns)
 * are left alone: joining them would make numbers that are not there.
 */
const SPLIT_CARD = /(?<=(?:^|[^\d\n ] ?)\d{4} \d{4} \d{4})(\n\n?)(?=\d{4}$)/gmu;

/** Table borders tesseract reads as | (alone between spaces or at a line's edge). */
const BORDER = /(?<=^|[ \t])[|¦](?=[ \t]|$)/gmu;

/**
 * Repair typical OCR noise. Returns a string of the same length as `text`, so offsets carry over.
 */
export function normalizeOcrText(text: string): string {
  if (text === '') return text;
  const out = text.split('');
  for (const m of text.matchAll(BORDER)) out[m.index] = ' ';
  repairDigits(text, out);
  for (const m of text.matchAll(SHARP_S)) out[m.index] = 'ß';
  for (const m of text.matchAll(SPLIT_CARD)) for (let k = 0; k < m[1]!.length; k++) out[m.index + k] = ' ';
  for (const m of text.matchAll(HYPHENATED)) {
    if (NOT_A_CONTINUATION.has(m[2]!)) continue;
    // "Durchschlaf-\nstörungen" → "Durchschlafstörungen  ": the second part moves up two places.
    const at = m.index + m[1]!.length;
    const second = m[2]!;
    for (let k = 0; k < second.length; k++) out[at + k] = out[at + 2 + k]!;
    out[at + second.length] = ' ';
    out[at + second.length + 1] = '\n';
  }
  return out.join('');
}

/**
 * The analysis of an image whose text could not be read (not an image, OCR failed, timed out): no
 * findings, the policy's `ocrFailure` action (default warn) under the policy's mode, and an error
 * that says why. `reason` is shown to the user and written into `sendguard scan` output.
 */
export function ocrFailureAnalysis(policy: Policy, reason: string): Analysis {
  return {
    findings: [],
    decision: applyMode(policy.ocrFailure, [], policy),
    error: { recognizer: 'ocr', message: `image could not be read: ${reason}` },
  };
}
