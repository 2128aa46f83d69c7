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

function plural(text: string, u: Unit): boolean {
  return /^(?:[*:_/]?innen|Innen)/.test(text.slice(u.end, u.end + 7)) || /Innen$/.test(text.slice(u.start, u.end));
}

/** All person references in the message. `lang` gates words that are ambiguous across the two languages. */
export function findPersons(units: readonly Unit[], text: string, lang: { german: boolean; english: boolean }, isTerm: (u: Unit) => boolean): PersonRef[] {
  const out: PersonRef[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const next = units[i + 1];
    const w = u.word;
    const l = u.lower;
    const strong = (label: string, end = u.end) => out.push({ start: u.start, end, strong: true, label });
    const weak = (label: string) => out.push({ start: u.start, end: u.end, strong: false, label });

    if (u.apos === 's' && isUpper(text[u.start]) && !isTerm(u)) {
      strong("possessive name (…'s)");
      continue;
    }
    if (STRONG_DE.has(l) && !u.apos && (!GERMAN_ONLY.has(l) || lang.german)) {
      strong(roleLabel('pronoun', l, next));
      continue;
    }
    if ((STRONG_EN.has(w) || (STRONG_EN.has(l) && !u.apos)) && (!ENGLISH_ONLY.has(l) || lang.english || u.apos)) {
      strong(roleLabel('pronoun', w, next));
      continue;
    }
    if (l === 'sie' && lang.german) {
      const n1 = next?.lower ?? '';
      const n2 = units[i + 2]?.lower ?? '';
      const singular = SIE_SINGULAR.has(n1) ? (n1 !== 'sich' || /t$/.test(n2)) : /t$/.test(n1) && !/(?:en|et)$/.test(n1);
      if (singular) strong("pronoun 'sie' (singular verb)");
      else weak("pronoun 'sie'");
      continue;
    }
    if (l === 'ihr' && lang.german) {
      if (next && !SECOND_PLURAL.has(next.lower) && !next.breakAfter && !u.breakAfter) strong("possessive 'ihr'");
      else weak("pronoun 'ihr'");
      continue;
    }
    // "die Kleine hat …", "der Kleine ist …": the child, when a verb follows.
    if ((l === 'kleine' || l === 'kleiner' || l === 'kleinen') && lang.german && next && VERBS3.has(next.word)) {
      const prev = units[i - 1];
      if (prev && /^(?:der|die|den|dem|mein|meine|meinem|meinen|unser|unsere|unserem|unseren)$/.test(prev.lower)) {
        out.push({ start: u.start, end: u.end, strong: true, label: `role '${prev.lower} ${l}'`, role: true });
        continue;
      }
    }
    if (ROLES.has(l) && !plural(text, u)) {
      out.push({ start: u.start, end: u.end, strong: true, label: `role '${l}'`, role: true });
      continue;
    }
    if (SALUTATIONS.has(l) && next && !u.breakAfter) {
      const surface = text.slice(u.start, u.end);
      const nextSurface = text.slice(next.start, next.end);
      // "MS" is multiple sclerosis, not "Ms"; "fr"/"hr" need their dot or a capitalised name.
      if (l === 'ms' && surface === 'MS') continue;
      if ((l === 'fr' || l === 'hr') && text[u.end] !== '.' && !isUpper(nextSurface[0])) continue;
      strong(`salutation '${surface}'`, next.end);
      continue;
    }
    if (WEAK_CUES.has(l)) {
      weak(`case-work word '${l}'`);
      continue;
    }
    const phrase = WEAK_CUE_PHRASES.get(l)?.find((p) => p.every((x, k) => units[i + k]?.lower === x || units[i + k]?.word === x));
    if (phrase) {
      weak(`case-work phrase '${phrase.join(' ')}'`);
      continue;
    }
    // A capitalised word right before a subject verb: "Markus won't", "Steffi fällt", "Emre hat".
    const prev = units[i - 1];
    const determined = prev !== undefined && !prev.breakAfter && DETERMINERS.has(prev.lower);
    if (next && !u.breakAfter && !determined && VERBS3.has(next.word) && isUpper(text[u.start]) && !NOT_NAMES.has(l) && !isTerm(u)) {
      weak('name-like word before a verb');
    }
  }
  return out;
}

function roleLabel(kind: string, word: string, next: Unit | undefined): string {
  if (next && ROLES.has(next.lower)) return `${kind} '${word} ${next.lower}'`;
  return `${kind} '${word}'`;
}
