// Name skeletons: one spelling-independent key per name part, so "Müller", "Mueller" and "Muller",
// "Iwanow", "Ivanov" and "Iwanov", "Kusnezow" and "Kuznetsov", "Yılmaz" and "Yilmaz" meet.
// Used only to compare a text word with a list name, never for display. Both sides go through the
// same function, so a rule that merges two spellings can only cost precision where two real names
// merge; common words that happen to hit a skeleton are filtered by the recognizer (common-words).
import { foldSameLength } from '../../text.js';

/**
 * Skeleton of one lower-case word (letters only, no spaces or hyphens).
 * Steps: ß → ss; diacritics folded (ü → u, ł → l, ı → i …); German transliteration ue/oe/ae → u/o/a;
 * Cyrillic/German/English transliteration variants (tsch/ch, sch/sh, w/v, z/s, j/y/i, x/ks, tz/ts/z,
 * kh/ch/h, ph/f, th/t, ck/k); doubled letters collapsed (Hoffmann = Hofmann, Strauss = Straus).
 */
export function skeleton(lowerWord: string): string {
  let s = foldSameLength(lowerWord); // ß → s here; the doubling collapse makes "ss" → "s" anyway
  if (/[A-Z]/.test(s)) s = s.toLowerCase(); // "İ" keeps its case in lowerSameLength and folds to "I"
  let r = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const n = s[i + 1];
    if (n === 'e' && (c === 'a' || c === 'o' || c === 'u')) {
      r += c; // ae/oe/ue → a/o/u
      i++;
    } else if (c === 't' && n === 's' && s[i + 2] === 'c' && s[i + 3] === 'h') {
      r += 'h'; // tsch → ch → h
      i += 3;
    } else if ((c === 't' && n === 's') || ((c === 't' || c === 'd' || c === 'c') && n === 'z')) {
      r += 's'; // ts, tz, dz, cz → z → s
      i++;
    } else if (c === 's' && n === 'c' && s[i + 2] === 'h') {
      r += 'sh'; // sch → sh
      i += 2;
    } else if (n === 'h' && (c === 't' || c === 'c' || c === 'k' || c === 'p')) {
      r += c === 't' ? 't' : c === 'p' ? 'f' : 'h'; // th → t, ch/kh → h, ph → f
      i++;
    } else if (c === 'c' && n === 'k') {
      r += 'k';
      i++;
    } else if (c === 'x') r += 'ks';
    else if (c === 'w') r += 'v';
    else if (c === 'z') r += 's';
    else if (c === 'j' || c === 'y') r += 'i';
    else r += c;
  }
  // Collapse doubled letters: Hoffmann = Hofmann, Strauss = Strauß.
  let out = '';
  for (let i = 0; i < r.length; i++) if (r[i] !== r[i - 1]) out += r[i];
  return out;
}

/**
 * OCR reads ß as B ("StrauB", "MeiBner"). Returns the word with such a B read back as ß, or null
 * when there is none. Works on the original-case word: only a capital B after a lower-case letter.
 */
export function ocrVariant(word: string): string | null {
  if (!/\p{Ll}B/u.test(word)) return null;
  return word.replace(/(\p{Ll})B/gu, '$1ß').toLowerCase();
}
