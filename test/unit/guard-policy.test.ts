// The send guard and the organisation's policy (issue 4): onError as the mode makes it, sites switched
// off, and what the dialog shows from the policy (texts, link, rule messages, required reason).
import { describe, expect, it } from 'vitest';
import { analyze, mergePolicies, parsePolicy, type Policy } from '../../src/core/index.js';
import { dialogExtras, failureVerdict, onFailure, siteEnabled, verdict, type Verdict } from '../../src/content/logic.js';

const policyOf = (raw: unknown): Policy => mergePolicies(parsePolicy(raw), undefined).policy;
const boom = () => {
  throw new Error('boom');
};
const draft = (text: string) => ({ text, images: 0, files: 0 });
type Hold = Extract<Verdict, { kind: 'hold' }>;

describe('a failed check, by mode', () => {
  it('enforce: onError as configured', () => {
    expect(onFailure(policyOf({}))).toMatchObject({ kind: 'hold', action: 'block', failed: true, sendAnyway: false });
    expect(onFailure(policyOf({ onError: 'warn' }))).toMatchObject({ kind: 'hold', action: 'warn', sendAnyway: true });
  });

  it('training: never blocks, "Send anyway" always offered', () => {
    const training = policyOf({ mode: 'training', override: { allowed: false } });
    expect(onFailure(training)).toMatchObject({ kind: 'hold', action: 'warn', failed: true, sendAnyway: true });
    expect(failureVerdict(training)).toMatchObject({ action: 'warn', sendAnyway: true });
  });

  it('monitor: never interrupts (also when the engine throws)', () => {
    const monitor = policyOf({ mode: 'monitor' });
    expect(onFailure(monitor)).toEqual({ kind: 'allow' });
    expect(verdict(draft('hello'), monitor, boom)).toEqual({ kind: 'allow' });
    // The hold used while image checks run stays a hold.
    expect(failureVerdict(monitor)).toMatchObject({ kind: 'hold', action: 'block' });
  });
});

describe('sites', () => {
  it('are on unless the policy switches them off', () => {
    expect(siteEnabled(policyOf({}), 'whatsapp')).toBe(true);
    const off = policyOf({ sites: { whatsapp: { enabled: false } } });
    expect(siteEnabled(off, 'whatsapp')).toBe(false);
    expect(siteEnabled(off, 'teams')).toBe(true);
  });
});

describe('dialogExtras', () => {
  const org = policyOf({
    customRules: [
      { id: 'falke', words: ['Projekt Falke'], action: 'warn', message: { de: 'Falke ist vertraulich.', en: 'Falcon is confidential.' } },
      { id: 'kd', pattern: 'KD-[0-9]{6}', action: 'warn', message: { de: 'Kundennummern nur im Portal.' } },
      { id: 'plain', words: ['Geheim'], action: 'warn' },
    ],
    override: { requireJustification: true, justificationChoices: ['Vom Mandanten gewünscht'] },
    texts: { de: { title: 'Bitte prüfen', body: '  ' }, en: { body: 'Ask the DPO.' }, guidanceUrl: 'https://intranet.example.com/dsgvo' },
  });
  const hold = (text: string, policy = org) => verdict(draft(text), policy, (t) => analyze(t, policy)) as Hold;

  it('the organisation\'s texts in the UI language, blank ones left out', () => {
    const v = hold('Update zu Projekt Falke');
    expect(dialogExtras(v, org, 'de-DE').org).toEqual({ title: 'Bitte prüfen', guidanceUrl: 'https://intranet.example.com/dsgvo' });
    expect(dialogExtras(v, org, 'en-GB').org).toEqual({ body: 'Ask the DPO.', guidanceUrl: 'https://intranet.example.com/dsgvo' });
  });

  it('messages of the matched rules, in the UI language or else the other one', () => {
    const v = hold('Projekt Falke, KD-123456 und Geheim');
    expect(dialogExtras(v, org, 'en').ruleMessages).toEqual(['Falcon is confidential.', 'Kundennummern nur im Portal.']);
    expect(dialogExtras(v, org, 'de').ruleMessages).toEqual(['Falke ist vertraulich.', 'Kundennummern nur im Portal.']);
  });

  it('asks for a reason only where "Send anyway" is offered and the policy requires one', () => {
    expect(dialogExtras(hold('Projekt Falke'), org, 'de').justification).toEqual({ choices: ['Vom Mandanten gewünscht'] });
    // A block offers no "Send anyway", so no reason either.
    expect(dialogExtras(hold('Karte 4111 1111 1111 1111'), org, 'de').justification).toBeUndefined();
    const plain = policyOf({ customRules: [{ id: 'falke', words: ['Projekt Falke'] }] });
    expect(dialogExtras(hold('Projekt Falke', plain), plain, 'de').justification).toBeUndefined();
  });

  it('training mode is passed on; "Send anyway" with a reason also on what enforce would block', () => {
    const training = policyOf({ mode: 'training', override: { requireJustification: true } });
    const v = hold('Karte 4111 1111 1111 1111', training);
    expect(v).toMatchObject({ action: 'warn', sendAnyway: true });
    expect(dialogExtras(v, training, 'en')).toMatchObject({ mode: 'training', justification: { choices: [] } });
  });
});
