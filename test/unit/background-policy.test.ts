// The background's policy reader (issue 4): what a failed managed-storage read means, and "last
// updated" as the time a policy arrived. Plus the wiring Chrome needs to load the extension at all.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keepReadAt, readFromError } from '../../src/background/policy-read.js';
import { managedSchemaJson, resolvePolicyState } from '../../src/core/index.js';

const root = new URL('../..', import.meta.url).pathname;

describe('readFromError', () => {
  it('Firefox without policies.json and browsers without managed storage: no policy', () => {
    expect(readFromError('Managed storage manifest not found', 5)).toEqual({ raw: {}, readAt: 5 });
    expect(readFromError("Cannot read properties of undefined (reading 'get')", 5)).toEqual({ raw: {}, readAt: 5 });
  });

  it('anything else is a failure: the last known policy (else the defaults) applies and the popup says so', () => {
    const read = readFromError('IO error', 5);
    expect(read).toEqual({ error: 'IO error' });
    const cache = { format: 1, raw: { detectors: { iban: { action: 'allow' } } }, readAt: 1 };
    const s = resolvePolicyState({ managed: read, cache });
    expect(s).toMatchObject({ source: 'cached', pending: false, updatedAt: 1 });
    expect(s.policy.detectors.iban.action).toBe('allow');
    expect(s.problems[0]!.message).toContain('IO error');
  });
});

describe('keepReadAt', () => {
  const cache = { format: 1, raw: { version: 'a', clients: ['X'] }, readAt: 100 };
  it('keeps the time of the cached policy when the same policy is read again', () => {
    expect(keepReadAt({ raw: { version: 'a', clients: ['X'] }, readAt: 999 }, cache)).toEqual({ raw: { version: 'a', clients: ['X'] }, readAt: 100 });
  });
  it('takes the new time for a changed policy or without a cache', () => {
    expect(keepReadAt({ raw: { version: 'b' }, readAt: 999 }, cache).readAt).toBe(999);
    expect(keepReadAt({ raw: {}, readAt: 999 }, undefined).readAt).toBe(999);
  });
});

describe('manifest wiring (Chrome refuses an extension whose managed_schema file is missing)', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  it('names managed_schema.json, which public/ holds and the build copies (vite publicDir)', () => {
    expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(readFileSync(join(root, 'public/managed_schema.json'), 'utf8')).toBe(managedSchemaJson());
    expect(readFileSync(join(root, 'vite.config.ts'), 'utf8')).toMatch(/publicDir:\s*'public'/);
  });
  it('has the options page, opened in a tab', () => {
    expect(manifest.options_ui).toEqual({ page: 'src/ui/options/index.html', open_in_tab: true });
    expect(existsSync(join(root, manifest.options_ui.page))).toBe(true);
  });
});
