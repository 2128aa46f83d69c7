import { describe, expect, it } from 'vitest';
import { decide, defaultPolicy, parsePolicy, DEFAULT_ACTIONS, DETECTOR_TYPES, type Finding } from '../../src/core/index.js';

function finding(type: Finding['type'], score = 1): Finding {
  return { type, start: 0, end: 1, text: 'x', score, rule: `${type}.test`, explanation: { recognizer: type, pattern: 'test', baseScore: score } };
}

describe('policy defaults', () => {
  it('match the documented defaults', () => {
    expect(DEFAULT_ACTIONS).toEqual({
      iban: 'warn', health: 'warn', client_name: 'block', credit_card: 'block', de_tax_id: 'warn',
      de_kvnr: 'warn', email: 'allow', phone: 'allow', person_name: 'allow',
      // Issue 4: the organisation's custom rules; the action for rules that do not set their own.
      custom: 'warn',
    });
    const p = defaultPolicy();
    for (const t of DETECTOR_TYPES) expect(p.detectors[t].action).toBe(DEFAULT_ACTIONS[t]);
    expect(p.onError).toBe('block');
  });

  it('missing keys take the defaults', () => {
    const { policy, problems } = parsePolicy({ detectors: { iban: { action: 'block' } }, clients: ['Anna Müller'] });
    expect(problems).toEqual([]);
    expect(policy.detectors.iban.action).toBe('block');
    expect(policy.detectors.health.action).toBe('warn');
    expect(policy.clients).toEqual(['Anna Müller']);
  });
});

describe('parsePolicy on malformed input never crashes and never weakens silently', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', 'hello', ''],
    ['an array', [1, 2], ''],
    ['detectors as list', { detectors: ['iban'] }, 'detectors'],
    ['unknown type', { detectors: { passport: { action: 'block' } } }, 'detectors.passport'],
    ['invalid action', { detectors: { client_name: { action: 'none' } } }, 'detectors.client_name.action'],
    ['action wrong type', { detectors: { health: { action: 0 } } }, 'detectors.health.action'],
    ['detector as string', { detectors: { iban: 'allow' } }, 'detectors.iban'],
    ['bad sensitivity', { detectors: { iban: { sensitivity: 'max' } } }, 'detectors.iban.sensitivity'],
    ['clients not a list', { clients: 'Anna' }, 'clients'],
    ['client not a string', { clients: ['Anna Müller', 42] }, 'clients[1]'],
    ['unknown key', { colour: 'red' }, 'colour'],
    ['bad onError', { onError: 'allow' }, 'onError'],
  ];
  for (const [name, input, path] of cases) {
    it(name, () => {
      const { policy, problems } = parsePolicy(input);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.map((p) => p.path)).toContain(path);
      for (const p of problems) expect(p.fallback.length).toBeGreaterThan(0);
      // Nothing got looser than the defaults.
      for (const t of DETECTOR_TYPES) expect(policy.detectors[t].action).toBe(DEFAULT_ACTIONS[t]);
      expect(policy.onError).toBe('block');
    });
  }

  it('a valid part still applies next to an invalid one', () => {
    const { policy, problems } = parsePolicy({ detectors: { iban: { action: 'block' }, health: { action: 'nope' } }, clients: ['A B', ''] });
    expect(policy.detectors.iban.action).toBe('block');
    expect(policy.detectors.health.action).toBe('warn');
    expect(policy.clients).toEqual(['A B']);
    expect(problems).toHaveLength(2);
  });

  it('huge client lists are capped with a report', () => {
    const clients = Array.from({ length: 25000 }, (_, i) => `Name${i} Nachname${i}`);
    const { policy, problems } = parsePolicy({ clients });
    expect(policy.clients.length).toBe(20000);
    expect(problems[0]?.path).toBe('clients');
  });
});

describe('decide', () => {
  it('takes the strongest action and groups reasons by type', () => {
    const p = defaultPolicy();
    const d = decide([finding('iban'), finding('credit_card'), finding('iban'), finding('email')], p);
    expect(d.action).toBe('block');
    expect(d.reasons.map((r) => r.type)).toEqual(['credit_card', 'iban']);
    expect(d.reasons[1]!.findings).toEqual([0, 2]);
  });

  it('allow-listed types and low scores do not count', () => {
    const p = defaultPolicy();
    expect(decide([finding('email'), finding('phone')], p).action).toBe('allow');
    expect(decide([finding('health', 0.2)], p).action).toBe('allow');
    p.detectors.health.sensitivity = 'high';
    expect(decide([finding('health', 0.35)], p).action).toBe('warn');
  });

  it('allows an empty message', () => {
    expect(decide([], defaultPolicy())).toEqual({ action: 'allow', reasons: [] });
  });
});
