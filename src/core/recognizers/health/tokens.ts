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
  /** Hyphen parts (one entry for a plain word). */
  parts: Part[];
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

const WORD = /[\p{L}\p{N}]+/gu;
const APOS = new Set(['s', 'm', 've', 't', 'll', 'd', 're']);

/** Split a lower-cased text into units. `lower` must have the same length as the original text. */
export function tokenize(lower: string): Unit[] {
  const starts: number[] = [];
  const ends: number[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m; m = WORD.exec(lower)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  const n = starts.length;
  const units: Unit[] = [];
  let i = 0;
  while (i < n) {
    const parts: Part[] = [mkPart(lower, starts[i]!, ends[i]!)];
    let j = i + 1;
    let apos = '';
    // Hyphen compounds: words joined by exactly one hyphen, no spaces; English apostrophe suffixes.
    while (j < n) {
      const gapStart = ends[j - 1]!;
      if (starts[j]! - gapStart !== 1) break;
      const ch = lower[gapStart];
      if (ch === '-' || ch === '‑') {
        parts.push(mkPart(lower, starts[j]!, ends[j]!));
        j++;
        continue;
      }
      if (ch === "'" || ch === '’') {
        const suffix = lower.slice(starts[j]!, ends[j]!);
        if (APOS.has(suffix)) {
          apos = suffix;
          j++;
        }
      }
      break;
    }
    const start = starts[i]!;
    const end = parts[parts.length - 1]!.end;
    const lowerText = parts.length === 1 ? parts[0]!.lower : lower.slice(start, end);
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
      key: parts.length === 1 ? parts[0]!.key : parts.map((p) => p.key).join(''),
      parts,
      apos,
      word: apos ? `${lowerText}'${apos}` : lowerText,
      breakAfter,
    });
    i = j;
  }
  return units;
}

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

const DE_FUNCTION = new Set('der die das und ist ich nicht mit hat von zu den dem ein eine einen auf für bin sich im es war wir er noch auch heute bitte wegen seit hab habe mal kann muss schon aber oder wie was wenn dass ins bei nach jetzt hier sind haben wird'.split(' '));
const EN_FUNCTION = new Set('the and is to of a my i you with for have has was this that it be on at are will can not but or if we our your me he she his they been got just today please'.split(' '));

/** True when German function words outnumber English ones (ties count as German when any German word exists). */
export function looksGerman(units: readonly Unit[]): { german: boolean; english: boolean } {
  let de = 0;
  let en = 0;
  for (const u of units) {
    if (DE_FUNCTION.has(u.lower)) de++;
    if (EN_FUNCTION.has(u.lower)) en++;
  }
  return { german: de >= en && de > 0, english: en >= de && en > 0 };
}
