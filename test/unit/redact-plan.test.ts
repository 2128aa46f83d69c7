// "Mask and send": which values are masked, and that masking is offered only where the masked message
// passes the same check (src/content/redact-plan.ts).
import { describe, expect, it } from 'vitest';
import { analyze, parsePolicy, type Policy } from '../../src/core/index.js';
import { applyReplacements, maskPlan } from '../../src/content/redact-plan.js';

const policy = (raw: Record<string, unknown> = {}): Policy => parsePolicy(raw).policy;

function plan(text: string, p = policy()) {
  const a = analyze(text, p);
  return maskPlan(text, a.findings, a.decision.reasons, p, (t) => analyze(t, p));
}

describe('maskPlan', () => {
  it('masks an IBAN and a card number in the way the dialog shows them', () => {
    const text = 'Konto: DE89 3704 0044 0532 0130 00 und Karte 4111 1111 1111 1111';
    const r = plan(text);
    expect(r?.text).toBe('Konto: DE89 •••• •••• •••• •••• 00 und Karte 4111 •••• •••• ••11');
    expect(r?.replacements.map((x) => text.slice(x.start, x.end))).toEqual(['DE89 3704 0044 0532 0130 00', '4111 1111 1111 1111']);
  });

  it('masks a tax ID', () => {
    expect(plan('Steuer-ID für die Lohnabrechnung: 86095742719')?.text).toBe('Steuer-ID für die Lohnabrechnung: 8609•••••19');
  });

  it('is not offered when something that cannot be masked remains (health, client names)', () => {
    expect(plan('Frau Yilmaz hat jetzt die Diagnose Depression, Konto DE89 3704 0044 0532 0130 00')).toBeNull();
    expect(plan('Termin mit Anna Müller, Konto DE89 3704 0044 0532 0130 00', policy({ clients: ['Anna Müller'] }))).toBeNull();
  });

  it('is not offered when nothing flagged can be masked', () => {
    expect(plan('Frau Yilmaz hat jetzt die Diagnose Depression und nimmt Sertralin.')).toBeNull();
  });

  it('follows the policy: a phone number the policy blocks is masked too', () => {
    const p = policy({ detectors: { phone: { action: 'block' } } });
    const r = plan('Ruf die Klientin unter 0171 2345678 an, Konto DE89 3704 0044 0532 0130 00', p);
    expect(r?.text).toMatch(/^Ruf die Klientin unter 0171 •+78 an, Konto DE89 •••• •••• •••• •••• 00$/);
  });
});

describe('applyReplacements', () => {
  it('applies the replacements from index `from` on, last first', () => {
    const reps = [{ start: 0, end: 3, masked: 'a••' }, { start: 4, end: 7, masked: 'd••' }];
    expect(applyReplacements('abc def', reps)).toBe('a•• d••');
    expect(applyReplacements('abc def', reps, 1)).toBe('abc d••');
  });
});
