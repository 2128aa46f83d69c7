// Phone recognizer. One cheap candidate regex (a +/00/0 prefix and a run of digits and separators),
// then a small parser splits the run into digit groups and tries prefixes from longest to shortest
// (so a trailing "2 Tage" or a second number does not spoil the first). Each prefix is classified
// against the numbering plan (E.164 lengths, German mobile and landline shapes): the plan gives the
// base score. Context words then raise it (Presidio: +0.35) or, when a negative word such as
// "Bestellnr." or "Az." is nearer than any phone word, drop the candidate.
import type { AnalysisContext, Finding, Recognizer } from '../types.js';
import { compileRule, matches, hasDigits, isDigitChar, isWordChar, makeFinding, weighContext, type RuleFile } from './pattern.js';
import phoneRule from '../../../rules/phone.json';

type Plan =
  | 'international'
  | 'international-00'
  | 'de-mobile'
  | 'de-landline-bracketed'
  | 'de-landline-grouped'
  | 'de-service'
  | 'de-landline-compact';

const FILE = phoneRule as RuleFile & { plans: Record<Plan, number>; contextBoost: number };
const RULE = compileRule(FILE);

interface Group {
  digits: string;
  /** Absolute offsets of the group in the text (brackets included for a bracketed group). */
  start: number;
  end: number;
  bracketed: boolean;
}

const SEPARATORS = ' \u00a0-/';

/**
 * Split a candidate into digit groups. A separator run is at most 3 characters with at most one
 * dash or slash ("0160 / 9182"); brackets must enclose exactly one group ("(0221)", "(0)").
 * Parsing stops at the first thing that does not fit; the groups read so far are kept.
 */
function parseGroups(text: string, start: number, end: number): { plus: boolean; groups: Group[] } {
  let i = start;
  const plus = text[i] === '+';
  if (plus) i++;
  const groups: Group[] = [];
  while (i < end) {
    let bracketed = false;
    const gStart = i;
    if (text[i] === '(') {
      bracketed = true;
      i++;
    }
    const dStart = i;
    while (i < end && isDigitChar(text[i])) i++;
    if (i === dStart) break;
    let digits = text.slice(dStart, i);
    // An area code typed with a space inside its brackets: "(02 21) 34 56 78".
    while (bracketed && text[i] === ' ' && isDigitChar(text[i + 1])) {
      const s = ++i;
      while (i < end && isDigitChar(text[i])) i++;
      digits += text.slice(s, i);
    }
    if (bracketed) {
      if (text[i] !== ')') break;
      i++;
    }
    groups.push({ digits, start: gStart, end: i, bracketed });
    // separator run
    const sStart = i;
    let punct = 0;
    while (i < end && SEPARATORS.includes(text[i]!) && i - sStart < 3) {
      if (text[i] === '-' || text[i] === '/') punct++;
      i++;
    }
    if (punct > 1) break;
    // Without a separator only "(0)30" / "(0221)9476" or a following bracket may continue.
    if (i === sStart && text[i] !== '(' && !(bracketed && isDigitChar(text[i]))) break;
  }
  return { plus, groups };
}

interface Classified {
  plan: Plan;
  digits: string;
  notes: string[];
}

/** Classify a prefix of groups against the numbering plans; undefined when it is not a phone number. */
function classify(plus: boolean, groups: readonly Group[]): Classified | undefined {
  const notes: string[] = [];
  let gs = groups;
  // "+49 (0)30 …": the bracketed trunk zero is not dialled from abroad.
  if (plus && gs.length > 2 && gs[1]!.bracketed && gs[1]!.digits === '0') {
    gs = [gs[0]!, ...gs.slice(2)];
    notes.push('trunk prefix (0) ignored');
  }
  const digits = gs.map((g) => g.digits).join('');
  if (plus || digits.startsWith('00')) {
    const intl = plus ? digits : digits.slice(2);
    if (!plus && (gs.length < 2 || gs[0]!.digits.length > 5)) return undefined; // "0012345678": an id with leading zeros
    if (intl.startsWith('49')) {
      let nsn = intl.slice(2);
      if (nsn.startsWith('0')) nsn = nsn.slice(1); // "+49 0176 …" (trunk zero typed by mistake)
      if (nsn.length < 6 || nsn.length > 12) return undefined;
      if (/^1[5-7]/.test(nsn) && (nsn.length < 10 || nsn.length > 11)) return undefined;
    } else if (intl.length < 8 || intl.length > 15) return undefined;
    return { plan: plus ? 'international' : 'international-00', digits, notes };
  }
  if (!digits.startsWith('0')) return undefined;
  const first = gs[0]!;
  if (/^01[5-7]/.test(digits)) {
    if (digits.length < 11 || digits.length > 12) return undefined;
    if (gs.length > 1 && first.digits.length < 3) return undefined;
    return { plan: 'de-mobile', digits, notes };
  }
  if (digits.length < 7 || digits.length > 12) return undefined;
  if (digits.startsWith('01')) return { plan: 'de-service', digits, notes };
  if (gs.length === 1) return { plan: 'de-landline-compact', digits, notes };
  if (first.bracketed && first.digits.length >= 3 && first.digits.length <= 6) return { plan: 'de-landline-bracketed', digits, notes };
  if (first.digits.length < 3) return undefined; // "03/2024", "08 12 …": not an area code
  if (first.digits.length > 6) return { plan: 'de-landline-compact', digits, notes };
  return { plan: 'de-landline-grouped', digits, notes };
}

/** The number is glued to something that makes it another kind of number (date, IP, amount, file no.). */
function badLeft(text: string, start: number): boolean {
  const prev = text[start - 1];
  if (prev !== undefined && '.,:/- \u00a0'.includes(prev) && isDigitChar(text[start - 2])) return true; // "51.3-…", "3704 0044 …"
  // The previous token mixes letters and digits ("NL30", "INV-5120"): a code or IBAN fragment.
  const m = /([\p{L}\p{N}\-]+)[ \u00a0]$/u.exec(text.slice(Math.max(0, start - 24), start));
  if (m !== null && /\p{L}/u.test(m[1]!) && /\d/.test(m[1]!)) return true;
  // Inside an IBAN-like code ("NL30 RABO 0344 …" with a failing checksum): an IBAN head a few tokens back.
  const tokens = text.slice(Math.max(0, start - 16), start).split(/[ \u00a0]+/).slice(-4, -1);
  return tokens.some((t) => /^[A-Za-z]{2}\d{2}$/.test(t));
}

function badRight(text: string, end: number): boolean {
  const next = text[end];
  if (next === undefined) return false;
  if (/^[ \u00a0]?(?:uhr|h)\b/i.test(text.slice(end, end + 5))) return true; // opening hours "0800-1200 Uhr"
  if (isWordChar(next)) return true;
  return '.,:'.includes(next) && isDigitChar(text[end + 1]);
}

function analyzeCandidate(ctx: AnalysisContext, start: number, end: number, patternName: string, baseOfPattern: number): { finding?: Finding; next: number } {
  const text = ctx.text;
  if (badLeft(text, start)) return { next: end };
  const { plus, groups } = parseGroups(text, start, end);
  for (let k = groups.length; k >= 1; k--) {
    const prefix = groups.slice(0, k);
    const last = prefix[k - 1]!;
    if (badRight(text, last.end)) continue;
    const c = classify(plus, prefix);
    if (!c) continue;
    const spanEnd = last.end;
    const base = FILE.plans[c.plan];
    const { positive, negative, suppressed } = weighContext(RULE, ctx, start, spanEnd);
    if (suppressed) return { next: spanEnd }; // "Bestellnr. 0176-2231-88": the writer says what it is
    let score = base;
    const notes = [...c.notes, `numbering plan: ${c.plan} (${c.digits.length} digits)`];
    if (positive.length > 0) {
      score = Math.max(0.4, Math.min(1, base + FILE.contextBoost));
      notes.push(`context raised the score by ${FILE.contextBoost}`);
    }
    if (negative.length > 0) notes.push(`negative context ignored (phone words nearer): ${negative.map((h) => h.word).join(', ')}`);
    return {
      next: spanEnd,
      finding: makeFinding('phone', `phone.${c.plan}`, ctx, start, spanEnd, score, {
        recognizer: 'phone',
        pattern: `phone.${patternName}`,
        context: positive.map((h) => h.word),
        baseScore: base,
        notes: [`candidate pattern base score ${baseOfPattern}`, ...notes],
      }),
    };
  }
  return { next: start + 1 };
}

export const phoneRecognizer: Recognizer = {
  id: 'phone',
  types: ['phone'],
  prefilter(ctx) {
    return hasDigits(ctx.text, 7);
  },
  analyze(ctx) {
    const out: Finding[] = [];
    for (const { p, m } of matches(RULE, ctx)) {
      const start = m.index;
      const { finding, next } = analyzeCandidate(ctx, start, start + m[0].length, p.name, p.score);
      if (finding) out.push(finding);
      p.re.lastIndex = Math.max(next, start + 1);
    }
    return out;
  },
};
