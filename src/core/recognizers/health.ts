// health (GDPR Art. 9): information about an identifiable person's health, German and English.
//
// Tier A: ICD-10(-GM) codes with context, care levels, GdB, pregnancy weeks, lab values.
// Tier B: lexicons (rules/health-lexicon-*.json, rules/health-medications.json) matched per word with
//         generated inflections, phrases, compound heads ("-störung", "-entzündung", body part + "-bruch"),
//         medical suffixes ("-itis") and INN stems ("-pril", "-sartan").
// Tier C: the score of each term rises with a person reference (ich, mein Sohn, Frau X, his) and medical
//         context nearby, and falls in a general frame (Vortrag, Statistik, %, Broschüre, for all staff)
//         or an idiom ("sick of", "giving me a headache", "macht mir Kopfschmerzen").
import type { AnalysisContext, Finding, Recognizer } from '../types.js';
import { lexicon, MAIN, phraseStarts, SCORE, type Lexicon, type Phrase, type TermHit, type Tier } from './health/lexicon.js';
import { caseless, lowerMatchesFolded, type CaselessRegex } from './health/case.js';
import { DETERMINERS, findPersons, VERBS3, type PersonRef } from './health/persons.js';
import { keyOf, looksGerman, stripInflection, tokenize, type Unit } from './health/tokens.js';

interface Candidate {
  start: number;
  end: number;
  tier: Tier;
  category: string;
  base: number;
  rule: string;
  pattern: string;
  notes: string[];
  /** Index of the first unit the candidate covers, or -1 for regex patterns. */
  unit: number;
  /** ICD codes are scored by their own context rule. */
  icd?: boolean;
}

interface Prepared {
  units: Unit[];
  /** What the lexicon says about each unit's key (same index as units). */
  infos: KeyInfo[];
  lang: { german: boolean; english: boolean };
  /** Case-insensitive rule regexes may run lowered on ctx.lower (health/case.ts). */
  folded: boolean;
}

const TIER_RANK: Record<Tier, number> = { S: 3, M: 2, P: 1, W: 0 };
const num = (k: string, d: number) => (typeof SCORE[k] === 'number' ? SCORE[k] : d);
const S_PERSON = num('personStrong', 0.25);
const S_PERSON_WEAK = num('personWeak', 0.1);
const S_CONTEXT = num('healthContext', 0.15);
const S_CONTEXT_WEAK = num('weakContext', 0.1);
const S_SOFT_NEG = num('softNegative', 0.15);
const S_NEG_PERSON = num('negativeWithPerson', 0.2);
const NEG_CAP = num('negativeCap', 0.25);
const EMIT_MIN = num('emitMin', 0.25);
const W_PERSON = num('windowPerson', 120);
const W_CONTEXT = num('windowContext', 120);
const W_NEG = num('windowNegative', 100);
const TIER_BASE: Record<Tier, number> = { S: 0.5, M: 0.35, W: 0.2, P: 0.2, ...((MAIN.scores.tier ?? {}) as Partial<Record<Tier, number>>) };

/** Words after which a place (Krankenhaus, KH, Klinik) means a stay: "im KH", "in die Klinik". */
const LOC_ONE = new Set(['im', 'ins', 'vom', 'zur']);
const LOC_TWO = new Set(['in der', 'in die', 'in dem', 'in den', 'aus der', 'aus dem', 'auf der', 'auf die', 'in eine', 'in einer', 'in ein', 'in einem', 'von der']);
/** Words before a letter+digits code that make it a room, gate, line or version rather than an ICD code. */
const NOT_ICD_BEFORE = new Set(['raum', 'gate', 'zimmer', 'room', 'kurs', 'bus', 'linie', 'line', 'version', 'v', 'typ', 'type', 'modell', 'model', 'flug', 'flight', 'platz', 'sitz', 'seat', 'reihe', 'row', 'block', 'haus', 'gebäude', 'building', 'tor', 'halle', 'ebene', 'level', 'format', 'din', 'art', 'nr', 'artikel', 'ticket', 'klasse', 'class', 'bahnsteig', 'gleis', 'platform', 'kw', 'vitamin', 'stufe', 'feld', 'zelle', 'cell', 'spalte', 'column', 'sektor', 'bereich', 'autobahn', 'bundesstraße', 'kabine', 'abteil', 'stellplatz', 'parkplatz', 'kennzeichen', 'tarif', 'e', 'größe', 'size']);

interface Compiled {
  patterns: { name: string; re: CaselessRegex; score: number; category: string; keywords: string[] | undefined }[];
  /** Every pattern and idiom keyword in one alternation: one pass tells which keywords occur. */
  keywordRe: RegExp;
  /** For each keyword: the patterns and idioms (by index) that need it or a keyword it contains. */
  keywordTargets: Map<string, { patterns: number[]; idioms: number[] }>;
  /** Idioms, each run only when one of its keywords occurs. */
  idioms: { re: RegExp; keywords: string[] }[];
  vertebra: RegExp;
  dosage: RegExp;
  icdContext: Set<string>;
  /** Context and negative words and phrases, by first word: one pass over the units finds all four kinds. */
  words: Map<string, { kind: MarkerKind; parts: string[] }[]>;
}

let compiled: Compiled | undefined;
function compile(): Compiled {
  if (compiled) return compiled;
  const words = new Map<string, { kind: MarkerKind; parts: string[] }[]>();
  const add = (list: readonly string[], kind: MarkerKind) => {
    for (const w of list) {
      const parts = w.toLowerCase().split(/\s+/).filter(Boolean);
      if (parts.length === 0) continue;
      words.set(parts[0]!, [...(words.get(parts[0]!) ?? []), { kind, parts }]);
    }
  };
  add(MAIN.context.health, 'ctx');
  add(MAIN.negative.hard, 'hard');
  add(MAIN.negative.soft, 'soft');
  add(MAIN.negative.job ?? [], 'job');
  const allKeywords = [...new Set([...MAIN.patterns.flatMap((p) => p.keywords ?? []), ...MAIN.idioms.flatMap((i) => i.keywords)])].sort(
    (a, b) => b.length - a.length,
  );
  compiled = {
    patterns: MAIN.patterns.map((p) => ({ name: p.name, re: caseless(p.regex, p.flags), score: p.score, category: p.category, keywords: p.keywords })),
    idioms: MAIN.idioms.map((i) => ({ re: new RegExp(i.regex, 'gu'), keywords: i.keywords })),
    keywordRe: new RegExp(
      allKeywords
        .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    ),
    keywordTargets: new Map(
      allKeywords.map((k) => {
        // A longer keyword hides the shorter ones it contains ("schizophren" ⊃ "schizo"): it stands for all.
        const has = (list: readonly string[] | undefined) => !!list && list.some((x) => k.includes(x));
        const indexes = (list: readonly { keywords?: string[] }[]) => list.flatMap((x, i) => (has(x.keywords) ? [i] : []));
        return [k, { patterns: indexes(MAIN.patterns), idioms: indexes(MAIN.idioms) }];
      }),
    ),
    vertebra: new RegExp(MAIN.vertebra, 'u'),
    dosage: new RegExp(MAIN.dosage, 'gu'),
    icdContext: new Set(MAIN.context.icd.map((w) => w.toLowerCase())),
    words,
  };
  return compiled;
}

/**
 * What the lexicon says about one word key. Looked up once per distinct key and kept (bounded), since
 * chat repeats its words: one lookup per unit instead of one per table (exceptions, words, phrases,
 * compound analysis) and per pass (prefilter, terms, persons).
 */
interface KeyInfo {
  exception: boolean;
  single: readonly TermHit[] | undefined;
  phrases: readonly Phrase[] | undefined;
  /** stripInflection(key), for loose phrase matching. */
  stem: string;
  /** Filled on first use: the prefilter's lex.mayMatch, and the compound analysis (null: none). */
  may: boolean | undefined;
  compound: CompoundHit | null | undefined;
}

const KEY_INFO = new Map<string, KeyInfo>();
const KEY_INFO_MAX = 20000;

function infoOf(lex: Lexicon, key: string): KeyInfo {
  let info = KEY_INFO.get(key);
  if (!info) {
    if (KEY_INFO.size >= KEY_INFO_MAX) KEY_INFO.clear();
    info = { exception: lex.exceptionTokens.has(key), single: lex.single.get(key), phrases: lex.phrases.get(key), stem: stripInflection(key), may: undefined, compound: undefined };
    KEY_INFO.set(key, info);
  }
  return info;
}

function prepare(ctx: AnalysisContext): Prepared {
  const lex = lexicon();
  const units = tokenize(ctx.lower);
  const infos: KeyInfo[] = new Array(units.length);
  for (let i = 0; i < units.length; i++) infos[i] = infoOf(lex, units[i]!.key);
  return { units, infos, lang: looksGerman(units), folded: lowerMatchesFolded(ctx.text) };
}

// The engine calls prefilter and then, when it says yes, analyze with the same context: the prepared
// units are handed over in this one slot (a WeakMap insert per message cost more than it saved), and
// the slot is emptied when taken or not needed, so no message stays referenced.
let handedCtx: AnalysisContext | undefined;
let handed: Prepared | undefined;

function takePrepared(ctx: AnalysisContext): Prepared {
  const p = handedCtx === ctx && handed ? handed : prepare(ctx);
  handedCtx = handed = undefined;
  return p;
}

function mayMatch(lex: Lexicon, key: string): boolean {
  const info = infoOf(lex, key);
  return (info.may ??= lex.mayMatch(key));
}

/** Cheap test: does any word look like a lexicon entry, compound head, suffix, or a code/number pattern? */
let quick: CaselessRegex | undefined;
function prefilter(ctx: AnalysisContext): boolean {
  quick ??= caseless(MAIN.prefilter, 'iu');
  // Prepared here already: analyze needs it whenever this returns true, and the word loop below otherwise.
  const p = prepare(ctx);
  if (mayHaveTerm(p) || (p.folded && quick.lowered ? quick.lowered.test(ctx.lower) : quick.original.test(ctx.text))) {
    handedCtx = ctx;
    handed = p;
    return true;
  }
  handedCtx = handed = undefined;
  return false;
}

/** Does a word look like a lexicon entry, compound head or suffix, or start a phrase? (Word lookups are cached: tried before the regex.) */
function mayHaveTerm({ units, infos }: Prepared): boolean {
  const lex = lexicon();
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const info = infos[i]!;
    if ((info.may ??= lex.mayMatch(u.key)) || phraseStarts(info.phrases, units[i + 1]?.key, infos[i + 1]?.stem)) return true;
    for (const part of u.parts) if (mayMatch(lex, part.key)) return true;
  }
  return false;
}

function bestHit(hits: readonly TermHit[] | undefined, text: string, u: { start: number; end: number }): TermHit | undefined {
  if (!hits) return undefined;
  let best: TermHit | undefined;
  for (const h of hits) {
    if (h.upper) {
      // Abbreviations written in capitals in the rule file match as written or in all capitals.
      const surface = text.slice(u.start, u.end);
      if (surface !== surface.toUpperCase() && surface !== h.entry) continue;
    }
    if (!best || h.base > best.base || (h.base === best.base && TIER_RANK[h.tier] > TIER_RANK[best.tier])) best = h;
  }
  return best;
}

interface CompoundHit {
  tier: Tier;
  category: string;
  base: number;
  rule: string;
  pattern: string;
  note: string;
}

function matchesList(forms: readonly string[], list: readonly string[]): boolean {
  for (const f of forms) for (const m of list) if (f === m || (m.length >= 4 && f.endsWith(m))) return true;
  return false;
}

/** Compound head, medical suffix or INN stem analysis of one word key (cached: pure, and words repeat). */
function compound(lex: Lexicon, key: string, info = infoOf(lex, key)): CompoundHit | undefined {
  if (info.compound === undefined) info.compound = analyzeCompound(lex, key) ?? null;
  return info.compound ?? undefined;
}

function analyzeCompound(lex: Lexicon, key: string): CompoundHit | undefined {
  if (key.length < 3 || lex.exceptionTokens.has(key)) return undefined;
  for (const e of lex.exceptionSuffixes) if (key.endsWith(e)) return undefined;
  let best: CompoundHit | undefined;
  let bestLen = 0;
  for (const { rule, head } of lex.headIndex.get(key.slice(-2)) ?? []) {
    if (!key.endsWith(head) || head.length <= bestLen) continue;
    const mod = key.slice(0, key.length - head.length);
    let tier: Tier | null;
    let note: string;
    if (mod === '') {
      tier = rule.bare;
      note = `head '-${head}' on its own`;
    } else {
      if (mod.length < 2) continue;
      const forms = [mod];
      const linkless = mod.replace(/(?:es|en|er|s|n|e)$/, '');
      if (linkless !== mod && linkless.length >= 2) forms.push(linkless);
      if (rule.exceptions.length && matchesList(forms, rule.exceptions)) continue;
      const listed = rule.modifiers.length > 0 && matchesList(forms, rule.modifiers);
      const body = forms.some((f) => lex.isBody(f));
      if (rule.require === 'list' && !listed) continue;
      if (rule.require === 'body' && !listed && !body) continue;
      tier = rule.tier;
      if (rule.weak.length && matchesList(forms, rule.weak)) tier = 'M';
      else if (rule.strong.length && matchesList(forms, rule.strong)) tier = 'S';
      note = `compound with head '-${head}'` + (body ? ' and a body-part modifier' : listed ? ' and a listed modifier' : '');
    }
    if (!tier) continue;
    bestLen = head.length;
    best = { tier, category: rule.category, base: TIER_BASE[tier], rule: 'health.compound', pattern: `compound:-${head}`, note };
  }
  if (best) return best;
  for (const s of lex.suffixIndex.get(key.slice(-3)) ?? []) {
    if (key.length < s.minLength || !key.endsWith(s.suffix)) continue;
    if (s.exceptions.includes(key) || s.exceptionEndings.some((e) => key.endsWith(e))) continue;
    if (s.stem) return { tier: 'S', category: 'medication', base: num('medicationStem', 0.4), rule: 'health.medication.stem', pattern: `inn-stem:-${s.suffix}`, note: `INN stem '-${s.suffix}'` };
    return { tier: s.tier, category: s.category, base: TIER_BASE[s.tier], rule: 'health.suffix', pattern: `suffix:-${s.suffix}`, note: `medical suffix '-${s.suffix}'` };
  }
  return undefined;
}

function ruleOf(hit: TermHit): string {
  return hit.category === 'medication' && hit.kind === 'medication' ? 'health.medication' : `health.lexicon.${hit.category}`;
}

function fromHit(hit: TermHit, start: number, end: number, unit: number, notes: string[] = []): Candidate {
  return { start, end, tier: hit.tier, category: hit.category, base: hit.base, rule: ruleOf(hit), pattern: `lexicon:${hit.category}:${hit.entry}`, notes, unit };
}

function fromCompound(c: CompoundHit, start: number, end: number, unit: number, extra: string[] = []): Candidate {
  return { start, end, tier: c.tier, category: c.category, base: c.base, rule: c.rule, pattern: c.pattern, notes: [c.note, ...extra], unit };
}

/** Terms starting at unit i: the longest phrase, the word itself, its compound head, or its hyphen parts. */
function matchUnit(lex: Lexicon, units: readonly Unit[], infos: readonly KeyInfo[], i: number, text: string, out: Candidate[]): number {
  const u = units[i]!;
  const info = infos[i]!;
  if (info.exception) return i;
  // Phrases ("psychische Erkrankung", "panic attacks", "in the hospital").
  if (info.phrases) {
    for (const p of info.phrases) {
      if (i + p.keys.length > units.length) continue;
      let ok = true;
      for (let k = 0; k < p.keys.length && ok; k++) {
        ok = units[i + k]!.key === p.keys[k] || infos[i + k]!.stem === p.stems[k];
        if (ok && k < p.keys.length - 1 && units[i + k]!.breakAfter) ok = false;
      }
      if (!ok) continue;
      const last = units[i + p.keys.length - 1]!;
      const hit = bestHit([p.hit], text, { start: u.start, end: last.end });
      if (hit) {
        // The phrase covers its words: "psychiatric nurse" is not also "psychiatric".
        out.push(institutional(lex, fromHit(hit, u.start, last.end, i), units, i + p.keys.length - 1, text));
        return i + p.keys.length - 1;
      }
    }
  }
  const hit = bestHit(info.single, text, u);
  if (hit) {
    out.push(institutional(lex, placeAware(fromHit(hit, u.start, u.end, i), units, i), units, i, text));
    return i;
  }
  if (u.parts.length === 0) {
    const c = compound(lex, u.key, info);
    if (c) out.push(fromCompound(c, u.start, u.end, i));
    return i;
  }
  // Hyphen compound: "Brustkrebs-OP", "Masern-Impfnachweis", "ADHS-Diagnose", "Diabetes-Prävention".
  const lastPart = u.parts[u.parts.length - 1]!;
  if (lex.generalHeads.has(lastPart.key) || lex.generalHeads.has(stripInflection(lastPart.key))) return i;
  const whole = compound(lex, u.key);
  const lastHit = bestHit(infoOf(lex, lastPart.key).single, text, lastPart);
  const lastComp = lastHit ? undefined : compound(lex, lastPart.key);
  let partHit: TermHit | undefined;
  for (const part of u.parts.slice(0, -1)) {
    const h = bestHit(infoOf(lex, part.key).single, text, part);
    if (h && h.tier !== 'W' && h.tier !== 'P' && (!partHit || h.base > partHit.base)) partHit = h;
  }
  const options: Candidate[] = [];
  if (whole) options.push(fromCompound(whole, u.start, u.end, i, ['hyphen compound']));
  if (lastHit) options.push(fromHit(lastHit, u.start, u.end, i, ['hyphen compound, head word in the lexicon']));
  if (lastComp) options.push(fromCompound(lastComp, u.start, u.end, i, ['hyphen compound']));
  if (partHit) options.push(fromHit(partHit, u.start, u.end, i, ['hyphen compound, modifier in the lexicon']));
  if (options.length === 0) return i;
  options.sort((a, b) => b.base - a.base || TIER_RANK[b.tier] - TIER_RANK[a.tier]);
  const best = options[0]!;
  // Both halves medical ("Masern-Impfnachweis"): the stronger tier wins.
  if (partHit && (lastHit || lastComp) && TIER_RANK[partHit.tier] > TIER_RANK[best.tier]) {
    best.tier = partHit.tier;
    best.base = Math.max(best.base, partHit.base);
  }
  out.push(best);
  return i;
}

/** "dementia unit", "diabetes charity", "psychiatric nurse", "Demenz WG": the term names an institution. */
function institutional(lex: Lexicon, c: Candidate, units: readonly Unit[], lastIndex: number, text: string): Candidate {
  const last = units[lastIndex]!;
  const next = units[lastIndex + 1];
  if (!next || !/^\s+$/.test(text.slice(last.end, next.start)) || !(lex.generalHeads.has(next.key) || lex.generalHeads.has(stripInflection(next.key)))) return c;
  const tier: Tier = c.tier === 'S' ? 'M' : 'W';
  return { ...c, tier, base: Math.min(c.base, TIER_BASE[tier]), notes: [...c.notes, `followed by '${next.lower}': names an institution or event`] };
}

/** A place (Krankenhaus, KH, Klinik) after a locative preposition is a stay (M), otherwise W. */
function placeAware(c: Candidate, units: readonly Unit[], i: number): Candidate {
  if (c.tier !== 'P') return c;
  const p1 = units[i - 1];
  const p2 = units[i - 2];
  const loc = (p1 && !p1.breakAfter && LOC_ONE.has(p1.lower)) || (p1 && p2 && !p2.breakAfter && LOC_TWO.has(`${p2.lower} ${p1.lower}`));
  if (loc) return { ...c, tier: 'M', base: TIER_BASE.M, notes: [...c.notes, 'place after a locative preposition: a stay'] };
  return { ...c, tier: 'W', base: TIER_BASE.W };
}

interface Span {
  start: number;
  end: number;
}

function distance(a: Span, b: Span): number {
  return Math.max(b.start - a.end, a.start - b.end, 0);
}
function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Spans in text order (by start), searched only around a candidate: scoring each candidate against
 * every person, marker and term was quadratic in the message length.
 */
class SpansByStart<T extends Span> {
  readonly items: readonly T[];
  private readonly maxLength: number;

  /** `items` must be sorted by start; their order is kept, so "the first one near" stays the same. */
  constructor(items: readonly T[]) {
    this.items = items;
    let max = 0;
    for (const x of items) max = Math.max(max, x.end - x.start);
    this.maxLength = max;
  }

  /** Index of the first item that can lie within `window` of k; stop at the first item starting after k.end + window. */
  from(k: Span, window: number): number {
    // An item starting before this ends more than `window` before k.
    const min = k.start - window - this.maxLength;
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid]!.start < min) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first item, in order, within `window` of k (and not overlapping it, unless `overlapOk`). */
  near(k: Span, window: number, overlapOk = false): T | undefined {
    const last = k.end + window;
    for (let i = this.from(k, window); i < this.items.length; i++) {
      const x = this.items[i]!;
      if (x.start > last) break;
      if ((overlapOk || !overlaps(x, k)) && distance(x, k) <= window) return x;
    }
    return undefined;
  }
}

function byStart<T extends Span>(items: readonly T[]): SpansByStart<T> {
  return new SpansByStart(items);
}

interface Marker {
  start: number;
  end: number;
  word: string;
}

type MarkerKind = 'ctx' | 'hard' | 'soft' | 'job';

/** Positions of context words, general-frame words, aggregate words and work phrases. */
function markers(units: readonly Unit[], words: Compiled['words']): Record<MarkerKind, Marker[]> {
  const out: Record<MarkerKind, Marker[]> = { ctx: [], hard: [], soft: [], job: [] };
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const list = words.get(u.lower) ?? (u.word !== u.lower ? words.get(u.word) : undefined);
    if (!list) continue;
    for (const { kind, parts } of list) {
      let ok = i + parts.length <= units.length;
      for (let k = 1; k < parts.length && ok; k++) ok = units[i + k]!.lower === parts[k] || units[i + k]!.word === parts[k];
      if (ok) out[kind].push({ start: u.start, end: units[i + parts.length - 1]!.end, word: parts.join(' ') });
    }
  }
  return out;
}

function analyze(ctx: AnalysisContext): Finding[] {
  const lex = lexicon();
  const c = compile();
  const { units, infos, lang, folded } = takePrepared(ctx);
  const text = ctx.text;
  const cands: Candidate[] = [];

  for (let i = 0; i < units.length; i++) i = matchUnit(lex, units, infos, i, text, cands);

  // Regex patterns: codes, care levels, GdB, pregnancy weeks, lab values, injuries, sobriety, self-harm.
  const icdMatches: Candidate[] = [];
  // Each pattern and idiom names the words it needs: its regex runs only when one of them occurs.
  const patternOn = new Uint8Array(c.patterns.length);
  const idiomOn = new Uint8Array(c.idioms.length);
  c.keywordRe.lastIndex = 0;
  for (let m = c.keywordRe.exec(ctx.lower); m; m = c.keywordRe.exec(ctx.lower)) {
    const targets = c.keywordTargets.get(m[0])!;
    for (const i of targets.patterns) patternOn[i] = 1;
    for (const i of targets.idioms) idiomOn[i] = 1;
  }
  for (let pi = 0; pi < c.patterns.length; pi++) {
    const p = c.patterns[pi]!;
    if (p.keywords && !patternOn[pi]) continue;
    // Case-insensitive patterns run faster lower-cased on ctx.lower (same offsets): see health/case.ts.
    const re = (folded && p.re.lowered) || p.re.original;
    const subject = re === p.re.original ? text : ctx.lower;
    re.lastIndex = 0;
    for (let m = re.exec(subject); m; m = re.exec(subject)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].trimEnd().length;
      const cand: Candidate = { start, end, tier: 'S', category: p.category, base: p.score, rule: p.category === 'icd10' ? 'health.icd10' : `health.pattern.${p.name}`, pattern: `pattern:${p.name}`, notes: [], unit: -1 };
      if (p.category === 'icd10') {
        cand.icd = true;
        icdMatches.push(cand);
      } else cands.push(cand);
    }
  }

  // Idioms and figurative uses drop the terms they contain.
  const idiomRanges: { start: number; end: number }[] = [];
  if (cands.length) {
    for (let ii = 0; ii < c.idioms.length; ii++) {
      if (!idiomOn[ii]) continue;
      const re = c.idioms[ii]!.re;
      re.lastIndex = 0;
      for (let m = re.exec(ctx.lower); m; m = re.exec(ctx.lower)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        idiomRanges.push({ start: m.index, end: m.index + m[0].length });
      }
    }
  }
  const live = cands.filter((k) => !idiomRanges.some((r) => overlaps(r, k)));

  // Extend a disc or spine finding over a following level: "Bandscheibenvorfall L4/L5".
  for (const k of live) {
    if (!/bandscheib|wirbel|disc|spine|spinal|hernia|vorfall/.test(k.pattern)) continue;
    const m = c.vertebra.exec(text.slice(k.end, k.end + 14));
    if (m) k.end += m[0].length;
  }

  // ICD codes: a code alone is weak; a code with diagnosis context or other health terms is strong.
  if (icdMatches.length) {
    const withDot = icdMatches.filter((k) => text.slice(k.start, k.end).includes('.')).length;
    for (const k of icdMatches) {
      const prev = previousUnit(units, k.start);
      if (prev && NOT_ICD_BEFORE.has(prev.lower)) continue;
      if (live.some((x) => overlaps(x, k))) continue;
      const code = text.slice(k.start, k.end);
      const dot = code.includes('.');
      const lowerCase = /^[a-z]/.test(code);
      const near = nearbyWords(units, k, 80, c.icdContext);
      const healthNear = live.some((x) => !x.icd && x.tier !== 'W' && !overlaps(x, k) && distance(x, k) <= 80);
      let score = 0;
      if (near.length || healthNear) score = dot ? 0.75 : 0.6;
      else if (dot && !lowerCase && withDot >= 2) score = 0.55;
      else if (dot && !lowerCase) score = 0.3;
      if (score === 0) continue;
      k.base = dot ? 0.3 : 0.2;
      k.notes.push(near.length ? `diagnosis context: ${near.slice(0, 3).join(', ')}` : healthNear ? 'health terms nearby' : withDot >= 2 ? 'list of codes' : 'code without context');
      live.push({ ...k, base: score });
    }
  }

  if (live.length === 0) return [];

  const isTerm = (u: Unit) => lex.single.has(u.key);
  const found = markers(units, c.words);
  // Percent signs and gendered plurals come after the word markers of their kind: found later, as before.
  const percent: Marker[] = [];
  for (let i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) percent.push({ start: i, end: i + 1, word: '%' });
  const plurals: Marker[] = [];
  if (text.includes('nnen')) for (const m of text.matchAll(/[*:_]innen|\p{Ll}Innen/gu)) plurals.push({ start: m.index, end: m.index + m[0].length, word: 'plural *innen' });
  const doses: Marker[] = [];
  c.dosage.lastIndex = 0;
  for (let m = c.dosage.exec(text); m; m = c.dosage.exec(text)) doses.push({ start: m.index, end: m.index + m[0].length, word: 'dose' });
  // Units, persons, markers, percent signs, plurals and doses are all found in text order.
  const around: Around = {
    terms: byStart([...live].sort((a, b) => a.start - b.start)),
    persons: byStart(findPersons(units, text, lang, isTerm)),
    healthCtx: byStart(found.ctx),
    hardNeg: [byStart(found.hard), byStart(percent)],
    softNeg: [byStart(found.soft), byStart(plurals)],
    jobNeg: byStart(found.job),
    doses,
  };

  const findings: Finding[] = [];
  for (const k of live) {
    const f = score(k, units, around);
    // Supporting words (Hausarzt, Tabletten, Knie) are reported only when they count on their own:
    // the engine raises findings near a name by 0.2, which must not lift them over the threshold.
    const min = k.tier === 'W' || k.tier === 'P' ? 0.5 : EMIT_MIN;
    if (f && f.score >= min) {
      f.text = text.slice(f.start, f.end);
      findings.push(f);
    }
  }
  return dedupe(findings);
}

/** Index of the first unit ending after pos (units are in text order and do not overlap). */
function unitEndingAfter(units: readonly Unit[], pos: number): number {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid]!.end > pos) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The last unit that ends at or before pos. */
function previousUnit(units: readonly Unit[], pos: number): Unit | undefined {
  return units[unitEndingAfter(units, pos) - 1];
}

function nearbyWords(units: readonly Unit[], k: Span, window: number, set: Set<string>): string[] {
  const out: string[] = [];
  // Only the units within the window, not the whole message per code.
  for (let i = unitEndingAfter(units, k.start - window - 1); i < units.length && units[i]!.start <= k.end + window; i++) {
    const u = units[i]!;
    if (overlaps(u, k) || distance(u, k) > window) continue;
    if (set.has(u.lower) || set.has(keyOf(u.lower))) out.push(u.lower);
  }
  return out;
}

/** What a candidate is scored against. */
interface Around {
  /** All candidates. */
  terms: SpansByStart<Candidate>;
  persons: SpansByStart<PersonRef>;
  healthCtx: SpansByStart<Marker>;
  /** Searched in this order: word markers first, then percent signs (hard) or gendered plurals (soft). */
  hardNeg: SpansByStart<Marker>[];
  softNeg: SpansByStart<Marker>[];
  jobNeg: SpansByStart<Marker>;
  /** Dose expressions, in text order. */
  doses: readonly Marker[];
}

function firstNear(lists: readonly SpansByStart<Marker>[], k: Span, window: number): Marker | undefined {
  for (const list of lists) {
    const m = list.near(k, window);
    if (m) return m;
  }
  return undefined;
}

function score(k: Candidate, units: readonly Unit[], around: Around): Finding | undefined {
  const notes = [...k.notes];
  const context: string[] = [];
  let s = k.base;

  // Person reference.
  let strong: PersonRef | undefined;
  let weak: PersonRef | undefined;
  const persons = around.persons.items;
  for (let i = around.persons.from(k, W_PERSON); i < persons.length && persons[i]!.start <= k.end + W_PERSON; i++) {
    const p = persons[i]!;
    if (overlaps(p, k) || distance(p, k) > W_PERSON) continue;
    if (p.strong) {
      // A pronoun or salutation beats a bare role noun ("mein Sohn" rather than "Sohn"), then the nearest.
      if (!strong || (strong.role && !p.role) || (!!strong.role === !!p.role && distance(p, k) < distance(strong, k))) strong = p;
    } else if (!weak) weak = p;
  }
  if (!strong && !weak && k.unit >= 0) {
    // A subject verb just before the term: "hat Fieber", "ist schwanger", "has covid".
    for (let j = k.unit - 1; j >= Math.max(0, k.unit - 3); j--) {
      const u = units[j]!;
      if (u.breakAfter) break;
      if (VERBS3.has(u.word)) {
        // "Die Apotheke hat …", "the pharmacy has …": a noun phrase, not a person, is the subject.
        const det = units[j - 2];
        if (det && DETERMINERS.has(det.lower)) break;
        weak = { start: u.start, end: u.end, strong: false, label: `subject verb '${u.word}'` };
        break;
      }
    }
  }
  if (strong) {
    s += S_PERSON;
    context.push(`person reference: ${strong.label}`);
  } else if (weak) {
    s += S_PERSON_WEAK;
    context.push(`weak person cue: ${weak.label}`);
  }

  // Medical context: context words, other health terms, a dose next to a medication.
  let ctxWord = around.healthCtx.near(k, W_CONTEXT)?.word;
  if (!ctxWord && k.category === 'medication') {
    const dose = around.doses.find((m) => m.start >= k.end && m.start - k.end <= 40);
    if (dose) ctxWord = 'dose';
  }
  // Other terms nearby: a specific one (S, medication, code) counts fully, an M term a little,
  // W terms not at all (two supporting words never make a finding).
  let other = false;
  let otherMedium = false;
  const terms = around.terms.items;
  for (let i = around.terms.from(k, W_CONTEXT); i < terms.length && terms[i]!.start <= k.end + W_CONTEXT; i++) {
    const x = terms[i]!;
    if (x === k || overlaps(x, k) || distance(x, k) > W_CONTEXT) continue;
    if (x.tier === 'S' && x.base >= 0.4) other = true;
    else if (x.tier === 'M' || x.tier === 'S') otherMedium = true;
  }
  if (ctxWord || other) {
    s += S_CONTEXT;
    context.push(ctxWord ? `health context: ${ctxWord}` : 'other health terms nearby');
  } else if (otherMedium) {
    s += S_CONTEXT_WEAK;
    context.push('related health terms nearby');
  }

  // General frame (talk, statistics, course, brochure, film) or aggregate (alle, viele, *innen).
  const hard = firstNear(around.hardNeg, k, W_NEG);
  if (hard) {
    // A pronoun or a named person keeps a personal reading ("ich war beim Vortrag, weil ich Diabetes habe");
    // a role noun ("Bewohner") may be a plural in a statistic, so it does not.
    if (strong && !strong.role) s -= S_NEG_PERSON;
    else s = Math.min(s, NEG_CAP);
    notes.push(`general frame: '${hard.word}' lowers the score`);
  }
  const job = around.jobNeg.near(k, W_NEG, true);
  if (job) {
    s = Math.min(s, NEG_CAP);
    notes.push(`work or profession frame: '${job.word}' (the person works there)`);
  }
  const soft = firstNear(around.softNeg, k, W_NEG);
  if (soft && !strong) {
    s -= S_SOFT_NEG;
    notes.push(`general or aggregate word '${soft.word}' lowers the score`);
  }

  s = Math.max(0, Math.min(0.95, s));
  return {
    type: 'health',
    start: k.start,
    end: k.end,
    score: Math.round(s * 100) / 100,
    rule: k.rule,
    explanation: {
      recognizer: 'health',
      pattern: k.pattern,
      context: context.length ? context : undefined,
      baseScore: k.base,
      notes: notes.length ? notes : undefined,
    },
    text: '', // set by the caller for the findings it keeps
  };
}

/** Of overlapping findings keep the higher score, then the longer span. */
function dedupe(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start));
  const kept: Finding[] = [];
  for (const f of sorted) if (!kept.some((k) => overlaps(k, f))) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

export const healthRecognizer: Recognizer = {
  id: 'health',
  types: ['health'],
  prefilter,
  analyze,
};
