// The organisation's own rules (policy customRules): RE2 patterns or word lists, each with its own
// action and message. They come from admins and run on every send, so patterns go through re2js
// (linear time: no pattern can freeze a chat tab) and every rule is compiled and checked when the
// policy is parsed; a rule that fails is disabled and reported, the others still apply.
import { RE2JS } from 're2js';
import type { Action, Finding, Recognizer } from '../types.js';
import { LIMITS } from './schema.js';

export interface CustomRule {
  /** Unique within the policy; findings carry rule "custom.<id>". */
  id: string;
  kind: 'regex' | 'words';
  pattern?: string;
  words?: string[];
  caseInsensitive: boolean;
  /** Left out: the policy's detectors.custom.action. */
  action?: Action;
  message: { de?: string; en?: string };
}

/** Matches per rule and text beyond this are not reported (one is enough to decide). */
const MAX_MATCHES_PER_RULE = 100;

export type RuleMatcher = (text: string) => [number, number][];

export type CompileResult =
  /** cost: program size (regex) or number of words, counted against the policy-wide budget. */
  | { ok: true; matcher: RuleMatcher; cost: number }
  /** field: which part of the rule is wrong ("pattern", "words[2]"). */
  | { ok: false; field: string; message: string };

const regexCache = new Map<string, RE2JS>();

/** Constructs RE2 does not have, named in words an admin will recognise (checked only when RE2 refuses). */
const UNSUPPORTED: readonly [RegExp, string][] = [
  [/\(\?<[=!]/, 'uses look-behind "(?<=…)" or "(?<!…)"'],
  [/\(\?[=!]/, 'uses look-ahead "(?=…)" or "(?!…)"'],
  [/\(\?>/, 'uses an atomic group "(?>…)"'],
  [/(?:^|[^\\])(?:\\\\)*\\[1-9]/, 'uses a back-reference like "\\1"'],
  [/(?:^|[^\\])(?:\\\\)*\\k</, 'uses a named back-reference "\\k<…>"'],
];

function compileRegex(rule: CustomRule): CompileResult {
  const pattern = rule.pattern ?? '';
  if (pattern.length === 0) return { ok: false, field: 'pattern', message: 'is missing or empty (a "regex" rule needs a pattern)' };
  if (pattern.length > LIMITS.patternLength) return { ok: false, field: 'pattern', message: `is ${pattern.length} characters long, more than the supported ${LIMITS.patternLength}` };
  const literal = /^\/(.+)\/[dgimsuy]*$/s.exec(pattern);
  if (literal && !/(?:^|[^\\])\//.test(literal[1]!)) {
    return { ok: false, field: 'pattern', message: 'looks like a JavaScript regex literal (/…/flags); write only the pattern, and use "caseInsensitive" instead of the i flag' };
  }
  const key = `${rule.caseInsensitive ? 'i' : ''}\u0000${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    try {
      re = RE2JS.compile(pattern, rule.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
    } catch (e) {
      for (const [construct, what] of UNSUPPORTED) {
        if (construct.test(pattern)) return { ok: false, field: 'pattern', message: `${what}, which RE2 does not support (SendGuard uses RE2 so that no pattern can freeze a chat)` };
      }
      const why = (e instanceof Error ? e.message : String(e)).replace(/^error parsing regexp:\s*/, '').replace(/`/g, '"');
      return { ok: false, field: 'pattern', message: `is not a valid RE2 regular expression (${why})` };
    }
    if (re.programSize() > LIMITS.programSize) {
      return { ok: false, field: 'pattern', message: `is too complex (program size ${re.programSize()}, at most ${LIMITS.programSize}); split it into simpler rules or use a word list` };
    }
    if (re.test('')) return { ok: false, field: 'pattern', message: 'matches empty text, so it would flag every message' };
    if (regexCache.size >= 1000) regexCache.clear();
    regexCache.set(key, re);
  }
  const compiled = re;
  return {
    ok: true,
    cost: compiled.programSize(),
    matcher: (text) => {
      const out: [number, number][] = [];
      // test() runs on RE2's DFA; the capturing matcher only runs when there is something to find.
      if (!compiled.test(text)) return out;
      const m = compiled.matcher(text);
      while (m.find()) {
        const s = m.start();
        const e = m.end();
        if (e > s) out.push([s, e]);
        if (out.length >= MAX_MATCHES_PER_RULE) break;
      }
      return out;
    },
  };
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

interface Token {
  t: string;
  start: number;
  end: number;
}

function tokenize(s: string, lower: boolean): Token[] {
  const out: Token[] = [];
  for (const m of s.matchAll(TOKEN)) {
    // NFC: a decomposed "U + ◌̈" in the message meets a composed "Ü" in the word list.
    const t = m[0].normalize('NFC');
    out.push({ t: lower ? t.toLowerCase() : t, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function compileWords(rule: CustomRule): CompileResult {
  const words = rule.words ?? [];
  if (words.length === 0) return { ok: false, field: 'words', message: 'is missing or empty (a "words" rule needs at least one word)' };
  // Phrases as token lists, indexed by their first token; longest first so "Projekt Falke 2" wins over "Projekt Falke".
  const index = new Map<string, string[][]>();
  for (const [i, w] of words.entries()) {
    const toks = tokenize(w, rule.caseInsensitive).map((x) => x.t);
    if (toks.length === 0) return { ok: false, field: `words[${i}]`, message: `"${w.slice(0, 40)}" has no letters or digits` };
    const list = index.get(toks[0]!) ?? [];
    list.push(toks);
    index.set(toks[0]!, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length);
  return {
    ok: true,
    cost: words.length,
    matcher: (text) => {
      const out: [number, number][] = [];
      const toks = tokenize(text, rule.caseInsensitive);
      for (let i = 0; i < toks.length && out.length < MAX_MATCHES_PER_RULE; ) {
        const cands = index.get(toks[i]!.t);
        let len = 0;
        if (cands) {
          for (const phrase of cands) {
            if (i + phrase.length > toks.length) continue;
            let ok = true;
            for (let k = 1; k < phrase.length && ok; k++) ok = toks[i + k]!.t === phrase[k];
            if (ok) {
              len = phrase.length;
              break;
            }
          }
        }
        if (len) {
          out.push([toks[i]!.start, toks[i + len - 1]!.end]);
          i += len;
        } else i++;
      }
      return out;
    },
  };
}

/** Compile one rule, or say in plain words what is wrong with it. Never throws. */
export function compileCustomRule(rule: CustomRule): CompileResult {
  try {
    return rule.kind === 'regex' ? compileRegex(rule) : compileWords(rule);
  } catch (e) {
    return { ok: false, field: rule.kind === 'regex' ? 'pattern' : 'words', message: `could not be compiled (${e instanceof Error ? e.message : String(e)})` };
  }
}

export function customFinding(rule: CustomRule, text: string, start: number, end: number): Finding {
  return {
    type: 'custom',
    start,
    end,
    text: text.slice(start, end),
    score: 1,
    rule: `custom.${rule.id}`,
    explanation: {
      recognizer: 'custom',
      pattern: `custom.${rule.id}`,
      baseScore: 1,
      notes: [`organisation rule "${rule.id}" (${rule.kind === 'regex' ? 'regular expression' : 'word list'})`],
    },
  };
}

const cache = new WeakMap<object, Recognizer[]>();

/**
 * The recognizers for a policy's custom rules (none when it has none), cached per policy object so
 * the patterns compile once per policy, not once per keystroke.
 */
export function customRecognizers(policy: { customRules?: readonly CustomRule[] }): Recognizer[] {
  const hit = cache.get(policy);
  if (hit) return hit;
  const compiled: { rule: CustomRule; matcher: RuleMatcher }[] = [];
  for (const rule of policy.customRules ?? []) {
    const c = compileCustomRule(rule);
    if (c.ok) compiled.push({ rule, matcher: c.matcher });
  }
  const recognizers: Recognizer[] =
    compiled.length === 0
      ? []
      : [
          {
            id: 'custom',
            types: ['custom'],
            prefilter: () => true,
            analyze(ctx) {
              const out: Finding[] = [];
              for (const { rule, matcher } of compiled) {
                for (const [s, e] of matcher(ctx.text)) out.push(customFinding(rule, ctx.text, s, e));
              }
              return out;
            },
          },
        ];
  cache.set(policy, recognizers);
  return recognizers;
}
