// Precedence (managed policy > the user's own options, users only stricter) and the start-up rule
// (cached policy, else strict defaults, until managed storage answers).
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ACTIONS,
  isManagedPath,
  mergePolicies,
  parsePolicy,
  policyCacheEntry,
  resolvePolicyState,
  strictStartupPolicy,
  defaultPolicy,
  formatProblemIn,
} from '../../src/core/index.js';

const managed = (raw: unknown) => parsePolicy(raw);

describe('without a managed policy', () => {
  it('the user is their own admin: their options apply, also looser ones', () => {
    const m = mergePolicies(undefined, { detectors: { iban: { action: 'allow' } }, allowlist: ['Meine IBAN'], mode: 'training', sites: { teams: { enabled: false } } });
    expect(m.policy.detectors.iban.action).toBe('allow');
    expect(m.policy.allowlist).toEqual(['Meine IBAN']);
    expect(m.policy.mode).toBe('training');
    expect(m.policy.sites.teams.enabled).toBe(false);
    expect(m.managed).toEqual([]);
    expect(m.ignored).toEqual([]);
  });

  it('admin-only settings cannot come from the user', () => {
    const m = mergePolicies(undefined, { texts: { guidanceUrl: 'https://evil.example' }, version: 'mine', clientHashes: { salt: '12345678', hashes: ['a'.repeat(64)] }, override: { justificationChoices: ['x'] } });
    expect(m.policy.texts.guidanceUrl).toBeUndefined();
    expect(m.policy.version).toBeUndefined();
    expect(m.policy.clientHashes).toBeUndefined();
    expect(m.policy.override.justificationChoices).toEqual([]);
    expect(m.ignored.map((i) => i.path).sort()).toEqual(['clientHashes', 'override.justificationChoices', 'texts', 'version']);
  });

  it('no options at all: the defaults', () => {
    expect(mergePolicies(undefined, undefined).policy).toEqual(defaultPolicy());
  });
});

describe('with a managed policy', () => {
  const org = managed({
    detectors: { iban: { action: 'warn' }, health: { sensitivity: 'low' } },
    clients: ['Anna Müller'],
    customRules: [{ id: 'falke', words: ['Projekt Falke'], action: 'block' }],
    sites: { teams: { enabled: false } },
    texts: { de: { title: 'Bitte prüfen' } },
    hints: { enabled: false },
  });

  it('settings the organisation sets are managed (read-only) and the user cannot change them', () => {
    const m = mergePolicies(org, { detectors: { iban: { action: 'block' }, health: { sensitivity: 'high' } }, sites: { teams: { enabled: true } }, hints: { enabled: true } });
    expect(m.policy.detectors.iban.action).toBe('warn');
    expect(m.policy.detectors.health.sensitivity).toBe('low');
    expect(m.policy.sites.teams.enabled).toBe(false);
    expect(m.policy.hints.enabled).toBe(false);
    for (const p of ['detectors.iban.action', 'detectors.health.sensitivity', 'sites.teams.enabled', 'hints.enabled', 'clients', 'customRules', 'texts']) expect(m.managed, p).toContain(p);
    expect(m.ignored.map((i) => i.path)).toEqual(['detectors.health.sensitivity', 'detectors.iban.action', 'sites.teams.enabled', 'hints.enabled']);
    expect(m.ignored[0]!.message).toBe('is set by your organisation');
  });

  it('elsewhere the user may only make things stricter', () => {
    const m = mergePolicies(org, {
      detectors: { credit_card: { action: 'warn' }, email: { action: 'warn' }, de_tax_id: { action: 'block', sensitivity: 'high' }, phone: { sensitivity: 'low' } },
      mode: 'monitor',
      onError: 'warn',
      ocrFailure: 'block',
      override: { allowed: false, requireJustification: true },
      sites: { whatsapp: { enabled: false } },
    });
    const p = m.policy;
    expect(p.detectors.credit_card.action).toBe(DEFAULT_ACTIONS.credit_card); // block stays
    expect(p.detectors.email.action).toBe('warn'); // allow → warn: stricter, fine
    expect(p.detectors.de_tax_id).toEqual({ action: 'block', sensitivity: 'high' });
    expect(p.detectors.phone.sensitivity).toBe('medium');
    expect(p.mode).toBe('enforce');
    expect(p.onError).toBe('block');
    expect(p.ocrFailure).toBe('block');
    expect(p.override).toMatchObject({ allowed: false, requireJustification: true });
    expect(p.sites.whatsapp.enabled).toBe(true);
    const looser = m.ignored.map((i) => i.path).sort();
    expect(looser).toEqual(['detectors.credit_card.action', 'detectors.phone.sensitivity', 'mode', 'onError', 'sites.whatsapp.enabled']);
    expect(m.ignored.find((i) => i.path === 'mode')).toEqual({
      path: 'mode',
      code: 'less-strict',
      params: { value: '"monitor"' },
      fallbackCode: 'value-applies',
      fallbackParams: { value: '"enforce"' },
      message: 'your setting "monitor" is less strict than your organisation allows',
      fallback: '"enforce" applies',
    });
    expect(formatProblemIn(m.ignored.find((i) => i.path === 'mode')!, 'de')).toBe('mode: Ihre Einstellung "monitor" ist weniger streng, als Ihre Organisation erlaubt; es gilt "enforce".');
  });

  it('users may add clients and custom rules, not replace the organisation\'s', () => {
    const m = mergePolicies(org, {
      clients: ['Eva Schmidt', 'Anna Müller'],
      customRules: [{ id: 'mine', words: ['Geheim'] }, { id: 'falke', words: ['Falke'], action: 'allow' }],
    });
    expect(m.policy.clients).toEqual(['Anna Müller', 'Eva Schmidt']);
    expect(m.policy.customRules.map((r) => `${r.id}:${r.action ?? '-'}`)).toEqual(['falke:block', 'mine:-']);
    expect(m.ignored.map((i) => i.message)).toEqual(['your rule "falke" has the id of a rule of your organisation']);
  });

  it('combined lists stay within the supported size; the organisation\'s entries come first', () => {
    const rules = (prefix: string) => Array.from({ length: 150 }, (_, i) => ({ id: `${prefix}${i}`, words: [`${prefix}w${i}`] }));
    const m = mergePolicies(managed({ customRules: rules('org') }), { customRules: rules('me') });
    expect(m.policy.customRules).toHaveLength(200);
    expect(m.policy.customRules.slice(0, 150).every((r) => r.id.startsWith('org'))).toBe(true);
    expect(m.ignored.map((i) => i.path)).toEqual(['customRules']);
  });

  it('the user\'s allow-list and audit settings do not apply while a policy exists', () => {
    const m = mergePolicies(org, { allowlist: ['DE89370400440532013000'], audit: { retentionDays: 3650, endpoint: 'https://me.example/log' } });
    expect(m.policy.allowlist).toEqual([]);
    expect(m.policy.audit).toEqual({ retentionDays: 90, batchSize: 50 });
    expect(m.managed).toContain('allowlist');
    expect(m.managed).toContain('audit');
    expect(m.ignored.map((i) => i.path)).toEqual(['allowlist', 'audit']);
  });

  it('an invalid organisation value is not managed; the default applies and the user may tighten it', () => {
    const m = mergePolicies(managed({ detectors: { iban: { action: 'maybe' } } }), { detectors: { iban: { action: 'block' } } });
    expect(m.managed).not.toContain('detectors.iban.action');
    expect(m.policy.detectors.iban.action).toBe('block');
  });

  it('the user\'s invalid options are reported, not applied', () => {
    const m = mergePolicies(org, { detectors: { iban: { action: 'sometimes' } }, colour: 'red' });
    expect(m.userProblems.map((p) => p.path)).toEqual(['colour', 'detectors.iban.action']);
  });

  it('garbage as user options changes nothing', () => {
    for (const junk of ['x', 42, null, [], { detectors: 'all' }]) {
      expect(mergePolicies(org, junk).policy).toEqual(mergePolicies(org, {}).policy);
    }
  });

  it('results do not share arrays with their inputs', () => {
    const m = mergePolicies(org, {});
    m.policy.clients.push('X');
    expect(org.policy.clients).toEqual(['Anna Müller']);
  });
});

describe('isManagedPath', () => {
  it('matches leaves and everything under a managed unit', () => {
    const managedPaths = ['detectors.iban.action', 'texts', 'clients'];
    expect(isManagedPath(managedPaths, 'detectors.iban.action')).toBe(true);
    expect(isManagedPath(managedPaths, 'detectors.iban.sensitivity')).toBe(false);
    expect(isManagedPath(managedPaths, 'texts.de.title')).toBe(true);
    expect(isManagedPath(managedPaths, 'clients[3]')).toBe(true);
    expect(isManagedPath(managedPaths, 'textsX')).toBe(false);
  });
});

describe('start-up and changes', () => {
  const orgRaw = { detectors: { iban: { action: 'block' } }, version: 'v7' };

  it('before managed storage answers and without a cache: strict defaults; users may only tighten', () => {
    const s = resolvePolicyState({ user: { detectors: { iban: { action: 'allow' }, email: { action: 'block' } }, allowlist: ['x'] } });
    expect(s).toMatchObject({ source: 'defaults', pending: true, managed: [] });
    expect(s.updatedAt).toBeUndefined();
    expect(s.policy.detectors.iban.action).toBe('warn');
    expect(s.policy.detectors.email.action).toBe('block');
    expect(s.policy.allowlist).toEqual([]);
    expect(s.policy.onError).toBe('block');
    expect(strictStartupPolicy({ detectors: { iban: { action: 'allow' } } }).detectors.iban.action).toBe('warn');
  });

  it('before managed storage answers with a cache: the last known policy', () => {
    const cache = policyCacheEntry(orgRaw, 1000);
    const s = resolvePolicyState({ cache, user: {} });
    expect(s).toMatchObject({ source: 'cached', pending: true, updatedAt: 1000, version: 'v7' });
    expect(s.policy.detectors.iban.action).toBe('block');
    expect(s.managed).toContain('detectors.iban.action');
  });

  it('once managed storage answers: the managed policy, with its read time and problems', () => {
    const s = resolvePolicyState({ managed: { raw: { ...orgRaw, mode: 'strict' }, readAt: 2000 }, cache: policyCacheEntry({ mode: 'monitor' }, 1000) });
    expect(s).toMatchObject({ source: 'managed', pending: false, updatedAt: 2000, version: 'v7' });
    expect(s.policy.mode).toBe('enforce');
    expect(s.problems.map((p) => p.path)).toEqual(['mode']);
  });

  it('no managed policy ({}): defaults, the user\'s options apply as they are, and the cache is dropped', () => {
    const s = resolvePolicyState({ managed: { raw: {}, readAt: 2000 }, cache: policyCacheEntry(orgRaw, 1000), user: { detectors: { iban: { action: 'allow' } } } });
    expect(s).toMatchObject({ source: 'defaults', pending: false, managed: [], problems: [] });
    expect(s.policy.detectors.iban.action).toBe('allow');
    expect(policyCacheEntry({}, 2000)).toBeUndefined();
    expect(policyCacheEntry(undefined, 2000)).toBeUndefined();
  });

  it('a failed read keeps the cache (or the strict defaults) and says so', () => {
    const withCache = resolvePolicyState({ managed: { error: 'boom' }, cache: policyCacheEntry(orgRaw, 1000) });
    expect(withCache).toMatchObject({ source: 'cached', pending: false, updatedAt: 1000 });
    expect(withCache.problems[0]).toMatchObject({ path: '', fallback: 'the last known policy applies' });
    const without = resolvePolicyState({ managed: { error: 'boom' }, user: { detectors: { iban: { action: 'allow' } } } });
    expect(without.source).toBe('defaults');
    expect(without.policy.detectors.iban.action).toBe('warn');
  });

  it('a broken cache is ignored', () => {
    for (const cache of ['x', { format: 2, raw: orgRaw, readAt: 1 }, { format: 1, raw: 'x', readAt: 1 }, { format: 1, raw: orgRaw }]) {
      expect(resolvePolicyState({ cache }).source).toBe('defaults');
    }
  });

  it('the state is plain JSON (it travels to the popup in a message)', () => {
    const s = resolvePolicyState({ managed: { raw: { ...orgRaw, customRules: [{ id: 'a', pattern: 'x+' }] }, readAt: 5 }, user: {} });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
