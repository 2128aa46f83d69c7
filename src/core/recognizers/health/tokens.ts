// Tokens for the health recognizer: words, hyphen compounds ("Brustkrebs-OP") as one unit, and a
// spelling-tolerant lookup key (ä = ae = a, ß = ss = s) so "Hoergeraet" finds "Hörgerät".
import { foldSameLength } from '../../text.js';

/** One word, or a hyphen compound of several words, in the message. */
export interface Unit {
  /** UTF-16 offsets into the original text (end exclusive). */
  start: number;
  end: number;
  /** Lower-case surface form, with hyphens, without a trailing apostrophe suffix ("tom's" → "tom"). */
  lower: string;
  /** Lookup key: folded, digraphs collapsed, hyphens removed. */
  key: string;
  /** Hyphen parts of a compound ("brustkrebs", "op"); empty for a plain word. */
  parts: readonly Part[];
  /** Apostrophe suffix, if any: "s" (tom's), "m" (i'm), "ve", "t", "ll", "d", "re". */
  apos: string;
  /** lower plus the apostrophe suffix with a plain apostrophe ("i'm", "won't"). */
  word: string;
  /** The unit was followed by a sentence break (. ! ? ; newline) before the next unit. */
  breakAfter: boolean;
}

export interface Part {
  start: number;
  end: number;
  lower: string;
  key: string;
}

/** Spelling-tolerant key of a lower-case word: ä/ae → a, ö/oe → o, ü/ue → u, ß/ss → s, hyphens dropped. */
export function keyOf(lower: string): string {
  const cached = KEY_CACHE.get(lower);
  if (cached !== undefined) return cached;
  let k = ASCII_WORD.test(lower) ? lower : foldSameLength(lower);
  if (k.includes('-') || k.includes('‑')) k = k.replace(/[-‑]/g, '');
  if (DIGRAPH.test(k)) k = k.replace(DIGRAPHS, (d) => d[0]!);
  // Chat repeats its words: a bounded cache saves the folding on every keystroke.
  if (KEY_CACHE.size >= KEY_CACHE_MAX) KEY_CACHE.clear();
  KEY_CACHE.set(lower, k);
  return k;
}
const KEY_CACHE = new Map<string, string>();
const KEY_CACHE_MAX = 20000;
const ASCII_WORD = /^[a-z0-9-]*$/;
const DIGRAPH = /ae|oe|ue|ss/;
const DIGRAPHS = /ae|oe|ue|ss/g;

const APOS = new Set(['s', 'm', 've', 't', 'll', 'd', 're']);

// Words are runs of letters and digits (/[\p{L}\p{N}]+/u). A hand-written scanner with a per-char
// table is several times faster than that Unicode regex, which was half the cost of tokenizing.
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** BMP char code → 0 not yet known, 1 letter or digit, 2 other. Filled on first sight. */
const BMP_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) BMP_CLASS[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 2;

/** Length in UTF-16 units (1 or 2) of the letter or digit at i, or 0 when there is none. */
function wordCharAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    // A surrogate pair is one code point (astral letters such as 𝐀 or CJK extension B).
    if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR.test(s.slice(i, i + 2)) ? 2 : 0;
  }
  let k = BMP_CLASS[c]!;
  if (k === 0) BMP_CLASS[c] = k = WORD_CHAR.test(s[i]!) ? 1 : 2;
  return k === 1 ? 1 : 0;
}

/** Split a lower-cased text into units. `lower` must have the same length as the original text. */
export function tokenize(lower: string): Unit[] {
  const starts: number[] = [];
  const ends: number[] = [];
  /** Words of a-z and 0-9 without ae/oe/ue/ss are their own key: no keyOf lookup for most words. */
  const plain: boolean[] = [];
  for (let i = 0; i < lower.length; ) {
    let w = wordCharAt(lower, i);
    if (w === 0) {
      i++;
      continue;
    }
    const start = i;
    let ascii = true;
    let prev = 0;
    do {
      if (ascii) {
        const c = lower.charCodeAt(i);
        if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) ascii = false;
        else if (c === 101 ? prev === 97 || prev === 111 || prev === 117 : c === 115 && prev === 115) ascii = false; // ae oe ue, ss
        prev = c;
      }
      i += w;
    } while (i < lower.length && (w = wordCharAt(lower, i)) > 0);
    starts.push(start);
    ends.push(i);
    plain.push(ascii);
  }
  const n = starts.length;
  const units: Unit[] = [];
  let i = 0;
  while (i < n) {
    const start = starts[i]!;
    let end = ends[i]!;
    // Only hyphen compounds get a parts array: one allocation less per plain word.
    let parts: Part[] | undefined;
    let j = i + 1;
    let apos = '';
    // Hyphen compounds: words joined by exactly one hyphen, no spaces; English apostrophe suffixes.
    while (j < n) {
      const gapStart = ends[j - 1]!;
      if (starts[j]! - gapStart !== 1) break;
      const ch = lower.charCodeAt(gapStart);
      if (ch === 0x2d || ch === 0x2011) {
        // "-" or the non-breaking hyphen "‑"
        parts ??= [mkPart(lower, start, end)];
        parts.push(mkPart(lower, starts[j]!, ends[j]!));
        end = ends[j]!;
        j++;
        continue;
      }
      if (ch === 0x27 || ch === 0x2019) {
        // "'" or "’"
        const suffix = lower.slice(starts[j]!, ends[j]!);
        if (APOS.has(suffix)) {
          apos = suffix;
          j++;
        }
      }
      break;
    }
    const lowerText = lower.slice(start, end);
    const after = apos ? ends[j - 1]! : end;
    const nextStart = j < n ? starts[j]! : lower.length;
    let breakAfter = false;
    for (let c = after; c < nextStart && !breakAfter; c++) {
      const ch = lower.charCodeAt(c);
      breakAfter = ch === 46 || ch === 33 || ch === 63 || ch === 59 || ch === 10; // . ! ? ; newline
    }
    units.push({
      start,
      end,
      lower: lowerText,
      key: parts ? parts.map((p) => p.key).join('') : plain[i] ? lowerText : keyOf(lowerText),
      parts: parts ?? NO_PARTS,
      apos,
      word: apos ? `${lowerText}'${apos}` : lowerText,
      breakAfter,
    });
    i = j;
  }
  return units;
}

/** The parts of a plain word: none (shared, never mutated). */
const NO_PARTS: Part[] = [];

function mkPart(lower: string, start: number, end: number): Part {
  const l = lower.slice(start, end);
  return { start, end, lower: l, key: keyOf(l) };
}

const INFLECTIONS = ['ern', 'en', 'em', 'er', 'es', 'ns', 'e', 'n', 's'];

/** Drop one inflection ending (German/English), keeping at least 4 letters: for loose phrase matching. */
export function stripInflection(key: string): string {
  if (key.length <= 4) return key;
  if (key.endsWith('ies') && key.length > 5) return key.slice(0, -3) + 'y';
  for (const e of INFLECTIONS) {
    if (key.endsWith(e) && key.length - e.length >= 4) return key.slice(0, -e.length);
  }
  return key;
}

const DE_FUNCTION = 'der die das und ist ich nicht mit hat von zu den dem ein eine einen auf für bin sich im es war wir er noch auch heute bitte wegen seit hab habe mal kann muss schon aber oder wie was wenn dass ins bei nach jetzt hier sind haben wird'.split(' ');
const EN_FUNCTION = 'the and is to of a my i you with for have has was this that it be on at are will can not but or if we our your me he she his they been got just today please'.split(' ');
/** Function word → 1 German, 2 English, 3 both ("was", "will"): one lookup per word. */
const FUNCTION_WORDS = new Map<string, number>();
for (const w of DE_FUNCTION) FUNCTION_WORDS.set(w, 1);
for (const w of EN_FUNCTION) FUNCTION_WORDS.set(w, (FUNCTION_WORDS.get(w) ?? 0) | 2);

/** True when German function words outnumber English ones (ties count as German when any German word exists). */
export function looksGerman(units: readonly Unit[]): { german: boolean; english: boolean } {
  let de = 0;
  let en = 0;
  for (const u of units) {
    const f = FUNCTION_WORDS.get(u.lower);
    if (f === undefined) continue;
    if (f & 1) de++;
    if (f & 2) en++;
  }
  return { german: de >= en && de > 0, english: en >= de && en > 0 };
}
