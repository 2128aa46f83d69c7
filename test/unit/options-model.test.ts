// The options page's rules (issue 4): choices only at the base value or stricter, the organisation's
// settings read-only, and only what differs from the base stored.
import { describe, expect, it } from 'vitest';
import { defaultPolicy, mergePolicies, parsePolicy } from '../../src/core/index.js';
import { allowedValues, editable, field, getPath, l10n, parseLines, problemText, setPath, settingLabel, valueLabel, withChoice, withList } from '../../src/ui/options/model.js';
import { readFileSync } from 'node:fs';

const defaults = defaultPolicy();
const org = mergePolicies(parsePolicy({ detectors: { iban: { action: 'allow' }, health: { sensitivity: 'low' } }, override: { allowed: false } }), undefined);

describe('allowedValues', () => {
  it('offers the base value and everything stricter, loosest first', () => {
    expect(allowedValues('detectors.iban.action', defaults)).toEqual(['warn', 'block']);
    expect(allowedValues('detectors.email.action', defaults)).toEqual(['allow', 'warn', 'block']);
    expect(allowedValues('detectors.credit_card.action', defaults)).toEqual(['block']);
    expect(allowedValues('detectors.iban.sensitivity', defaults)).toEqual(['medium', 'high']);
    expect(allowedValues('override.allowed', defaults)).toEqual([true, false]);
    expect(allowedValues('override.requireJustification', defaults)).toEqual([false, true]);
  });

  it('starts from the organisation\'s value when it has one', () => {
    expect(allowedValues('detectors.iban.action', org.policy)).toEqual(['allow', 'warn', 'block']);
    expect(allowedValues('detectors.health.sensitivity', org.policy)).toEqual(['low', 'medium', 'high']);
    expect(allowedValues('override.allowed', org.policy)).toEqual([false]);
  });

  it('settings without a "stricter" rule offer every value', () => {
    expect(allowedValues('hints.enabled', defaults)).toEqual([false, true]);
  });
});

describe('field', () => {
  it('is read-only (no choices) where the organisation sets it', () => {
    expect(field('detectors.iban.action', org.policy, org.policy, org.managed)).toEqual({ value: 'allow', managed: true, choices: [] });
    expect(field('detectors.health.action', org.policy, org.policy, org.managed)).toEqual({ value: 'warn', managed: false, choices: ['warn', 'block'] });
  });
});

describe('withChoice', () => {
  it('stores a stricter choice and clears one equal to the base', () => {
    const u1 = withChoice({}, 'detectors.iban.action', 'block', defaults);
    expect(u1).toEqual({ detectors: { iban: { action: 'block' } } });
    const u2 = withChoice(u1, 'detectors.iban.sensitivity', 'high', defaults);
    expect(u2).toEqual({ detectors: { iban: { action: 'block', sensitivity: 'high' } } });
    expect(withChoice(u2, 'detectors.iban.action', 'warn', defaults)).toEqual({ detectors: { iban: { sensitivity: 'high' } } });
    expect(withChoice(withChoice(u2, 'detectors.iban.action', 'warn', defaults), 'detectors.iban.sensitivity', 'medium', defaults)).toEqual({});
  });

  it('refuses a choice looser than the base', () => {
    const user = { hints: { enabled: false } };
    expect(withChoice(user, 'detectors.iban.action', 'allow', defaults)).toBe(user);
    expect(withChoice(user, 'override.allowed', true, org.policy)).toBe(user);
  });

  it('what it stores merges to the choice (the core agrees)', () => {
    const user = withChoice({}, 'detectors.health.action', 'block', defaults);
    expect(mergePolicies(parsePolicy({ clients: ['X'] }), user).policy.detectors.health.action).toBe('block');
  });
});

describe('lists and paths', () => {
  it('parseLines trims, drops empty lines, repeats and over-long entries', () => {
    expect(parseLines(' Anna Müller \n\n Bäckerei Schmidt GmbH\r\nAnna Müller\n' + 'x'.repeat(201))).toEqual(['Anna Müller', 'Bäckerei Schmidt GmbH']);
  });

  it('withList sets or removes a list', () => {
    expect(withList({}, 'clients', ['A'])).toEqual({ clients: ['A'] });
    expect(withList({ clients: ['A'], hints: { enabled: false } }, 'clients', [])).toEqual({ hints: { enabled: false } });
  });

  it('setPath / getPath leave the input alone and prune empty objects', () => {
    const user = { detectors: { iban: { action: 'block' } } };
    const next = setPath(user, 'detectors.iban.action', undefined);
    expect(next).toEqual({});
    expect(user).toEqual({ detectors: { iban: { action: 'block' } } });
    expect(getPath({ a: { b: 1 } }, 'a.b')).toBe(1);
    expect(getPath({ a: 1 }, 'a.b')).toBeUndefined();
  });
});

describe('labels', () => {
  it('come from the schema, in German for de-*', () => {
    expect(valueLabel('detectors.iban.action', 'warn', 'de-DE')).toBe('warnen');
    expect(valueLabel('detectors.iban.action', 'allow', 'en-US')).toBe('allow (do nothing)');
    expect(valueLabel('detectors.iban.sensitivity', 'high', 'de')).toBe('hoch');
    expect(l10n({ en: 'Client names', de: 'Mandantennamen' }, 'de-AT')).toBe('Mandantennamen');
    expect(l10n(undefined, 'en')).toBe('');
  });
});

describe('policy problems in the UI language', () => {
  const [problem] = parsePolicy({ detectors: { iban: { action: 'maybe' } } }).problems;

  it('German for de-*, English otherwise', () => {
    expect(problemText(problem!, 'de-DE')).toBe('detectors.iban.action: muss "allow", "warn" oder "block" sein, ist aber "maybe"; es gilt die Standardaktion "warn".');
    expect(problemText(problem!, 'de')).toBe(problemText(problem!, 'de-DE'));
    expect(problemText(problem!, 'en-US')).toBe('detectors.iban.action: must be "allow", "warn" or "block", got "maybe"; the default action "warn" applies.');
    expect(problemText(problem!, 'fr')).toBe(problemText(problem!, 'en'));
  });

  it('the user\'s own options that do not apply, in German', () => {
    const m = mergePolicies(parsePolicy({ mode: 'training' }), { mode: 'monitor', version: 'mine' });
    expect(m.ignored.map((p) => problemText(p, 'de'))).toEqual([
      'version: kann nur durch eine Richtlinie der Organisation festgelegt werden; Ihre eigene Einstellung wird nicht verwendet.',
      'mode: ist von Ihrer Organisation festgelegt; es gilt "training".',
    ]);
  });

  it('names the setting in words from the schema', () => {
    expect(settingLabel('detectors.iban.action', 'de')).toBe('Erkennungen › IBAN (Bankverbindung) › Aktion');
    expect(settingLabel('detectors.iban.action', 'en')).toBe('Detectors › IBAN (bank account) › Action');
    expect(settingLabel('customRules[2].pattern', 'de')).toBe('Eigene Regeln › Muster (RE2)');
    expect(settingLabel('clients[0]', 'de')).toBe('Mandanten- und Kundennamen');
    expect(settingLabel('sites.teams.enabled', 'en')).toBe('Sites › Microsoft Teams › Enabled');
    // Not in the schema: no label (the path alone is shown).
    for (const p of ['', 'colour', 'detectors.ibna', 'customRules (falke)', 'mode[0]', 'detectors.iban.action.x']) expect(settingLabel(p, 'de'), p).toBe('');
  });

  it('every policy source has its label in both languages', () => {
    for (const lang of ['de', 'en']) {
      const messages = JSON.parse(readFileSync(new URL(`../../_locales/${lang}/messages.json`, import.meta.url), 'utf8'));
      for (const source of ['managed', 'cached', 'defaults']) {
        expect(messages[`policySourceShort_${source}`]?.message, `${lang} ${source}`).toBeTruthy();
        expect(messages[`policySource_${source}`]?.message, `${lang} ${source}`).toBeTruthy();
      }
    }
  });
});

describe('per-site enablement and mode: only stricter', () => {
  it('with the defaults: SendGuard stays on and in enforce mode (the strictest), nothing to choose', () => {
    expect(allowedValues('mode', defaults)).toEqual(['enforce']);
    for (const site of ['whatsapp', 'teams']) {
      expect(allowedValues(`sites.${site}.enabled`, defaults)).toEqual([true]);
      const f = field(`sites.${site}.enabled`, defaults, defaults, []);
      expect(f).toEqual({ value: true, managed: false, choices: [true] });
      expect(editable(f)).toBe(false);
    }
    expect(editable(field('mode', defaults, defaults, []))).toBe(false);
  });

  it('a user cannot switch a site off or loosen the mode', () => {
    expect(withChoice({}, 'sites.teams.enabled', false, defaults)).toEqual({});
    expect(withChoice({}, 'mode', 'monitor', defaults)).toEqual({});
    expect(withChoice({}, 'mode', 'training', defaults)).toEqual({});
  });

  it('from a looser base that is not managed (a cached or older base), only towards stricter', () => {
    const base = { ...defaults, mode: 'monitor' as const, sites: { whatsapp: { enabled: true }, teams: { enabled: false } } };
    expect(allowedValues('mode', base)).toEqual(['monitor', 'training', 'enforce']);
    expect(withChoice({}, 'mode', 'training', base)).toEqual({ mode: 'training' });
    expect(withChoice({ mode: 'training' }, 'mode', 'monitor', base)).toEqual({});
    expect(allowedValues('sites.teams.enabled', base)).toEqual([false, true]);
    expect(withChoice({}, 'sites.teams.enabled', true, base)).toEqual({ sites: { teams: { enabled: true } } });
    expect(editable(field('sites.teams.enabled', base, base, []))).toBe(true);
  });

  it('what the organisation sets is read-only, also its "monitor" or a site it switched off', () => {
    const m = mergePolicies(parsePolicy({ mode: 'monitor', sites: { teams: { enabled: false } } }), undefined);
    const mode = field('mode', m.policy, m.policy, m.managed);
    const teams = field('sites.teams.enabled', m.policy, m.policy, m.managed);
    expect(mode).toEqual({ value: 'monitor', managed: true, choices: [] });
    expect(teams).toEqual({ value: false, managed: true, choices: [] });
    expect(editable(mode) || editable(teams)).toBe(false);
    // The organisation leaves WhatsApp alone: on, and it stays on.
    expect(field('sites.whatsapp.enabled', m.policy, m.policy, m.managed)).toEqual({ value: true, managed: false, choices: [true] });
  });

  it('a looser value stored earlier can be moved back, not further', () => {
    // Without a managed policy the user's stored options apply as they are (merge.ts); the page offers the way back.
    const user = { mode: 'monitor', sites: { teams: { enabled: false } } };
    const effective = mergePolicies(undefined, user).policy;
    const teams = field('sites.teams.enabled', effective, defaults, []);
    expect(teams).toEqual({ value: false, managed: false, choices: [true] });
    expect(editable(teams)).toBe(true);
    expect(withChoice(user, 'sites.teams.enabled', true, defaults)).toEqual({ mode: 'monitor' });
    const mode = field('mode', effective, defaults, []);
    expect(editable(mode)).toBe(true);
    expect(withChoice(user, 'mode', 'enforce', defaults)).toEqual({ sites: { teams: { enabled: false } } });
    expect(withChoice(user, 'mode', 'training', defaults)).toEqual(user);
  });
});
