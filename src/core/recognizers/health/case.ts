// Case-insensitive rule regexes, run on the lower-cased text instead.
//
// V8 runs a large alternation with the i flag (and much more so with iu) several times slower than the
// same alternation without it: the prefilter regex alone was a quarter of the recognizer's time on
// typical chat messages. ctx.lower is the text lower-cased char by char (same length, same offsets), so
// a rule regex with its letters lower-cased and without the i flag finds exactly the same matches on
// ctx.lower, as long as lower-casing a char of the text gives what the i flag would compare it as.
// The rule regexes name only ASCII and Latin-1 chars, and for those that holds, except for the few
// chars whose case mappings cross into or out of that range (ſ → S, K Kelvin sign → k, Å Ångström sign,
// ẞ → ß, Ÿ → ÿ, µ → μ): a text with one of them keeps the original regex on the original text. Names
// with ş, ł, ń, ğ, ı, İ (Ayşe, Wiśniewski, Yılmaz, İlker) stay on the fast path.

export interface CaselessRegex {
  /** The rule's regex as written, for the original text. */
  original: RegExp;
  /** Letters lower-cased outside escapes, no i flag, for ctx.lower; undefined when not case-insensitive. */
  lowered: RegExp | undefined;
}

export function caseless(source: string, flags: string): CaselessRegex {
  const original = new RegExp(source, flags);
  if (!flags.includes('i') || !lowerable(source, flags.includes('u'))) return { original, lowered: undefined };
  return { original, lowered: new RegExp(lowerSource(source), flags.replace('i', '')) };
}

/**
 * Sources whose meaning survives lower-casing: literal chars only from ASCII and Latin-1 except µ (what
 * lowerMatchesFolded assumes); no class range between letters of different case ([A-z]); as escapes only
 * class and control escapes (\s, \S, \d, \b, \n …), backreferences, escaped punctuation, and with the u
 * flag \p{L} and \p{N} (\P{L} with the i flag also matches letters whose case partner is no letter;
 * \u and \x could name other chars; without u, \P is the letter P).
 */
function lowerable(source: string, unicode: boolean): boolean {
  if (/[^\x00-\xb4\xb6-\xff]|[A-Z]-[a-z]|[a-z]-[A-Z]/.test(source)) return false;
  for (const [, e] of source.matchAll(/\\(p\{[^}]*\}|[^])/g)) {
    if (!/^[a-zA-Z]/.test(e!) || /^[bBdDsSwWfnrtv]$/.test(e!)) continue;
    if (unicode && (e === 'p{L}' || e === 'p{N}')) continue;
    return false;
  }
  return true;
}

/** Lower-cases the letters of a regex source, keeping escapes (\S, \p{L}) and group names as written. */
function lowerSource(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    let end = i; // last index of a piece copied as written
    if (source[i] === '\\') end = source.startsWith('p{', i + 1) ? source.indexOf('}', i) : i + 1;
    else if (source.startsWith('(?<', i) && source[i + 3] !== '=' && source[i + 3] !== '!') end = source.indexOf('>', i);
    if (end > i) {
      out += source.slice(i, end + 1);
      i = end;
      continue;
    }
    out += source[i]!.toLowerCase(); // ASCII and Latin-1 only (lowerable): always one char
  }
  return out;
}

/**
 * True when, for every char of the text, its lower case (in ctx.lower) equals a rule regex's lower-cased
 * ASCII or Latin-1 char exactly when the i flag (with or without u) would match the two: then a lowered
 * regex on ctx.lower matches as the original does on the text.
 */
export function lowerMatchesFolded(text: string): boolean {
  // A regex skips the ASCII and Latin-1 stretches faster than a charCodeAt loop.
  OUTSIDE_LATIN1.lastIndex = 0;
  for (let m = OUTSIDE_LATIN1.exec(text); m; m = OUTSIDE_LATIN1.exec(text)) if (!staysAbove(m[0].charCodeAt(0))) return false;
  return true;
}
/** Chars from U+0100 up, and µ (it folds to Greek μ). Without the u flag: surrogate halves one by one. */
const OUTSIDE_LATIN1 = /[^\x00-\xb4\xb6-\xff]/g;

/** BMP char code → 0 not yet known, 1 safe, 2 not. */
const SAFE = new Uint8Array(0x10000);

/**
 * A char from U+0100 up is safe when its lower and upper case are itself or single chars from U+0100 up
 * (it never compares equal to an ASCII or Latin-1 char, with or without the i flag) of its own kind:
 * with the i flag, \p{L} also matches a non-letter whose case partner is a letter (U+0345 → Ι).
 * Surrogate halves count as safe: no astral char maps below U+0100.
 */
function staysAbove(c: number): boolean {
  if (c === 0xb5) return false;
  let k = SAFE[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    const ok = (m: string) => m === ch || (m.length === 1 && m.charCodeAt(0) >= 0x100 && LETTER.test(m) === LETTER.test(ch) && DIGIT.test(m) === DIGIT.test(ch));
    SAFE[c] = k = (ok(ch.toLowerCase()) && ok(ch.toUpperCase())) || TURKISH_I.includes(ch) ? 1 : 2;
  }
  return k === 1;
}
const LETTER = /\p{L}/u;
/**
 * ı upper-cases to I and İ lower-cases to two chars (so ctx.lower keeps İ), yet the i flag matches
 * neither with i or I (no simple case folding; I is ASCII): each only matches itself, as in ctx.lower.
 */
const TURKISH_I = ['ı', 'İ'];
const DIGIT = /\p{N}/u;
