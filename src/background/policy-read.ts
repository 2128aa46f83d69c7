// Pure helpers of the background's policy reader (background/policy.ts), unit-tested in Node.
import type { PolicyCache, PolicyInputs } from '../core/index.js';

export type ManagedRead = NonNullable<PolicyInputs['managed']>;

/**
 * A failed storage.managed read. Where the browser has no managed storage for the extension (Firefox
 * without policies.json: "Managed storage manifest not found"; a build without managed_schema) there is
 * simply no policy; anything else is a real failure (the last known policy, else the defaults, apply).
 */
export function readFromError(message: string, now: number): ManagedRead {
  return /manifest not found|not (available|supported)|of undefined|is undefined/i.test(message) ? { raw: {}, readAt: now } : { error: message };
}

/** "Last updated" is when a policy arrived: a read of the same policy as the cached one keeps the cached time. */
export function keepReadAt(read: { raw: unknown; readAt: number }, cache: unknown): { raw: unknown; readAt: number } {
  const c = cache as Partial<PolicyCache> | undefined;
  if (c && typeof c.readAt === 'number' && c.raw !== undefined && JSON.stringify(c.raw) === JSON.stringify(read.raw)) return { raw: read.raw, readAt: c.readAt };
  return read;
}
