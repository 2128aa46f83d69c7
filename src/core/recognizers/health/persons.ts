// Person references near a health term: what turns a medical word into Art. 9 data about someone.
// Strong: pronouns and possessives (ich, mein, er, ihre, I'm, my, his), salutations (Frau X, Mr X),
// family and role nouns (mein Sohn, die Klientin, my wife), English possessive names (Tom's).
// Weak: verb forms that point at a subject (hat, ist, has), name-like words before such a verb,
// and case-work words (Akte, Hilfeplan, Übergabe).
import { MAIN } from './lexicon.js';
import type { Unit } from './tokens.js';

export interface PersonRef {
  start: number;
  end: number;
  strong: boolean;
  /** Developer-facing label for the explanation, never a name: "pronoun 'mein'", "salutation 'Frau'". */
  label: string;
  /** A role or family noun ("Bewohner", "client"): may be plural or generic, so it does not outweigh a general frame. */
  role?: boolean;
}

const P = MAIN.persons;
const STRONG_DE = new Set(P.strong);
const STRONG_EN = new Set(P.strongEn);
const SECOND_PLURAL = new Set(P.secondPlural);
const ROLES = new Set(P.roles);
const SALUTATIONS = new Set(P.salutations);
const FAMILY = new Set(P.family ?? []);
const POSSESSIVES = new Set(P.possessives ?? []);
export const VERBS3 = new Set(P.verbs3);
const WEAK_CUES = new Set((P.weakCues ?? []).filter((w) => !/\s/.test(w)));
const WEAK_CUE_PHRASES = new Map<string, string[][]>();
for (const w of P.weakCues ?? []) {
  const parts = w.split(/\s+/);
  if (parts.length > 1) WEAK_CUE_PHRASES.set(parts[0]!, [...(WEAK_CUE_PHRASES.get(parts[0]!) ?? []), parts]);
}
const isUpper = (ch: string | undefined) => ch !== undefined && ch !== ch.toLowerCase();
/** Words that are also German (bin, er) or English (her, he, im, mine) function words: count only in that language. */
const GERMAN_ONLY = new Set(['bin', 'er', 'hab', 'habe', 'hatte', 'selbst']);
const ENGLISH_ONLY = new Set(['her', 'he', 'im', 'mine', 'ive']);
const SIE_SINGULAR = new Set(['war', 'muss', 'kann', 'soll', 'will', 'darf', 'mag', 'weiß', 'lag', 'nahm', 'bekam', 'kam', 'ging', 'wurde', 'wird', 'sich', 'hatte']);
const NOT_NAMES = new Set(['die', 'der', 'das', 'the', 'this', 'that', 'it', 'es', 'er', 'sie', 'wer', 'was', 'who', 'what', 'there', 'here', 'da', 'hier', 'dies', 'dieser', 'diese', 'jemand', 'someone', 'everyone', 'niemand', 'man', 'alles', 'nichts']);

/** A capitalised word after these is a noun, not a name: "Die Apotheke hat", "the pharmacy has". */
export const DETERMINERS = new Set(['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'unser', 'unsere', 'unseren', 'euer', 'eure', 'jede', 'jeder', 'jedes', 'diese', 'dieser', 'dieses', 'kein', 'keine', 'the', 'a', 'an', 'our', 'your', 'this', 'that', 'every', 'each', 'no', 'any']);

// The lists above as bit flags of one table: one lookup per word instead of one per list.
const F_STRONG_DE = 1;
const F_STRONG_EN = 2;
const F_ROLE = 4;
const F_SALUTATION = 8;
const F_CUE = 16;
const F_CUE_PHRASE = 32;
const F_VERB3 = 64;
const F_DETERMINER = 128;
const FLAGS = new Map<string, number>();
for (const [list, flag] of [
  [STRONG_DE, F_STRONG_DE],
  [STRONG_EN, F_STRONG_EN],
  [ROLES, F_ROLE],
  [SALUTATIONS, F_SALUTATION],
  [WEAK_CUES, F_CUE],
  [WEAK_CUE_PHRASES.keys(), F_CUE_PHRASE],
  [VERBS3, F_VERB3],
  [DETERMINERS, F_DETERMINER],
] as const) {
  for (const w of list) FLAGS.set(w, (FLAGS.get(w) ?? 0) | flag);
}

function plural(text: string, u: Unit): boolean {
  return /^(?:[*:_/]?innen|Innen)/.test(text.slice(u.end, u.end + 7)) || /Innen$/.test(text.slice(u.start, u.end));
}

/** All person references in the message. `lang` gates words that are ambiguous across the two languages. */
export function findPersons(units: readonly Unit[], text: string, lang: { german: boolean; english: boolean }, isTerm: (u: Unit) => boolean): PersonRef[] {
  const out: PersonRef[] = [];
  const n = units.length;
  // Flags of each unit's lower-case form and of its form with the apostrophe suffix ("won't", "tom's").
  const byLower = new Uint8Array(n);
  const byWord = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const u = units[i]!;
    byLower[i] = FLAGS.get(u.lower) ?? 0;
    byWord[i] = u.apos ? (FLAGS.get(u.word) ?? 0) : byLower[i]!;
  }
  for (let i = 0; i < n; i++) {
    const u = units[i]!;
    const next = units[i + 1];
    const w = u.word;
    const l = u.lower;
    const fl = byLower[i]!;
    // No helper closures in this loop: a closure per unit (and tsx's keepNames wrapper around each) was
    // the largest single cost of the recognizer.

    if (u.apos === 's' && isUpper(text[u.start]) && !isTerm(u)) {
      out.push(ref(u, true, "possessive name (…'s)"));
      continue;
    }
    if (fl & F_STRONG_DE && !u.apos && (!GERMAN_ONLY.has(l) || lang.german)) {
      out.push(ref(u, true, roleLabel('pronoun', l, next)));
      continue;
    }
    if ((byWord[i]! & F_STRONG_EN || (fl & F_STRONG_EN && !u.apos)) && (!ENGLISH_ONLY.has(l) || lang.english || u.apos)) {
      out.push(ref(u, true, roleLabel('pronoun', w, next)));
      continue;
    }
    if (l === 'sie' && lang.german) {
      const n1 = next?.lower ?? '';
      const n2 = units[i + 2]?.lower ?? '';
      const singular = SIE_SINGULAR.has(n1) ? (n1 !== 'sich' || /t$/.test(n2)) : /t$/.test(n1) && !/(?:en|et)$/.test(n1);
      out.push(singular ? ref(u, true, "pronoun 'sie' (singular verb)") : ref(u, false, "pronoun 'sie'"));
      continue;
    }
    if (l === 'ihr' && lang.german) {
      const possessive = next && !SECOND_PLURAL.has(next.lower) && !next.breakAfter && !u.breakAfter;
      out.push(possessive ? ref(u, true, "possessive 'ihr'") : ref(u, false, "pronoun 'ihr'"));
      continue;
    }
    // "die Kleine hat …", "der Kleine ist …": the child, when a verb follows.
    if ((l === 'kleine' || l === 'kleiner' || l === 'kleinen') && lang.german && next && byWord[i + 1]! & F_VERB3) {
      const prev = units[i - 1];
      if (prev && /^(?:der|die|den|dem|mein|meine|meinem|meinen|unser|unsere|unserem|unseren)$/.test(prev.lower)) {
        out.push({ start: u.start, end: u.end, strong: true, label: `role '${prev.lower} ${l}'`, role: true });
        continue;
      }
    }
    if (fl & F_ROLE && !plural(text, u)) {
      // "unser Sohn", "our daughter": a possessive before a family noun names one person (like "mein Sohn"),
      // where a bare role noun ("Bewohner") may be generic.
      const prev = units[i - 1];
      if (prev && !prev.breakAfter && POSSESSIVES.has(prev.lower) && FAMILY.has(l)) {
        out.push({ start: prev.start, end: u.end, strong: true, label: `possessive '${prev.lower} ${l}'` });
        continue;
      }
      out.push({ start: u.start, end: u.end, strong: true, label: `role '${l}'`, role: true });
      continue;
    }
    if (fl & F_SALUTATION && next && !u.breakAfter) {
      const surface = text.slice(u.start, u.end);
      const nextSurface = text.slice(next.start, next.end);
      // "MS" is multiple sclerosis, not "Ms"; "fr"/"hr" need their dot or a capitalised name.
      if (l === 'ms' && surface === 'MS') continue;
      if ((l === 'fr' || l === 'hr') && text[u.end] !== '.' && !isUpper(nextSurface[0])) continue;
      out.push({ start: u.start, end: next.end, strong: true, label: `salutation '${surface}'` });
      continue;
    }
    if (fl & F_CUE) {
      out.push(ref(u, false, `case-work word '${l}'`));
      continue;
    }
    const phrase = fl & F_CUE_PHRASE ? WEAK_CUE_PHRASES.get(l)!.find((p) => p.every((x, k) => units[i + k]?.lower === x || units[i + k]?.word === x)) : undefined;
    if (phrase) {
      out.push(ref(u, false, `case-work phrase '${phrase.join(' ')}'`));
      continue;
    }
    // A capitalised word right before a subject verb: "Markus won't", "Steffi fällt", "Emre hat".
    if (next && !u.breakAfter && byWord[i + 1]! & F_VERB3) {
      const prev = units[i - 1];
      const determined = prev !== undefined && !prev.breakAfter && (byLower[i - 1]! & F_DETERMINER) !== 0;
      if (!determined && isUpper(text[u.start]) && !NOT_NAMES.has(l) && !isTerm(u)) out.push(ref(u, false, 'name-like word before a verb'));
    }
  }
  return out;
}

function ref(u: Unit, strong: boolean, label: string): PersonRef {
  return { start: u.start, end: u.end, strong, label };
}

function roleLabel(kind: string, word: string, next: Unit | undefined): string {
  if (next && ROLES.has(next.lower)) return `${kind} '${word} ${next.lower}'`;
  return `${kind} '${word}'`;
}
