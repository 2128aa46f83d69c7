// Small text helpers shared by recognizers. Pure and allocation-light: they run on every send.

/** Lower-case char by char, keeping the string's length (so offsets stay valid). */
export function lowerSameLength(s: string): string {
  const l = s.toLowerCase();
  if (l.length === s.length) return l;
  let out = '';
  for (const ch of s) {
    const lc = ch.toLowerCase();
    out += lc.length === ch.length ? lc : ch;
  }
  return out;
}

const FOLD: Record<string, string> = {
  ä: 'a', ö: 'o', ü: 'u', ß: 's', ı: 'i', ğ: 'g', ş: 's', ç: 'c', ł: 'l', ó: 'o', ś: 's', ń: 'n',
  ź: 'z', ż: 'z', ą: 'a', ę: 'e', ć: 'c', é: 'e', è: 'e', ê: 'e', ë: 'e', á: 'a', à: 'a', â: 'a',
  ã: 'a', å: 'a', í: 'i', ì: 'i', î: 'i', ï: 'i', ò: 'o', ô: 'o', õ: 'o', ø: 'o', ú: 'u', ù: 'u',
  û: 'u', ñ: 'n', ý: 'y', ž: 'z', š: 's', č: 'c', ř: 'r', ď: 'd', ť: 't', ň: 'n', ő: 'o', ű: 'u',
  đ: 'd', ă: 'a', ơ: 'o', ư: 'u', ț: 't', ș: 's',
};

/**
 * Fold a lower-case string to ASCII letters, one char in → one char out (ß → s, ü → u),
 * so offsets are preserved. Use for tolerant matching, never for display.
 */
export function foldSameLength(lower: string): string {
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]!;
    const code = ch.charCodeAt(0);
    if (code < 128) {
      out += ch;
      continue;
    }
    const f = FOLD[ch];
    if (f !== undefined) {
      out += f;
      continue;
    }
    // Decompose other Latin letters with diacritics (NFD) and keep the base letter when it is one char.
    const base = ch.normalize('NFD')[0] ?? ch;
    out += base.length === 1 && base.charCodeAt(0) < 128 ? base : ch;
  }
  return out;
}

/** Index of a word boundary check for ASCII/Latin text: true if c is a letter or digit. */
export function isWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  return /[\p{L}\p{N}_]/u.test(c);
}
