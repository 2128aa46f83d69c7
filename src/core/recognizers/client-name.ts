// client_name: names of the people on the policy's client list (ctx.clients).
// Matches a client's surname (spelling-tolerant, see names/skeleton.ts), then decides from the
// tokens around it: the client's given name before or after it (full name), a salutation, an
// initial, or — for a bare surname — how distinctive the surname is and whether the text uses it as
// a name. A different given name or initial before the surname means another person (Petra Klein,
// Thomas Müller, E.T.A. Hoffmann) and stops the match. Rule data: rules/client_name.json.
import rules from '../../../rules/client_name.json';
import type { AnalysisContext, Finding, Recognizer } from '../types.js';
import { clientIndex, type ClientIndex, type SurnameKey } from './names/client-index.js';
import { isGivenName, lexicon } from './names/lexicon.js';
import { ocrVariant, skeleton } from './names/skeleton.js';
import { sk, tokenize, type Token } from './names/tokens.js';

const S = rules.scores;
const SALUTATIONS = new Set(rules.salutations);
const TITLES = new Set(rules.titles);
const CONTEXT_BEFORE = new Set(rules.contextBefore);
const CONTEXT_AFTER = new Set(rules.contextAfter);
const SUBJECT_VERBS = new Set(rules.subjectVerbs);
const ARTICLES = new Set(rules.articles);
const BUSINESS_BEFORE = new Set(rules.businessBefore);
const PLACE_AFTER = new Set(rules.placeAfter);
const SHOP_AFTER = new Set((rules as { shopAfter?: string[] }).shopAfter ?? []);
const BRAND_PREPOSITIONS = new Set(rules.brandPrepositions);

/** Gaps allowed inside one name: "Kaya-Schulz", "Kaya Schulz", "O'Brien". */
const INNER_GAP = /^(?:[ \t]*[-'’][ \t]*|[ \t]+)$/;
const SPACE_GAP = /^[ \t]+$/;
const GIVEN_GAP = /^(?:[ \t]*-[ \t]*|[ \t]+)$/;
const REVERSED_GAP = /^[ \t]*,?[ \t]*$/;
const SALUTATION_GAP = /^\.?[ \t]+$|^\.$/;
const INITIAL_GAP = /^\.[ \t]*$/;
const SENTENCE_BREAK = /[.!?\n]/;
const GLUE_GAP = /^[-'’]$/;

interface Match {
  key: SurnameKey;
  /** Token range of the surname, end exclusive. */
  first: number;
  end: number;
}

function skels(t: Token, ocr: boolean, text: string): string[] {
  const s = sk(t);
  if (!ocr) return [s];
  const v = ocrVariant(text.slice(t.start, t.end));
  return v ? [s, skeleton(v)] : [s];
}

/** German genitive "Nowaks Mutter", "Zielinskis Akte": the surname without its -s, for distinctive surnames. */
function genitive(t: Token, idx: ClientIndex): Match | null {
  if (t.low.length < 5 || !t.low.endsWith('s')) return null;
  const keys = idx.byFirst.get(skeleton(t.low.slice(0, -1)));
  const key = keys?.find((k) => k.atoms.length === 1 && k.strength === 'strong');
  return key ? { key, first: -1, end: -1 } : null;
}

function matchAt(toks: Token[], i: number, idx: ClientIndex, ocr: boolean, text: string): Match | null {
  const t = toks[i]!;
  if (t.blocked || t.glued) return null;
  const g = idx.byFirst.has(sk(t)) ? null : genitive(t, idx);
  if (g) return { key: g.key, first: i, end: i + 1 };
  for (const first of skels(t, ocr, text)) {
    const keys = idx.byFirst.get(first);
    if (!keys) continue;
    for (const key of keys) {
      let ok = true;
      for (let k = 1; k < key.atoms.length && ok; k++) {
        const n = toks[i + k];
        ok = n !== undefined && !n.blocked && INNER_GAP.test(n.gap) && skels(n, ocr, text).includes(key.atoms[k]!);
      }
      if (ok) return { key, first: i, end: i + key.atoms.length };
    }
  }
  return null;
}

/** Does token j belong to the given name of one of these clients? */
function givenOfAny(idx: ClientIndex, t: Token, clients: number[]): boolean {
  const set = idx.givenOf.get(sk(t));
  return set !== undefined && clients.some((c) => set.has(c));
}

function isSalutation(t: Token): boolean {
  return SALUTATIONS.has(t.low) || TITLES.has(t.low);
}

function finding(ctx: AnalysisContext, start: number, end: number, score: number, pattern: string, context?: string[]): Finding {
  return {
    type: 'client_name',
    start,
    end,
    text: ctx.text.slice(start, end),
    score,
    rule: `client_name.${pattern}`,
    explanation: {
      recognizer: 'client_name',
      pattern: `client_name.${pattern}`,
      baseScore: score,
      ...(context && context.length ? { context } : {}),
      notes: ['matches a name on the client list'],
    },
  };
}

/** The given-name tokens of the match's clients directly before the surname; -1 if none. */
function givenBefore(toks: Token[], m: Match, idx: ClientIndex, ocr: boolean): number {
  let j = m.first - 1;
  if (j < 0 || !(SPACE_GAP.test(toks[m.first]!.gap) || (ocr && /^\s+$/.test(toks[m.first]!.gap)))) return -1;
  let start = -1;
  // One middle name not on the list: "Anna Maria Müller" for Anna Müller.
  const mid = toks[j]!;
  if (j > 0 && !givenOfAny(idx, mid, m.key.clients) && isGivenName(mid.low, sk(mid)) && SPACE_GAP.test(mid.gap) &&
      givenOfAny(idx, toks[j - 1]!, m.key.clients)) j--;
  while (j >= 0 && !toks[j]!.blocked && givenOfAny(idx, toks[j]!, m.key.clients)) {
    start = j;
    if (!GIVEN_GAP.test(toks[j]!.gap) || j === 0) break;
    j--;
  }
  // "Anna-Lena Winter" is not "Lena Winter": the given name must not be glued to another word.
  if (start >= 0 && GLUE_GAP.test(toks[start]!.gap) && start > 0) return -2;
  return start;
}

/** The given-name tokens after the surname ("Wolf, Jonas", "Nguyen Thi Lan"); returns the end token (exclusive) or -1. */
function givenAfter(toks: Token[], m: Match, idx: ClientIndex): number {
  let j = m.end;
  if (j >= toks.length || !REVERSED_GAP.test(toks[j]!.gap) || toks[j]!.gap === '') return -1;
  let end = -1;
  while (j < toks.length && !toks[j]!.blocked && givenOfAny(idx, toks[j]!, m.key.clients)) {
    end = j + 1;
    j++;
    if (j >= toks.length || !GIVEN_GAP.test(toks[j]!.gap)) break;
  }
  if (end >= 0 && end < toks.length && GLUE_GAP.test(toks[end]!.gap)) return -1;
  return end;
}

/** Index of the first salutation/title token directly before token i ("Frau Dr. Anna Müller"), or i. */
function withSalutation(toks: Token[], i: number): number {
  let s = i;
  while (s > 0 && isSalutation(toks[s - 1]!) && SALUTATION_GAP.test(toks[s]!.gap)) s--;
  return s;
}

function atSentenceStart(toks: Token[], i: number): boolean {
  return i === 0 || /[.!?:;\n]/.test(toks[i]!.gap);
}

/** Name context words before (within three tokens of the same sentence, only function words between) or after. */
function nameContext(toks: Token[], m: Match): string | null {
  const lx = lexicon();
  for (let j = m.first - 1, n = 0; j >= 0 && n < 3; j--, n++) {
    const t = toks[j]!;
    if (CONTEXT_BEFORE.has(t.low)) return t.low;
    if (!lx.func.has(t.low) || SENTENCE_BREAK.test(toks[j + 1]!.gap)) break;
  }
  const a = toks[m.end];
  if (a && !SENTENCE_BREAK.test(a.gap)) {
    if (CONTEXT_AFTER.has(a.low)) return a.low;
    if (a.low === 'zu' && toks[m.end + 1]?.low === 'hause') return 'zu hause';
  }
  return null;
}

function evaluate(ctx: AnalysisContext, toks: Token[], m: Match, idx: ClientIndex): Finding | null {
  const lx = lexicon();
  const first = toks[m.first]!;
  const last = toks[m.end - 1]!;
  const prev = m.first > 0 ? toks[m.first - 1] : undefined;
  const next = toks[m.end];
  // The surname must be a whole word, not part of a compound ("Anna-Müller-Straße", "Müller-Lüdenscheidt").
  if (prev && GLUE_GAP.test(first.gap) && !givenOfAny(idx, prev, m.key.clients)) return null;
  if (next && GLUE_GAP.test(next.gap) && !(next.low === 's' && next.gap !== '-')) return null;

  // Full name, given name first ("Jonas Wolf", "Heinz-Günther Meißner", "Thi Lan Nguyen").
  const gb = givenBefore(toks, m, idx, ctx.ocr);
  if (gb >= 0) return finding(ctx, toks[withSalutation(toks, gb)]!.start, last.end, S.full, 'full');
  // Full name, surname first ("Wolf, Jonas", "wolf jonas", "Nguyen Thi Lan"); not "im Winter Lena …".
  const ga = givenAfter(toks, m, idx);
  if (ga >= 0 && !(m.key.strength !== 'strong' && prev && ARTICLES.has(prev.low) && SPACE_GAP.test(first.gap))) {
    return finding(ctx, first.start, toks[ga - 1]!.end, S.full, 'full_reversed');
  }
  if (gb === -2) return null;

  if (prev && !prev.blocked) {
    // Salutation or title directly before: "Frau Öztürk", "hr. braun", "Frau Dr. Koch", "Familie Schäfer".
    if (isSalutation(prev) && SALUTATION_GAP.test(first.gap)) {
      return finding(ctx, toks[withSalutation(toks, m.first)]!.start, last.end, S.salutation, 'salutation');
    }
    // Initial: "A. Müller". Another initial ("J. Müller" for Anna, "E.T.A. Hoffmann") is someone else.
    if (prev.low.length === 1 && INITIAL_GAP.test(first.gap)) {
      let s = m.first - 1;
      while (s > 0 && toks[s - 1]!.low.length === 1 && /^\.?$/.test(toks[s]!.gap.trim()) && toks[s]!.gap.length <= 2) s--;
      const initial = toks[s]!.low.normalize('NFD')[0]!;
      if (!m.key.clients.some((c) => idx.clients[c]!.initials.has(initial))) return null;
      const start = withSalutation(toks, s);
      return finding(ctx, toks[start]!.start, last.end, start < s ? S.salutation : S.initial, 'initial');
    }
    // Another person's given name before the surname: "Petra Klein", "Thomas Müller", "Freddy Krüger".
    if (SPACE_GAP.test(first.gap)) {
      const otherClient = idx.givenOf.has(sk(prev));
      if (otherClient || (isGivenName(prev.low, sk(prev)) && !lx.common.has(prev.low))) return null;
    }
  }

  // Bare surname. "Müller, Thomas" is someone else.
  if (next && /^[ \t]*,[ \t]*$/.test(next.gap) && next.cap && isGivenName(next.low, sk(next)) && !lx.common.has(next.low)) return null;
  const prevSameLine = prev && /^[ \t"'„“‚(]*$/.test(first.gap) ? prev : undefined;
  if (prevSameLine && BUSINESS_BEFORE.has(prevSameLine.low)) return null; // "Pizzeria Romano", "pho nguyen"
  if (prevSameLine && m.key.brand && BRAND_PREPOSITIONS.has(prevSameLine.low)) return null; // "bei müller"
  if (next && /^[ \t.\-&+]*$/.test(next.gap) && PLACE_AFTER.has(next.low)) return null; // "Nowak GmbH", "Wolf Straße", "Stoll & Partner"
  // "Nguyen's Pho Bar": a possessive surname before a business word.
  const after = next && next.low === 's' && GLUE_GAP.test(next.gap) ? toks[m.end + 1] : undefined;
  if (after && /^[ \t]+$/.test(after.gap) && PLACE_AFTER.has(after.low)) return null;
  // "bei Romano gibt's die beste Pasta": a shop or restaurant named by the surname.
  if (prevSameLine && BRAND_PREPOSITIONS.has(prevSameLine.low) && next && SPACE_GAP.test(next.gap) && SHOP_AFTER.has(next.low)) return null;

  let strength = m.key.strength;
  // A salutation is never a bare surname ("Fam." is not "Pham"); a text word that only meets the
  // surname through its skeleton ("has" vs Haas) is a word.
  if (m.end - m.first === 1 && isSalutation(first)) return null;
  if (m.end - m.first === 1 && lx.common.has(first.low)) strength = 'word';
  const articled = prevSameLine !== undefined && ARTICLES.has(prevSameLine.low);
  const context = nameContext(toks, m);
  const span = [first.start, last.end] as const;
  if (strength === 'strong') {
    return context
      ? finding(ctx, ...span, S.surnameWithContext, 'surname', [context])
      : finding(ctx, ...span, S.surname, 'surname');
  }
  if (articled) return null; // "der Koch", "im Winter", "eine Rose"
  if (context) return finding(ctx, ...span, S.weakWithContext, 'surname_context', [context]);
  const subject = atSentenceStart(toks, m.first) && next !== undefined && SPACE_GAP.test(next.gap) && SUBJECT_VERBS.has(next.low);
  if (subject) return finding(ctx, ...span, strength === 'weak' ? S.weakSubject : S.wordSubject, 'surname_subject', [next.low]);
  if (strength === 'weak') return finding(ctx, ...span, S.weakBare, 'surname_weak');
  return null;
}

export const clientNameRecognizer: Recognizer = {
  id: 'client_name',
  types: ['client_name'],
  prefilter(ctx) {
    return ctx.clients.length > 0 && ctx.text.length > 1;
  },
  analyze(ctx) {
    const idx = clientIndex(ctx.clients);
    if (idx.byFirst.size === 0) return [];
    const toks = tokenize(ctx.text, ctx.lower);
    const out: Finding[] = [];
    for (let i = 0; i < toks.length; ) {
      const m = matchAt(toks, i, idx, ctx.ocr, ctx.text);
      if (!m) {
        i++;
        continue;
      }
      const f = evaluate(ctx, toks, m, idx);
      if (f) {
        out.push(f);
        // Continue after the finding (a reversed full name ends after the given name).
        let j = m.end;
        while (j < toks.length && toks[j]!.start < f.end) j++;
        i = j;
      } else {
        i = m.end;
      }
    }
    return out;
  },
};
