// The organisation's own rules (policy customRules): RE2 patterns or word lists, each with its own
// action and message. They come from admins and run on every send, so patterns go through re2js
// (linear time: no pattern can freeze a chat tab) and every rule is compiled and checked when the
// policy is parsed; a rule that fails is disabled and reported, the others still apply.
import { RE2JS } from 're2js';
import type { Action, Finding, Recognizer } from '../types.js';
import { LIMITS } from './schema.js';
import { phrase, problemMessage, type PhraseCode, type ProblemCode, type ProblemParams } from './problems.js';

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
  /**
   * field: which part of the rule is wrong ("pattern", "words[2]"); code and params: what is wrong
   * (problems.ts), message: the same in English.
   */
  | { ok: false; field: string; code: ProblemCode; params: ProblemParams; message: string };

function fail(field: string, code: ProblemCode, params: ProblemParams = {}): CompileResult {
  return { ok: false, field, code, params, message: problemMessage(code, params, 'en') ?? code };
}

const regexCache = new Map<string, RE2JS>();

/** Constructs RE2 does not have, named in words an admin will recognise (checked only when RE2 refuses). */
const UNSUPPORTED: readonly [RegExp, PhraseCode][] = [
  [/\(\?<[=!]/, 'look-behind'],
  [/\(\?[=!]/, 'look-ahead'],
  [/\(\?>/, 'atomic-group'],
  [/(?:^|[^\\])(?:\\\\)*\\[1-9]/, 'back-reference'],
  [/(?:^|[^\\])(?:\\\\)*\\k</, 'named-back-reference'],
];

function compileRegex(rule: CustomRule): CompileResult {
  const pattern = rule.pattern ?? '';
  if (pattern.length === 0) return fail('pattern', 'pattern-empty');
  if (pattern.length > LIMITS.patternLength) return fail('pattern', 'too-long', { length: pattern.length, max: LIMITS.patternLength });
  const literal = /^\/(.+)\/[dgimsuy]*$/s.exec(pattern);
  if (literal && !/(?:^|[^\\])\//.test(literal[1]!)) {
    return fail('pattern', 'pattern-js-literal');
  }
  const key = `${rule.caseInsensitive ? 'i' : ''}\u0000${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    try {
      re = RE2JS.compile(pattern, rule.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
    } catch (e) {
      for (const [construct, what] of UNSUPPORTED) {
        if (construct.test(pattern)) return fail('pattern', 'pattern-unsupported', { construct: phrase(what) });
      }
      const why = (e instanceof Error ? e.message : String(e)).replace(/^error parsing regexp:\s*/, '').replace(/`/g, '"');
      return fail('pattern', 'pattern-invalid', { reason: why });
    }
    if (re.programSize() > LIMITS.programSize) {
      return fail('pattern', 'pattern-too-complex', { size: re.programSize(), max: LIMITS.programSize });
    }
    if (re.test('')) return fail('pattern', 'pattern-matches-empty');
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
  if (words.length === 0) return fail('words', 'words-empty');
  // Phrases as token lists, indexed by their first token; longest first so "Projekt Falke 2" wins over "Projekt Falke".
  const index = new Map<string, string[][]>();
  for (const [i, w] of words.entries()) {
    const toks = tokenize(w, rule.caseInsensitive).map((x) => x.t);
    if (toks.length === 0) return fail(`words[${i}]`, 'word-no-letters', { word: w.slice(0, 40) });
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
    return fail(rule.kind === 'regex' ? 'pattern' : 'words', 'rule-compile-failed', { reason: e instanceof Error ? e.message : String(e) });
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
