// Masking and excerpts shown in the send-time dialog.
import { describe, expect, it } from 'vitest';
import { displayValue, excerpt, groupFindings, maskValue, type Segment } from '../../src/ui/format.js';
import { analyze, defaultPolicy, type DetectorType, type Finding } from '../../src/core/index.js';

const f = (type: DetectorType, text: string, whole: string): Finding => {
  const start = whole.indexOf(text);
  return { type, start, end: start + text.length, text, score: 1, rule: `${type}.test`, explanation: { recognizer: type, pattern: 't', baseScore: 1 } };
};
const show = (segs: Segment[]) => segs.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('');

describe('maskValue', () => {
  it('keeps the first 4 and last 2 characters and the separators', () => {
    expect(maskValue('DE89 3704 0044 0532 0130 00')).toBe('DE89 •••• •••• •••• •••• 00');
    expect(maskValue('DE89370400440532013000')).toBe('DE89••••••••••••••••00');
    expect(maskValue('4111-1111-1111-1111')).toBe('4111-••••-••••-••11');
    expect(maskValue('A123456780')).toBe('A123••••80');
  });
  it('reveals less of short values', () => {
    expect(maskValue('12345678')).toBe('12•••••8');
    expect(maskValue('1234')).toBe('1•••');
  });
  it('masks by type: numbers yes, health words no, e-mail partly', () => {
    expect(displayValue('health', 'Depression')).toBe('Depression');
    expect(displayValue('de_tax_id', '86095742719')).toBe('8609•••••19');
    expect(displayValue('email', 'anna.becker@example.org')).toBe('a••••••••••@example.org');
  });
});

describe('excerpt', () => {
  const text = 'Hallo zusammen, bitte die Kaution an DE89 3704 0044 0532 0130 00 überweisen, und zwar bis spätestens Freitag nächster Woche.';
  const iban = f('iban', 'DE89 3704 0044 0532 0130 00', text);

  it('marks the match, masked, cut at word boundaries', () => {
    expect(show(excerpt(text, [iban], 0))).toBe('…zusammen, bitte die Kaution an [DE89 •••• •••• •••• •••• 00] überweisen, und zwar bis…');
  });

  it('masks a sensitive neighbour and never cuts it in half', () => {
    const t = 'Konto DE89 3704 0044 0532 0130 00 wegen Depression';
    const fs = [f('iban', 'DE89 3704 0044 0532 0130 00', t), f('health', 'Depression', t)];
    expect(show(excerpt(t, fs, 1, 12))).toBe('…DE89 •••• •••• •••• •••• 00 wegen [Depression]');
  });

  it('shows line breaks as spaces', () => {
    const t = 'Diagnose:\nDepression';
    expect(show(excerpt(t, [f('health', 'Depression', t)], 0))).toBe('Diagnose: [Depression]');
  });
});

describe('groupFindings', () => {
  it('one entry per type that raised the action, close findings in one excerpt', () => {
    const text = 'Frau Yilmaz hat jetzt die Diagnose Depression und nimmt Sertralin. IBAN DE89 3704 0044 0532 0130 00';
    const a = analyze(text, defaultPolicy());
    const groups = groupFindings(text, a.findings, a.decision.reasons.map((r) => r.type));
    expect(groups.map((g) => g.type).sort()).toEqual(['health', 'iban']);
    const health = groups.find((g) => g.type === 'health')!;
    expect(health.excerpts).toHaveLength(1);
    expect(health.more).toBe(0);
    expect(health.excerpts[0]!.filter((s) => s.mark).map((s) => s.text)).toContain('Sertralin');
    // No unmasked IBAN anywhere in the dialog's data.
    expect(JSON.stringify(groups)).not.toContain('3704');
  });
});
