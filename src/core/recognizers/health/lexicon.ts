// The health lexicons (rules/health*.json) compiled once at load into lookup tables:
// single words with generated inflections, phrases, compound heads and suffix rules.
import deJson from '../../../../rules/health-lexicon-de.json';
import enJson from '../../../../rules/health-lexicon-en.json';
import medJson from '../../../../rules/health-medications.json';
import mainJson from '../../../../rules/health.json';
import { keyOf, stripInflection } from './tokens.js';

/** S: specific on its own; M: needs a person or context; W: supporting only; P: a place, M after "im/ins/in der". */
export type Tier = 'S' | 'M' | 'W' | 'P';
type Lang = 'de' | 'en' | 'med';

export interface TermHit {
  category: string;
  tier: Tier;
  /** The lexicon entry as written in the rule file. */
  entry: string;
  /** Abbreviation written in capitals in the rule file: matches only in capitals. */
  upper: boolean;
  kind: 'term' | 'medication';
  base: number;
}

export interface Phrase {
  keys: string[];
  /** stripInflection of each key, for loose matching. */
  stems: string[];
  hit: TermHit;
}

export interface HeadRule {
  heads: string[];
  category: string;
  tier: Tier;
  bare: Tier | null;
  require: 'body' | 'list' | null;
  modifiers: string[];
  exceptions: string[];
  strong: string[];
  weak: string[];
  lang: Lang;
}

export interface SuffixRule {
  suffix: string;
  minLength: number;
  category: string;
  tier: Tier;
  /** Words excluded exactly. */
  exceptions: string[];
  /** Word endings excluded ("-prämie" in the rule file). */
  exceptionEndings: string[];
  stem: boolean;
}

interface TermsJson {
  [category: string]: Partial<Record<Tier, string[]>>;
}
interface HeadJson {
  head: string[];
  category: string;
  tier: string;
  bare: string | null;
  require?: string;
  modifiers?: string[];
  exceptions?: string[];
  strong?: string[];
  weak?: string[];
}
interface SuffixJson {
  suffix: string;
  minLength: number;
  category?: string;
  tier?: string;
  exceptions: string[];
}
interface LexJson {
  terms: TermsJson;
  heads: HeadJson[];
  suffixes: SuffixJson[];
  bodyParts: string[];
  exceptions?: string[];
  exceptionSuffixes?: string[];
  generalHeads: string[];
}
interface MedJson {
  inn: string[];
  innEnglish: string[];
  brands: string[];
  classes: Partial<Record<Tier, string[]>>;
  innStems: SuffixJson[];
}
export interface MainJson {
  scores: Record<string, number | Record<string, number>>;
  patterns: { name: string; regex: string; flags: string; score: number; category: string; keywords?: string[] }[];
  vertebra: string;
  dosage: string;
  context: { icd: string[]; health: string[] };
  negative: { hard: string[]; soft: string[]; aggregate: string[]; job?: string[] };
  persons: {
    strong: string[];
    strongEn: string[];
    ambiguous: string[];
    secondPlural: string[];
    roles: string[];
    /** Family nouns: after a possessive ("unser Sohn", "our daughter") they name one specific person. */
    family?: string[];
    possessives?: string[];
    salutations: string[];
    verbs3: string[];
    weakCues?: string[];
  };
  idioms: { regex: string; keywords: string[] }[];
  prefilter: string;
}

export const MAIN = mainJson as unknown as MainJson;
const DE = deJson as unknown as LexJson;
const EN = enJson as unknown as LexJson;
const MED = medJson as unknown as MedJson;

const TIER_SCORE = (MAIN.scores.tier ?? {}) as Record<string, number>;
export const SCORE = MAIN.scores as Record<string, number>;

function asTier(t: string | null | undefined): Tier | null {
  return t === 'S' || t === 'M' || t === 'W' || t === 'P' ? t : null;
}

const DE_ENDINGS = ['e', 'en', 'er', 'es', 's', 'em'];
const DE_ENDINGS_E = ['n', 's'];

function variants(key: string, lang: Lang): string[] {
  const out = [key];
  if (key.length < 4 || /\d$/.test(key)) return out;
  if (lang === 'de') {
    for (const e of key.endsWith('e') ? DE_ENDINGS_E : DE_ENDINGS) out.push(key + e);
  } else if (lang === 'en') {
    out.push(key + 's', key + 'es');
    if (key.endsWith('y')) out.push(key.slice(0, -1) + 'ies');
  } else {
    out.push(key + 's');
    // German INN → English spelling: sertralin → sertraline, risperidon → risperidone, furosemid → furosemide.
    if (/(?:in|on|id|at|ol)$/.test(key)) out.push(key + 'e', key + 'es');
    if (key.endsWith('e')) out.push(key + 'n');
  }
  return out;
}

/** Splits an entry into phrase units (spaces and slashes separate units; hyphens join). */
function unitKeys(entry: string): string[] {
  return entry
    .toLowerCase()
    .split(/[\s/]+/)
    .filter((w) => w.length > 0)
    .map((w) => keyOf(w.replace(/['’]s$/, '').replace(/['’]/g, '')));
}

export class Lexicon {
  readonly single = new Map<string, TermHit[]>();
  readonly phrases = new Map<string, Phrase[]>();
  readonly heads: HeadRule[] = [];
  /** Last two letters of a head → candidates; last three letters of a suffix rule → rules. */
  readonly headIndex = new Map<string, { rule: HeadRule; head: string }[]>();
  readonly suffixIndex = new Map<string, SuffixRule[]>();
  readonly body = new Set<string>();
  readonly exceptionTokens = new Set<string>();
  /** Word endings that are never health ("…desinfektion", "…einbruch"), checked before compound analysis. */
  readonly exceptionSuffixes: string[] = [];
  readonly generalHeads = new Set<string>();

  constructor() {
    this.addTerms(DE.terms, 'de');
    this.addTerms(EN.terms, 'en');
    for (const l of [DE, EN]) {
      const lang: Lang = l === DE ? 'de' : 'en';
      for (const h of l.heads) this.addHead(h, lang);
      for (const s of l.suffixes) this.addSuffix(s, false);
      for (const b of l.bodyParts) this.body.add(keyOf(b));
      for (const e of l.exceptions ?? []) if (!/\s/.test(e)) this.exceptionTokens.add(keyOf(e));
      for (const e of l.exceptionSuffixes ?? []) this.exceptionSuffixes.push(keyOf(e));
      for (const g of l.generalHeads) this.generalHeads.add(keyOf(g));
    }
    const med = (entry: string, base: number, tier: Tier) => this.add(entry, { category: 'medication', tier, entry, upper: false, kind: 'medication', base }, 'med');
    const medScore = SCORE.medication ?? 0.45;
    for (const e of [...MED.inn, ...MED.innEnglish, ...MED.brands]) med(e, medScore, 'S');
    for (const [t, list] of Object.entries(MED.classes)) {
      const tier = asTier(t) ?? 'W';
      for (const e of list ?? []) this.add(e, { category: 'medication', tier, entry: e, upper: /[A-Z]/.test(e), kind: 'term', base: TIER_SCORE[tier] ?? 0.2 }, 'en');
    }
    for (const s of MED.innStems) this.addSuffix({ ...s, category: 'medication', tier: 'S' }, true);
  }

  private addTerms(terms: TermsJson, lang: Lang): void {
    for (const [category, tiers] of Object.entries(terms)) {
      for (const [t, list] of Object.entries(tiers)) {
        const tier = asTier(t);
        if (!tier) continue;
        for (const entry of list ?? []) {
          const upper = /[A-Z]/.test(entry);
          this.add(entry, { category, tier, entry, upper, kind: 'term', base: TIER_SCORE[tier === 'P' ? 'W' : tier] ?? 0.2 }, lang);
        }
      }
    }
  }

  private add(raw: string, hit: TermHit, lang: Lang): void {
    // A trailing "!" means: no generated inflections ("taub!" must not find "Tauben").
    const exact = raw.endsWith('!');
    const entry = exact ? raw.slice(0, -1) : raw;
    hit.entry = entry;
    const keys = unitKeys(entry);
    if (keys.length === 0) return;
    if (keys.length === 1) {
      for (const v of hit.upper || exact ? [keys[0]!] : variants(keys[0]!, lang)) {
        const list = this.single.get(v);
        if (list) {
          if (!list.some((h) => h.entry === hit.entry && h.category === hit.category)) list.push(hit);
        } else this.single.set(v, [hit]);
      }
      return;
    }
    // Indexed under the first word's inflected forms, so a lookup needs no stemming.
    const phrase = { keys, stems: keys.map(stripInflection), hit };
    for (const first of new Set([keys[0]!, ...variants(keys[0]!, lang === 'med' ? 'en' : lang), ...variants(stripInflection(keys[0]!), lang === 'med' ? 'en' : lang)])) {
      const list = this.phrases.get(first) ?? [];
      list.push(phrase);
      list.sort((a, b) => b.keys.length - a.keys.length);
      this.phrases.set(first, list);
    }
  }

  private addHead(h: HeadJson, lang: Lang): void {
    const rule: HeadRule = {
      heads: h.head.map(keyOf),
      category: h.category,
      tier: asTier(h.tier) ?? 'M',
      bare: asTier(h.bare),
      require: h.require === 'body' || h.require === 'list' ? h.require : null,
      modifiers: (h.modifiers ?? []).map(keyOf),
      exceptions: (h.exceptions ?? []).map(keyOf),
      strong: (h.strong ?? []).map(keyOf),
      weak: (h.weak ?? []).map(keyOf),
      lang,
    };
    this.heads.push(rule);
    for (const head of rule.heads) {
      const k = head.slice(-2);
      const list = this.headIndex.get(k) ?? [];
      list.push({ rule, head });
      this.headIndex.set(k, list);
    }
  }

  private addSuffix(s: SuffixJson, stem: boolean): void {
    const rule: SuffixRule = {
      suffix: keyOf(s.suffix),
      minLength: s.minLength,
      category: s.category ?? 'diagnosis',
      tier: asTier(s.tier) ?? 'M',
      exceptions: s.exceptions.filter((e) => !e.startsWith('-')).map(keyOf),
      exceptionEndings: s.exceptions.filter((e) => e.startsWith('-')).map((e) => keyOf(e.slice(1))),
      stem,
    };
    const k = rule.suffix.slice(-3);
    const list = this.suffixIndex.get(k) ?? [];
    list.push(rule);
    this.suffixIndex.set(k, list);
  }

  /** True when the key is a body part, or ends in one of 4+ letters ("oberschenkelhals" ← "hals"). */
  isBody(mod: string): boolean {
    if (this.body.has(mod)) return true;
    for (let i = 1; i <= mod.length - 4; i++) if (this.body.has(mod.slice(i))) return true;
    return false;
  }

  /** Could this key be a health term (word, compound head, suffix)? The prefilter's test; phrases are checked by the caller. */
  mayMatch(key: string): boolean {
    if (this.single.has(key)) return true;
    if (key.length < 4) return false;
    const last3 = key.slice(-3);
    const heads = this.headIndex.get(key.slice(-2));
    if (heads) for (const h of heads) if (key.endsWith(h.head)) return true;
    const suf = this.suffixIndex.get(last3);
    if (suf) for (const s of suf) if (key.length >= s.minLength && key.endsWith(s.suffix)) return true;
    return false;
  }
}

/** Does one of a unit's phrases (lex.phrases of its key) go on with the next unit (its key and stripInflection)? */
export function phraseStarts(list: readonly Phrase[] | undefined, nextKey: string | undefined, nextStem: string | undefined): boolean {
  if (!list || nextKey === undefined) return false;
  return list.some((p) => p.keys[1] === nextKey || p.stems[1] === nextStem);
}

let instance: Lexicon | undefined;
/** The compiled lexicon, built on first use (a few milliseconds) and kept. */
export function lexicon(): Lexicon {
  return (instance ??= new Lexicon());
}
