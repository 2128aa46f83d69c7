// Precedence: the organisation's managed policy over the user's own options, and the start-up rule.
// Pure: the background feeds in what it read (managed storage, its cache, the user's options) and gets
// back the policy to enforce plus what the popup and options page show.
//
// Rules (each schema node's `merge`, see schema.ts):
// - Without a managed policy the user's options apply as they are: the user is their own admin.
// - With one, settings the organisation sets are read-only ("Managed by your organisation"), and the
//   user may only make the rest stricter: actions allow < warn < block, sensitivity low < medium < high,
//   mode monitor < training < enforce, sites on, "send anyway" off, justification on, onError block.
// - Lists that only add protection (clients, customRules) are combined: the organisation's entries
//   stay, the user may add their own (a user rule whose id the organisation uses is ignored).
// - What would loosen protection or is the organisation's business (allowlist, audit) comes from the
//   managed policy alone whenever one exists; texts, version, clientHashes and justification choices
//   only ever come from it.
import { defaultPolicy, parsePolicy, type ParsedPolicy, type Policy, type PolicyProblem } from './policy.js';
import { policyProblem } from './problems.js';
import { POLICY_SCHEMA, schemaNodeAt, type MergeRule, type SchemaNode } from './schema.js';
import type { CustomRule } from './custom-rules.js';

export interface MergeResult {
  /** The policy to enforce. */
  policy: Policy;
  /**
   * Settings the organisation manages (read-only in the options page): schema paths of leaves
   * ("detectors.iban.action") or whole units ("texts", "clients" — for lists: the organisation's
   * entries are read-only, the user may still add). Test a field with isManagedPath().
   */
  managed: string[];
  /** Problems in the user's own options (invalid values), as parsePolicy reports them. */
  userProblems: PolicyProblem[];
  /** Valid user options that do not apply, and why. */
  ignored: PolicyProblem[];
}

function get(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const k of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function set(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const k of parts.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

function isConfigured(p: ParsedPolicy, path: string): boolean {
  return p.configured.some((c) => c === path || c.startsWith(path + '.') || c.startsWith(path + '['));
}

/** True when `path` (e.g. "detectors.iban.action" or "texts.de.title") is set by the organisation. */
export function isManagedPath(managed: readonly string[], path: string): boolean {
  return managed.some((m) => path === m || path.startsWith(m + '.') || path.startsWith(m + '['));
}

const show = (v: unknown): string => JSON.stringify(v);

function units(node: SchemaNode, path: string, out: [string, MergeRule][]): void {
  if (node.merge) {
    out.push([path, node.merge]);
    return;
  }
  if (node.type === 'object') for (const [k, child] of Object.entries(node.properties)) units(child, path ? `${path}.${k}` : k, out);
}

const UNITS: readonly [string, MergeRule][] = (() => {
  const out: [string, MergeRule][] = [];
  units(POLICY_SCHEMA, '', out);
  return out;
})();

/** Schema paths where a merge rule applies (for tests and the options page). */
export function mergeUnits(): readonly [string, MergeRule][] {
  return UNITS;
}

function union(path: string, org: unknown, mine: unknown, ignored: PolicyProblem[]): unknown {
  const a = (org as unknown[] | undefined) ?? [];
  const b = (mine as unknown[] | undefined) ?? [];
  let merged: unknown[];
  if (path === 'customRules') {
    const ids = new Set((a as CustomRule[]).map((r) => r.id));
    const extra = (b as CustomRule[]).filter((r) => {
      if (!ids.has(r.id)) return true;
      ignored.push(policyProblem(`customRules (${r.id})`, 'user-rule-id-taken', { id: r.id }, { code: 'org-rule-applies' }));
      return false;
    });
    merged = [...clone(a), ...clone(extra)];
  } else merged = [...new Set([...(a as string[]), ...(b as string[])])];
  // The organisation's entries come first, so only the user's additions can fall over the limit.
  const node = schemaNodeAt(path);
  const max = node?.type === 'array' ? node.maxItems : Infinity;
  if (merged.length > max) {
    ignored.push(policyProblem(path, 'user-list-too-long', { count: merged.length, max }, { code: 'first-n-used', params: { max } }));
    merged = merged.slice(0, max);
  }
  return merged;
}

/**
 * Combine the organisation's policy (undefined: there is none) with the user's own options (the raw
 * object the options page stores; parsed here with the same parser). Never throws.
 */
export function mergePolicies(managed: ParsedPolicy | undefined, user: unknown): MergeResult {
  const mine = parsePolicy(user ?? {});
  const defaults = defaultPolicy();
  const result = defaultPolicy() as unknown as Record<string, unknown>;
  const managedPaths: string[] = [];
  const ignored: PolicyProblem[] = [];
  for (const [path, rule] of UNITS) {
    const orgSet = managed !== undefined && isConfigured(managed, path);
    const userSet = isConfigured(mine, path);
    const orgValue = managed ? get(managed.policy, path) : get(defaults, path);
    const userValue = get(mine.policy, path);
    let value: unknown;
    switch (rule.kind) {
      case 'stricter': {
        if (orgSet) {
          value = orgValue;
          managedPaths.push(path);
          if (userSet && show(userValue) !== show(orgValue)) ignored.push(policyProblem(path, 'set-by-org', {}, { code: 'value-applies', params: { value: show(orgValue) } }));
        } else if (managed && userSet) {
          const rank = (v: unknown) => rule.order.indexOf(v as string | boolean);
          if (rank(userValue) >= rank(orgValue)) value = userValue;
          else {
            value = orgValue;
            ignored.push(policyProblem(path, 'less-strict', { value: show(userValue) }, { code: 'value-applies', params: { value: show(orgValue) } }));
          }
        } else value = userSet ? userValue : orgValue;
        break;
      }
      case 'union':
        if (orgSet) managedPaths.push(path);
        value = union(path, managed ? orgValue : [], userValue, ignored);
        break;
      case 'org':
        if (managed) {
          value = orgValue;
          managedPaths.push(path);
          if (userSet) ignored.push(policyProblem(path, 'decided-by-org', {}, { code: 'own-setting-unused' }));
        } else value = userSet ? userValue : orgValue;
        break;
      case 'free':
        if (orgSet) {
          value = orgValue;
          managedPaths.push(path);
          if (userSet && show(userValue) !== show(orgValue)) ignored.push(policyProblem(path, 'set-by-org', {}, { code: 'value-applies', params: { value: show(orgValue) } }));
        } else value = userSet ? userValue : orgValue;
        break;
      case 'admin':
        if (orgSet) managedPaths.push(path);
        value = managed ? orgValue : get(defaults, path);
        if (userSet) ignored.push(policyProblem(path, 'admin-only', {}, { code: 'own-setting-unused' }));
        break;
    }
    set(result, path, clone(value));
  }
  return { policy: result as unknown as Policy, managed: managedPaths, userProblems: mine.problems, ignored };
}

/**
 * The policy before the managed one has been read and nothing is cached: the defaults, with the
 * user's options only where they are stricter (a managed policy may exist and must not be undercut).
 */
export function strictStartupPolicy(user?: unknown): Policy {
  return mergePolicies(parsePolicy({}), user).policy;
}

export type PolicySource = 'managed' | 'cached' | 'defaults';

/** Everything the background keeps and the popup/options page show. JSON-serialisable. */
export interface PolicyState {
  /** managed: read from managed storage now. cached: the last one read, until the read finishes. defaults: no organisation policy (or none known yet). */
  source: PolicySource;
  /** When the organisation's policy in use was read from managed storage (ms since 1970). */
  updatedAt?: number;
  /** True until the first read of managed storage after start-up has finished. */
  pending: boolean;
  policy: Policy;
  managed: string[];
  /** Problems in the organisation's policy: what is wrong and what applies instead. */
  problems: PolicyProblem[];
  /** Problems in the user's own options, and options that do not apply. */
  userProblems: PolicyProblem[];
  /** The organisation's policy version label. */
  version?: string;
}

/** What the background keeps in storage.local between browser starts. */
export interface PolicyCache {
  format: 1;
  /** The managed policy exactly as read (re-parsed on use, so parser fixes apply to it too). */
  raw: Record<string, unknown>;
  readAt: number;
}

function nonEmptyObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).length > 0;
}

/**
 * The cache entry to store after a successful read of managed storage; undefined means "remove the
 * cache" (no managed policy: chrome.storage.managed.get() returns {} then).
 */
export function policyCacheEntry(raw: unknown, readAt: number): PolicyCache | undefined {
  return nonEmptyObject(raw) ? { format: 1, raw: clone(raw), readAt } : undefined;
}

function readCache(x: unknown): PolicyCache | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const c = x as Partial<PolicyCache>;
  return c.format === 1 && nonEmptyObject(c.raw) && typeof c.readAt === 'number' ? (c as PolicyCache) : undefined;
}

export interface PolicyInputs {
  /**
   * The read of managed storage: { raw, readAt } once storage.managed.get() resolved ({} when there
   * is no policy; pass Firefox's "Managed storage manifest not found" as { raw: {} } too), { error }
   * when it failed, undefined while it is still pending.
   */
  managed?: { raw: unknown; readAt: number } | { error: string };
  /** The stored PolicyCache (anything else is ignored). */
  cache?: unknown;
  /** The user's own options as stored by the options page. */
  user?: unknown;
}

function state(source: PolicySource, pending: boolean, managed: ParsedPolicy | undefined, user: unknown, updatedAt?: number, extra: PolicyProblem[] = []): PolicyState {
  const m = mergePolicies(managed, user);
  return {
    source,
    pending,
    ...(updatedAt !== undefined ? { updatedAt } : {}),
    policy: m.policy,
    // Without a known organisation policy nothing is shown as managed (the strict start-up defaults
    // still refuse looser user options until managed storage has answered).
    managed: source === 'defaults' ? [] : m.managed,
    problems: [...extra, ...(managed?.problems ?? [])],
    userProblems: [...m.userProblems, ...m.ignored],
    ...(managed?.policy.version ? { version: managed.policy.version } : {}),
  };
}

/**
 * The policy state for what is known right now. Start-up: while managed storage has not answered
 * (it took 3–5 s in Chromium), the cached policy applies, else the strict defaults — sites are never
 * unprotected meanwhile. Call again on every change (storage.onChanged for "managed", the user's options).
 */
export function resolvePolicyState(inputs: PolicyInputs): PolicyState {
  const { managed, user } = inputs;
  const cache = readCache(inputs.cache);
  if (managed && 'raw' in managed) {
    if (nonEmptyObject(managed.raw)) return state('managed', false, parsePolicy(managed.raw), user, managed.readAt);
    return state('defaults', false, undefined, user);
  }
  if (managed && 'error' in managed) {
    const note = policyProblem('', 'managed-unreadable', { reason: managed.error }, { code: cache ? 'last-known-policy' : 'defaults-apply' });
    if (cache) return state('cached', false, parsePolicy(cache.raw), user, cache.readAt, [note]);
    return state('defaults', false, parsePolicy({}), user, undefined, [note]);
  }
  if (cache) return state('cached', true, parsePolicy(cache.raw), user, cache.readAt);
  return state('defaults', true, parsePolicy({}), user);
}
