// The policy the content scripts enforce (issue 4): the organisation's managed policy, the user's own
// options and the start-up rule, combined by the pure core (resolvePolicyState, src/core/policy/merge.ts).
//
// Start-up: the first storage.managed read after the browser starts took 3–5 s in Chromium. Until it
// answers, the last policy read (cached in storage.local) applies, else the strict defaults — a site is
// never unprotected meanwhile. Then managed storage is read and the state resolved again; every change
// (storage.onChanged for "managed" — no browser restart needed — and the user's options) resolves it
// again and publishes it to the content scripts.
//
// Stored: the managed policy as read (storage.local "policyCache", re-parsed on use), the user's
// options (storage.local "userOptions"), and for this browser session the last read (storage.session,
// so a restarted service worker does not fall back to "pending"). Never message content.
import { policyCacheEntry, resolvePolicyState, type PolicyInputs, type PolicyState } from '../core/index.js';
import type { PolicyView } from '../shared/messages.js';
import { localGet, localRemove, localSet, managedGet, onStorageChanged, sessionGet, sessionSet } from '../platform/ext.js';
import { keepReadAt, readFromError, type ManagedRead } from './policy-read.js';

export const USER_OPTIONS_KEY = 'userOptions';
const CACHE_KEY = 'policyCache';
/** The last managed read of this browser session ({raw, readAt}): survives service-worker restarts. */
const SESSION_READ_KEY = 'policyRead';
/** Where the policy in effect came from, without the policy itself: for diagnostics and the tests. */
export const SESSION_STATUS_KEY = 'policyStatus';

let inputs: PolicyInputs = {};
let current: PolicyState = resolvePolicyState({});
let published = '';
const listeners = new Set<(s: PolicyState) => void>();

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function update(): void {
  current = resolvePolicyState(inputs);
  const key = JSON.stringify(current);
  if (key === published) return;
  published = key;
  const { source, pending, updatedAt, version, problems } = current;
  void sessionSet(SESSION_STATUS_KEY, { source, pending, updatedAt, version, problems: problems.length });
  for (const fn of listeners) fn(current);
}

/** Storage is read once per service-worker start; everything else waits for it. */
const ready: Promise<void> = (async () => {
  const [cache, user, read] = await Promise.all([
    localGet<unknown>(CACHE_KEY),
    localGet<unknown>(USER_OPTIONS_KEY),
    sessionGet<ManagedRead>(SESSION_READ_KEY),
  ]);
  inputs = { cache, user, ...(read ? { managed: read } : {}) };
  update();
})();

let reads = 0;

/** Read managed storage and resolve again. A later read wins over an earlier one still running. */
async function readManaged(): Promise<void> {
  const n = ++reads;
  let read: ManagedRead;
  try {
    read = { raw: await managedGet(), readAt: Date.now() };
  } catch (e) {
    read = readFromError(e instanceof Error ? e.message : String(e), Date.now());
  }
  if (n !== reads) return;
  if ('raw' in read) {
    read = keepReadAt(read, inputs.cache);
    const entry = policyCacheEntry(read.raw, read.readAt);
    if (JSON.stringify(entry) !== JSON.stringify(inputs.cache)) {
      inputs.cache = entry;
      try {
        if (entry) await localSet(CACHE_KEY, entry);
        else await localRemove(CACHE_KEY);
      } catch {
        // Quota or a closing browser: the next read caches it.
      }
    }
    void sessionSet(SESSION_READ_KEY, read);
  }
  if (n !== reads) return;
  inputs.managed = read;
  update();
}

// Listeners first (synchronously, so these events wake a stopped worker), then the first read.
onStorageChanged((area, keys) => {
  if (area === 'managed') void ready.then(readManaged);
  else if (area === 'local' && keys.includes(USER_OPTIONS_KEY)) {
    void ready.then(async () => {
      inputs.user = await localGet<unknown>(USER_OPTIONS_KEY);
      update();
    });
  }
});
void ready.then(readManaged);

/** The state in effect once storage has been read (at once afterwards). */
export async function policyState(): Promise<PolicyState> {
  await ready;
  return current;
}

export function currentPolicyState(): PolicyState {
  return current;
}

export function onPolicyChange(fn: (s: PolicyState) => void): void {
  listeners.add(fn);
}

export async function policyView(): Promise<PolicyView> {
  await ready;
  return {
    state: current,
    base: resolvePolicyState({ ...inputs, user: undefined }).policy,
    user: isRecord(inputs.user) ? inputs.user : {},
  };
}

/** The options page saves the user's own options (only what differs from the base). */
export async function setUserOptions(options: Record<string, unknown>): Promise<PolicyView> {
  await ready;
  if (Object.keys(options).length === 0) await localRemove(USER_OPTIONS_KEY);
  else await localSet(USER_OPTIONS_KEY, options);
  inputs.user = Object.keys(options).length === 0 ? undefined : options;
  update();
  return policyView();
}
