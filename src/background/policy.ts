// The policy the content scripts enforce. Today: the engine's defaults. Issue 4 reads the managed
// policy (storage.managed) here, parses it with parsePolicy and calls publish() when it changes;
// content scripts start with the strict defaults and take whatever arrives.
import { defaultPolicy, type Policy } from '../core/index.js';

let current: Policy = defaultPolicy();
const listeners = new Set<(p: Policy) => void>();

export function currentPolicy(): Policy {
  return current;
}

export function onPolicyChange(fn: (p: Policy) => void): void {
  listeners.add(fn);
}

export function publish(p: Policy): void {
  current = p;
  for (const fn of listeners) fn(p);
}
