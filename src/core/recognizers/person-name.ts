// person_name: a person's name that is not (necessarily) a client: colleagues, relatives, others.
// Used as context (health data near a person is about that person) and allowed by default, so it
// favours recall over precision, but never reads a common word, a role ("Frau Doktor") or a kinship
// word ("mein Sohn", "my wife": those are the health recognizer's business) as a name.
// Plain heuristics over the shared tokens: no NLP library, so it costs microseconds per message.
import rules from '../../../rules/person_name.json';
import type { AnalysisContext, Finding, Recognizer } from '../types.js';
import { isGivenName, lexicon } from './names/lexicon.js';
import { sk, tokenize, type Token } from './names/tokens.js';

const S = rules.scores;
const SALUTATIONS = new Set(rules.salutations);
const TITLES = new Set(rules.titles);
const NOT_NAMES = new Set([...rules.roleWords, ...rules.kinship]);
const PREPOSITIONS = new Set(rules.prepositions);
const SUBJECT_VERBS = new Set(rules.subjectVerbs);

const SPACE_GAP = /^[ \t]+$/;
const SALUTATION_GAP = /^\.?[ \t]+$|^\.$/;
const HYPHEN_GAP = /^-$/;
const COMMA_GAP = /^[ \t]*,[ \t]*$/;
/** Abbreviated salutations: without their dot ("HR portal", "Fr Backfisch" = Freitag) they are not salutations. */
const GERMAN_ABBREVIATIONS = new Set(['hr', 'hrn', 'fr', 'frl', 'fam']); // always with a dot
const ABBREVIATIONS = new Set(['dr', 'prof', 'mr', 'mrs', 'ms', 'mx']); // dot, or a capitalised name
/** Name particles inside a surname: "De Luca", "van der Berg", "Al Hassan". */
const PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'van', 'von', 'der', 'den', 'ten', 'ter', 'zu', 'al', 'el', 'bin', 'ibn', 'abu', 'la', 'le', 'mac', 'mc']);
const TITLE_CASE = /^\p{Lu}\p{Ll}/u;
/** German infinitives and plurals ("verschieben", "kindern") are no surnames in lower-case text. */
const VERB_LIKE = /(?:en|ern|eln)$/;

function usable(t: Token | undefined): t is Token {
  return t !== undefined && (!t.blocked || t.mention) && !t.glued;
}

function given(t: Token): boolean {
  const lx = lexicon();
  return t.low.length >= 3 && !lx.func.has(t.low) && !NOT_NAMES.has(t.low) && isGivenName(t.low, sk(t));
}

/** A capitalised word that can be a surname: not a function/role/kinship word, not a plain common word. */
function surnameLike(t: Token | undefined): boolean {
  if (!usable(t) || !t.cap || t.low.length < 2) return false; // usable() narrows t
  const lx = lexicon();
  if (lx.func.has(t.low) || NOT_NAMES.has(t.low) || SALUTATIONS.has(t.low)) return false;
  return !lx.common.has(t.low) || lx.surnameWords.has(t.low) || isGivenName(t.low, sk(t));
}

/** Extend a name over hyphen-glued capitalised parts ("Müller-Lüdenscheidt") and particles ("De Luca"). */
function extend(toks: Token[], j: number): number {
  for (;;) {
    const n = toks[j + 1];
    if (n && HYPHEN_GAP.test(n.gap) && n.cap && usable(n)) j++;
    else if (PARTICLES.has(toks[j]!.low) && n && SPACE_GAP.test(n.gap) && (n.cap || PARTICLES.has(n.low)) && usable(n)) j++;
    else return j;
  }
}

/** Lower-case words that start a surname ("von der Leyen"); "der", "la", "zu" … only inside one or capitalised. */
const LEADING_PARTICLES = new Set(['von', 'van', 'de', 'di', 'da', 'del', 'della', 'al', 'el', 'bin', 'ibn', 'abu', 'mac', 'mc']);

/** A particle that starts a surname: "De Luca" after "Frau" or "Francesca", "von der Leyen". */
function particleSurname(toks: Token[], j: number): boolean {
  const t = toks[j];
  if (t === undefined || !PARTICLES.has(t.low) || !(t.cap || LEADING_PARTICLES.has(t.low))) return false;
  let k = j + 1;
  while (toks[k] && PARTICLES.has(toks[k]!.low) && SPACE_GAP.test(toks[k]!.gap)) k++;
  const n = toks[k];
  return n !== undefined && SPACE_GAP.test(n.gap) && surnameLike(n) && !PARTICLES.has(n.low);
}

function finding(ctx: AnalysisContext, toks: Token[], a: number, b: number, score: number, pattern: string): Finding {
  const start = toks[a]!.start;
  const end = toks[b]!.end;
  return {
    type: 'person_name',
    start,
    end,
    text: ctx.text.slice(start, end),
    score,
    rule: `person_name.${pattern}`,
    explanation: { recognizer: 'person_name', pattern: `person_name.${pattern}`, baseScore: score },
  };
}

/** Try a name starting at token i; returns [finding, last token index] or null. */
function at(ctx: AnalysisContext, toks: Token[], i: number): [Finding, number] | null {
  const lx = lexicon();
  const t = toks[i]!;
  if (!usable(t)) return null;

  // 1. Salutation / title + name: "Frau Keller", "Herrn Becker", "Dr. Schmidt", "frau keller".
  if (SALUTATIONS.has(t.low)) {
    const raw = ctx.text.slice(t.start, t.end);
    const dotted = toks[i + 1]?.gap.startsWith('.') ?? false;
    if (GERMAN_ABBREVIATIONS.has(t.low) && !dotted) return null;
    if (ABBREVIATIONS.has(t.low) && !dotted && (raw === raw.toUpperCase() || !toks[i + 1]?.cap)) return null;
    let j = i + 1;
    while (toks[j] && TITLES.has(toks[j]!.low) && SALUTATION_GAP.test(toks[j]!.gap)) j++;
    const n = toks[j];
    const gapOk = n !== undefined && (j > i + 1 ? SALUTATION_GAP.test(n.gap) : SALUTATION_GAP.test(n.gap));
    if (gapOk && usable(n) && particleSurname(toks, j)) {
      const end = extend(toks, j);
      return [finding(ctx, toks, i, end, S.salutation, 'salutation'), end];
    }
    if (gapOk && usable(n) && !lx.func.has(n.low) && !NOT_NAMES.has(n.low) && !SALUTATIONS.has(n.low) && n.low.length >= 2) {
      if (n.cap || !lx.common.has(n.low)) {
        let end = extend(toks, j);
        // "Frau Anna Keller": a given name followed by a surname.
        if (given(n) && SPACE_GAP.test(toks[end + 1]?.gap ?? '') && surnameLike(toks[end + 1])) end = extend(toks, end + 1);
        return [finding(ctx, toks, i, end, n.cap ? S.salutation : S.salutationLower, n.cap ? 'salutation' : 'salutation_lower'), end];
      }
    }
    return null;
  }

  if (!given(t)) return null;
  const ambiguous = lx.common.has(t.low); // Mark, Frank, Rose, Will …
  const g = extend(toks, i); // "Heinz-Günther"
  const n = toks[g + 1];

  // 2. Given name + surname: "Sandra Keller", "Petra Klein", "thomas müller".
  if (n && SPACE_GAP.test(n.gap)) {
    if (t.cap && (surnameLike(n) || particleSurname(toks, g + 1))) {
      let end = extend(toks, g + 1);
      // "Anna Lena Schmidt"
      if (given(n) && SPACE_GAP.test(toks[end + 1]?.gap ?? '') && surnameLike(toks[end + 1])) end = extend(toks, end + 1);
      return [finding(ctx, toks, i, end, ambiguous ? S.fullNameAmbiguous : S.fullName, 'full'), end];
    }
    if (!t.cap && !ambiguous && !n.cap && usable(n) && n.low.length >= 3 && !lx.func.has(n.low) && !NOT_NAMES.has(n.low) &&
        (lx.surnameWords.has(n.low) || (!lx.common.has(n.low) && !VERB_LIKE.test(n.low))) && !SUBJECT_VERBS.has(n.low)) {
      return [finding(ctx, toks, i, g + 1, S.fullNameLower, 'full_lower'), g + 1];
    }
  }

  // 3. "Berger, Julia" (surname first, as in forms and lists).
  const p = toks[i - 1];
  if (t.cap && !ambiguous && COMMA_GAP.test(t.gap) && p !== undefined && surnameLike(p) && !isGivenName(p.low, sk(p)) && !lx.common.has(p.low)) {
    return [finding(ctx, toks, i - 1, g, S.surnameFirst, 'surname_first'), g];
  }

  // 4. A lone given name: "Steffi fällt aus", "Tom's sick note", "giulia hat erzählt".
  if (ambiguous || t.low.length < 3) return null;
  if (t.cap) return TITLE_CASE.test(ctx.text.slice(t.start, t.end)) ? [finding(ctx, toks, i, g, S.givenName, 'given_name'), g] : null;
  const prevWord = toks[i - 1];
  if ((n && SPACE_GAP.test(n.gap) && SUBJECT_VERBS.has(n.low)) || (prevWord && PREPOSITIONS.has(prevWord.low) && SPACE_GAP.test(t.gap))) {
    return [finding(ctx, toks, i, g, S.givenNameLower, 'given_name_lower'), g];
  }
  return null;
}

export const personNameRecognizer: Recognizer = {
  id: 'person_name',
  types: ['person_name'],
  prefilter(ctx) {
    return ctx.text.length > 2;
  },
  analyze(ctx) {
    const toks = tokenize(ctx.text, ctx.lower);
    const out: Finding[] = [];
    for (let i = 0; i < toks.length; i++) {
      const r = at(ctx, toks, i);
      if (!r) continue;
      // "Berger, Julia" starts one token back: drop a lone-name finding it swallows.
      const last = out[out.length - 1];
      if (last && last.end > r[0].start) out.pop();
      out.push(r[0]);
      i = r[1];
    }
    return out;
  },
};
