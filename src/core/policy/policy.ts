// The policy: the JSON object admins deploy (managed storage) and the CLI reads (--policy).
// parsePolicy is driven by POLICY_SCHEMA (schema.ts); it never throws and never weakens protection
// silently: every problem is reported with its path, what is wrong and what happens instead, and the
// affected part falls back to its default. Firefox does not check managed values against a schema and
// Chrome drops invalid keys one by one, so whatever arrives is validated here.
import { type Action, type DetectorType, type Sensitivity } from '../types.js';
import type { ClientHashes } from './client-hash.js';
import { compileCustomRule, type CustomRule } from './custom-rules.js';
import { phrase, policyProblem, type Fallback, type Phrase, type PolicyProblem, type ProblemCode, type ProblemParams } from './problems.js';
import { DEFAULT_ACTIONS, LIMITS, POLICY_SCHEMA, type ArrayNode, type Mode, type ObjectNode, type SchemaNode, type SiteId, type StringNode } from './schema.js';

export { DEFAULT_ACTIONS };
export { formatProblem, formatProblemIn, problemLang, problemTexts } from './problems.js';
export type { ClientHashes, CustomRule, Mode, PolicyProblem, SiteId };

export interface DetectorPolicy {
  action: Action;
  sensitivity: Sensitivity;
}

export interface LocalizedTexts {
  title?: string;
  body?: string;
}

/** The parsed policy. Its shape mirrors POLICY_SCHEMA key for key (merge.ts relies on that). */
export interface Policy {
  /** The admin's label for this policy, shown in the popup. */
  version?: string;
  mode: Mode;
  detectors: Record<DetectorType, DetectorPolicy>;
  /** Client names as the admin wrote them. */
  clients: string[];
  clientHashes?: ClientHashes;
  /** Valid rules only (invalid ones are reported and left out). */
  customRules: CustomRule[];
  /** Terms that are never flagged (compared case-insensitively against a finding's text). */
  allowlist: string[];
  sites: Record<SiteId, { enabled: boolean }>;
  override: { allowed: boolean; requireJustification: boolean; justificationChoices: string[] };
  texts: { de: LocalizedTexts; en: LocalizedTexts; guidanceUrl?: string };
  /** What happens when detection itself fails (an exception in a recognizer). */
  onError: 'block' | 'warn';
  /** What happens when an image's text cannot be read. */
  ocrFailure: Action;
  hints: { enabled: boolean };
  audit: { retentionDays: number; endpoint?: string; batchSize: number };
}

export interface ParsedPolicy {
  policy: Policy;
  problems: PolicyProblem[];
  /**
   * Paths the input set with a valid value: leaves ("detectors.iban.action") and lists ("clients").
   * merge.ts uses them to tell which settings the organisation manages.
   */
  configured: string[];
}

function defaultValue(node: SchemaNode): unknown {
  switch (node.type) {
    case 'string':
      return node.default;
    case 'integer':
    case 'boolean':
      return node.default;
    case 'array':
      return [];
    case 'object': {
      if (node.check === 'client-hashes') return undefined;
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(node.properties)) {
        const v = defaultValue(child);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
  }
}

/** The defaults, derived from the schema. */
export function defaultPolicy(): Policy {
  return defaultValue(POLICY_SCHEMA) as Policy;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** What was found instead of a valid value, for "got …" (a phrase where the words depend on the language). */
function describe(x: unknown): string | Phrase {
  if (x === null) return 'null';
  if (Array.isArray(x)) return phrase('a-list');
  if (typeof x === 'string') return `"${x.length > 40 ? x.slice(0, 40) + '…' : x}"`;
  if (typeof x === 'object') return phrase('an-object');
  if (typeof x === 'number') return phrase('number', { value: String(x) });
  if (typeof x === 'boolean') return phrase('boolean', { value: String(x) });
  return phrase('other', { type: typeof x, value: String(x) });
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length]!;
}

function didYouMean(key: string, known: readonly string[]): string | Phrase {
  const lower = key.toLowerCase();
  const best = known.find((k) => k.toLowerCase() === lower) ?? known.find((k) => distance(k.toLowerCase(), lower) <= 2);
  return best ? phrase('did-you-mean', { key: best }) : '';
}

type State = 'absent' | 'ok' | 'invalid';

interface Parsed {
  value: unknown;
  state: State;
}

/** Collects problems; past LIMITS.problems they are only counted (a policy with 100 000 bad keys stays readable). */
class Context {
  readonly problems: PolicyProblem[] = [];
  readonly configured: string[] = [];
  private dropped = 0;
  wordsTotal = 0;
  programTotal = 0;

  add(path: string, code: ProblemCode, params: ProblemParams, fallback: Fallback): void {
    if (this.problems.length < LIMITS.problems) this.problems.push(policyProblem(path, code, params, fallback));
    else this.dropped++;
  }

  finish(): PolicyProblem[] {
    if (this.dropped > 0) this.problems.push(policyProblem('', 'more-problems', { count: this.dropped }, { code: 'like-above' }));
    return this.problems;
  }
}

const RULE_DISABLED: Fallback = { code: 'rule-disabled' };

function fallbackFor(node: SchemaNode, key: string, inList: boolean): Fallback {
  if (node.fallback) return node.fallback;
  if (inList) return { code: 'entry-ignored' };
  switch (node.type) {
    case 'string': {
      if (node.default === undefined) return { code: 'not-used' };
      const code = key === 'action' ? 'default-action' : key === 'sensitivity' ? 'default-sensitivity' : key === 'mode' ? 'default-mode' : 'default-value';
      return { code, params: { value: node.default } };
    }
    case 'integer':
    case 'boolean':
      return { code: 'default-literal', params: { value: String(node.default) } };
    case 'array':
      return { code: 'list-empty' };
    case 'object':
      return { code: 'settings-default' };
  }
}

/** What a node expects, for "must be …": a list of allowed values or a phrase. */
function typeWords(node: SchemaNode): readonly string[] | Phrase {
  switch (node.type) {
    case 'string':
      return node.enum ? node.enum : phrase('text');
    case 'integer':
      return phrase('whole-number', { min: node.minimum, max: node.maximum });
    case 'boolean':
      return phrase('true-or-false');
    case 'array':
      return phrase(node.items.type === 'string' ? 'list-of-texts' : 'list-of-objects');
    case 'object':
      return phrase('an-object');
  }
}

/** "must be …, got …" for a value of the wrong type. */
function wrongType(ctx: Context, path: string, node: SchemaNode, value: unknown, fb: Fallback): void {
  const expected = typeWords(node);
  if (Array.isArray(expected)) ctx.add(path, 'not-allowed', { allowed: expected, got: describe(value) }, fb);
  else ctx.add(path, 'invalid-type', { expected: expected as Phrase, got: describe(value) }, fb);
}

const patterns = new Map<string, RegExp>();
function matchesPattern(pattern: string, value: string): boolean {
  let re = patterns.get(pattern);
  if (!re) patterns.set(pattern, (re = new RegExp(pattern)));
  return re.test(value);
}

function parseString(node: StringNode, value: unknown, path: string, ctx: Context, fb: Fallback): Parsed {
  const bad = (code: ProblemCode, params: ProblemParams = {}): Parsed => {
    ctx.add(path, code, params, fb);
    return { value: defaultValue(node), state: 'invalid' };
  };
  if (typeof value !== 'string') {
    wrongType(ctx, path, node, value, fb);
    return { value: defaultValue(node), state: 'invalid' };
  }
  if (node.enum && !node.enum.includes(value)) return bad('not-allowed', { allowed: node.enum, got: describe(value) });
  if (value.length > node.maxLength) return bad('too-long', { length: value.length, max: node.maxLength });
  if (node.minLength && value.trim().length < node.minLength) {
    return node.minLength === 1 ? bad('empty') : bad('too-short', { min: node.minLength, length: value.trim().length });
  }
  if (node.pattern && !matchesPattern(node.pattern, value)) {
    const expected = node.patternHint ? phrase(node.patternHint) : phrase('text-matching', { pattern: node.pattern });
    return bad('pattern-mismatch', { expected, got: describe(value) });
  }
  if (node.check === 'https-url' && value.trim() !== '') {
    let url: URL | undefined;
    try {
      url = new URL(value.trim());
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== 'https:' || url.username || url.password || !url.hostname) {
      return bad('not-https-url', { got: describe(value) });
    }
    return { value: url.href, state: 'ok' };
  }
  if (value === '' && node.default === undefined) return { value: undefined, state: 'absent' };
  return { value, state: 'ok' };
}

function parseNode(node: SchemaNode, value: unknown, path: string, key: string, ctx: Context, opts: { inList?: boolean; fallback?: Fallback } = {}): Parsed {
  if (value === undefined) return { value: defaultValue(node), state: 'absent' };
  const fb = opts.fallback ?? fallbackFor(node, key, opts.inList === true);
  let result: Parsed;
  switch (node.type) {
    case 'string':
      result = parseString(node, opts.inList && typeof value === 'string' ? value.trim() : value, path, ctx, fb);
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < node.minimum || value > node.maximum) {
        wrongType(ctx, path, node, value, fb);
        result = { value: node.default, state: 'invalid' };
      } else result = { value, state: 'ok' };
      break;
    case 'boolean':
      if (typeof value !== 'boolean') {
        wrongType(ctx, path, node, value, fb);
        result = { value: node.default, state: 'invalid' };
      } else result = { value, state: 'ok' };
      break;
    case 'array':
      result = node.check === 'custom-rules' ? parseCustomRules(node, value, path, ctx) : parseArray(node, value, path, ctx, fb);
      break;
    case 'object':
      result = parseObject(node, value, path, ctx, fb);
      break;
  }
  if (result.state === 'ok' && node.type !== 'object') ctx.configured.push(path);
  return result;
}

function parseArray(node: ArrayNode, value: unknown, path: string, ctx: Context, fb: Fallback): Parsed {
  if (!Array.isArray(value)) {
    wrongType(ctx, path, node, value, fb);
    return { value: [], state: 'invalid' };
  }
  const out: unknown[] = [];
  const mark = ctx.configured.length;
  for (let i = 0; i < value.length && out.length < node.maxItems; i++) {
    const item = parseNode(node.items, value[i], `${path}[${i}]`, '', ctx, { inList: true });
    if (item.state === 'ok') out.push(item.value);
    else if (item.state === 'absent') ctx.add(`${path}[${i}]`, 'entry-empty', {}, { code: 'entry-ignored' });
  }
  // A list counts as configured as a whole; its entries are not tracked one by one.
  ctx.configured.length = mark;
  if (value.length > node.maxItems && out.length >= node.maxItems) {
    ctx.add(path, 'too-many-entries', { count: value.length, max: node.maxItems }, { code: 'first-n-used', params: { max: node.maxItems } });
  }
  return { value: out, state: 'ok' };
}

function parseFields(node: ObjectNode, value: Record<string, unknown>, path: string, ctx: Context, fallbacks: Readonly<Record<string, Fallback>> = {}) {
  const known = Object.keys(node.properties);
  let unknown = 0;
  for (const k of Object.keys(value)) {
    if (Object.hasOwn(node.properties, k)) continue;
    if (++unknown > LIMITS.problems) break;
    const code = node.unknownKey ?? (path ? 'unknown-sub-setting' : 'unknown-setting');
    const hints = { suggestion: didYouMean(k, known), known: known.length <= 12 ? phrase('known-keys', { keys: known.join(', ') }) : '' };
    const params = code === 'unknown-sub-setting' ? { parent: path, ...hints } : code === 'unknown-detector' ? { key: k, ...hints } : hints;
    ctx.add(path ? `${path}.${k}` : k, code, params, { code: 'ignored' });
  }
  const out: Record<string, unknown> = {};
  const states: Record<string, State> = {};
  for (const [k, child] of Object.entries(node.properties)) {
    const fb = fallbacks[k];
    const r = parseNode(child, value[k], path ? `${path}.${k}` : k, k, ctx, fb ? { fallback: fb } : {});
    states[k] = r.state;
    if (r.value !== undefined) out[k] = r.value;
  }
  return { out, states };
}

function parseObject(node: ObjectNode, value: unknown, path: string, ctx: Context, fb: Fallback): Parsed {
  if (!isObject(value)) {
    const expected = path.startsWith('detectors.') ? phrase('object-like', { example: '{"action": "warn"}' }) : phrase('an-object');
    ctx.add(path, 'invalid-type', { expected, got: describe(value) }, fb);
    return { value: defaultValue(node), state: 'invalid' };
  }
  const hashes = node.check === 'client-hashes';
  const { out } = parseFields(node, value, path, ctx, hashes ? { salt: fb, hashes: fb } : {});
  if (hashes) return checkClientHashes(out, value, path, ctx, fb);
  return { value: out, state: 'ok' };
}

function checkClientHashes(out: Record<string, unknown>, raw: Record<string, unknown>, path: string, ctx: Context, fb: Fallback): Parsed {
  const hashes = (out['hashes'] as string[] | undefined) ?? [];
  const salt = out['salt'] as string | undefined;
  if (typeof salt !== 'string') {
    if (raw['salt'] === undefined) ctx.add(`${path}.salt`, 'salt-missing', {}, fb);
    return { value: undefined, state: 'invalid' };
  }
  if (hashes.length === 0) {
    if (raw['hashes'] === undefined) ctx.add(`${path}.hashes`, 'missing', {}, fb);
    return { value: undefined, state: 'invalid' };
  }
  return { value: { salt, hashes }, state: 'ok' };
}

const ESSENTIAL = { id: RULE_DISABLED, kind: RULE_DISABLED, pattern: RULE_DISABLED, words: RULE_DISABLED } as const;

function parseCustomRules(node: ArrayNode, value: unknown, path: string, ctx: Context): Parsed {
  if (!Array.isArray(value)) {
    wrongType(ctx, path, node, value, { code: 'no-custom-rules' });
    return { value: [], state: 'invalid' };
  }
  const item = node.items as ObjectNode;
  const rules: CustomRule[] = [];
  const mark = ctx.configured.length;
  const seen = new Map<string, number>();
  const limit = Math.min(value.length, node.maxItems);
  for (let i = 0; i < limit; i++) {
    const p = `${path}[${i}]`;
    const raw = value[i];
    if (!isObject(raw)) {
      const expected = phrase('object-like', { example: '{"id": "falke", "words": ["Projekt Falke"], "action": "block"}' });
      ctx.add(p, 'invalid-type', { expected, got: describe(raw) }, RULE_DISABLED);
      continue;
    }
    const { out, states } = parseFields(item, raw, p, ctx, ESSENTIAL);
    if (states['id'] === 'invalid') continue;
    const id = out['id'] as string | undefined;
    if (id === undefined) {
      ctx.add(`${p}.id`, 'rule-id-missing', {}, RULE_DISABLED);
      continue;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      ctx.add(`${p}.id`, 'rule-id-duplicate', { id, first: `${path}[${first}]` }, RULE_DISABLED);
      continue;
    }
    if (states['kind'] === 'invalid' || states['pattern'] === 'invalid' || states['words'] === 'invalid') continue;
    let kind = out['kind'] as CustomRule['kind'] | undefined;
    const hasPattern = raw['pattern'] !== undefined;
    const hasWords = raw['words'] !== undefined;
    if (!kind) {
      if (hasPattern && hasWords) {
        ctx.add(p, 'rule-pattern-and-words', {}, RULE_DISABLED);
        continue;
      }
      if (!hasPattern && !hasWords) {
        ctx.add(p, 'rule-no-pattern-or-words', {}, RULE_DISABLED);
        continue;
      }
      kind = hasPattern ? 'regex' : 'words';
    }
    const unused = kind === 'regex' ? 'words' : 'pattern';
    if (raw[unused] !== undefined) ctx.add(`${p}.${unused}`, 'rule-field-unused', { kind }, { code: 'ignored' });
    const words = out['words'] as string[] | undefined;
    const rule: CustomRule = {
      id,
      kind,
      ...(kind === 'regex' && out['pattern'] !== undefined ? { pattern: out['pattern'] as string } : {}),
      ...(kind === 'words' && words ? { words } : {}),
      caseInsensitive: out['caseInsensitive'] as boolean,
      ...(out['action'] !== undefined ? { action: out['action'] as Action } : {}),
      message: (out['message'] as CustomRule['message'] | undefined) ?? {},
    };
    if (kind === 'words' && words) {
      if (ctx.wordsTotal + words.length > LIMITS.wordsTotal) {
        ctx.add(`${p}.words`, 'rule-words-total', { count: ctx.wordsTotal + words.length, max: LIMITS.wordsTotal }, RULE_DISABLED);
        continue;
      }
    }
    const compiled = compileCustomRule(rule);
    if (!compiled.ok) {
      ctx.add(`${p}.${compiled.field}`, compiled.code, compiled.params, RULE_DISABLED);
      continue;
    }
    if (kind === 'regex' && ctx.programTotal + compiled.cost > LIMITS.programSizeTotal) {
      ctx.add(`${p}.pattern`, 'pattern-total', { size: ctx.programTotal + compiled.cost, max: LIMITS.programSizeTotal }, RULE_DISABLED);
      continue;
    }
    if (kind === 'regex') ctx.programTotal += compiled.cost;
    if (words) ctx.wordsTotal += words.length;
    seen.set(id, i);
    rules.push(rule);
  }
  if (value.length > node.maxItems) {
    ctx.add(path, 'too-many-rules', { count: value.length, max: node.maxItems }, { code: 'first-n-used', params: { max: node.maxItems } });
  }
  ctx.configured.length = mark;
  return { value: rules, state: 'ok' };
}

/** Parse and validate a policy object (already JSON-decoded). Never throws. */
export function parsePolicy(input: unknown): ParsedPolicy {
  const ctx = new Context();
  if (input === undefined || input === null) return { policy: defaultPolicy(), problems: [], configured: [] };
  if (!isObject(input)) {
    ctx.add('', 'policy-not-object', { got: describe(input) }, { code: 'default-policy' });
    return { policy: defaultPolicy(), problems: ctx.finish(), configured: [] };
  }
  let policy: Policy;
  try {
    policy = parseObject(POLICY_SCHEMA, input, '', ctx, { code: 'default-policy' }).value as Policy;
  } catch (e) {
    // Defensive: parseNode is written not to throw; if it ever does, the strict defaults apply.
    ctx.add('', 'policy-unreadable', { reason: e instanceof Error ? e.message : String(e) }, { code: 'default-policy' });
    return { policy: defaultPolicy(), problems: ctx.finish(), configured: [] };
  }
  return { policy, problems: ctx.finish(), configured: ctx.configured };
}

/**
 * The action that actually happens in a mode: monitor never interrupts (allow; the audit log records
 * what would have happened), training warns at most (never blocks), enforce does as configured.
 */
export function effectiveAction(action: Action, mode: Mode | undefined): Action {
  if (mode === 'monitor') return 'allow';
  if (mode === 'training' && action === 'block') return 'warn';
  return action;
}

/** A custom rule's action: its own, else detectors.custom.action. */
export function customRuleAction(rule: Pick<CustomRule, 'action'>, policy: Policy): Action {
  return rule.action ?? policy.detectors.custom?.action ?? DEFAULT_ACTIONS.custom;
}
