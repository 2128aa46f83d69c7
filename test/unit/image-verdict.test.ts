// Issue 5: caption and image text judged together (content/logic.ts imageVerdict) and the engine's
// ocrFrom (only the image part is OCR-repaired and marked as found in the image).
import { describe, expect, it } from 'vitest';
import { imageVerdict } from '../../src/content/logic.js';
import { analyze, defaultPolicy, parsePolicy, type Policy } from '../../src/core/index.js';
import { ocrFailureAnalysis } from '../../src/core/ocr-text.js';

const run = (policy: Policy) => (text: string, ocrFrom: number) => analyze(text, policy, { ocr: true, ocrFrom });
const fail = (policy: Policy) => (reason: string) => ocrFailureAnalysis(policy, reason);
const IBAN_IMAGE = 'Überweisung\nEmpfänger: Muster GmbH\nIBAN: DE89 3704 OO44 O532 0130 00\nBetrag: 120,00 EUR';

describe('imageVerdict', () => {
  const policy = defaultPolicy();

  it('a clean caption with a clean image is allowed', () => {
    const out = imageVerdict('Foto vom Sommerfest', ['SOMMERFEST\nam Freitag ab 16 Uhr'], [], policy, run(policy), fail(policy));
    expect(out.verdict.kind).toBe('allow');
    expect(out.failed).toBe(0);
  });

  it('an IBAN in the image holds the send; the finding is marked as from the image and points into the combined text', () => {
    const caption = 'so richtig?';
    const out = imageVerdict(caption, [IBAN_IMAGE], [], policy, run(policy), fail(policy));
    expect(out.verdict.kind).toBe('hold');
    if (out.verdict.kind !== 'hold') return;
    const iban = out.verdict.findings.find((f) => f.type === 'iban')!;
    expect(iban.source).toBe('image');
    expect(iban.start).toBeGreaterThan(caption.length);
    expect(out.text.startsWith(caption + '\n\n')).toBe(true);
  });

  it('a finding in the caption is marked as typed text, and the caption is not OCR-repaired', () => {
    const caption = 'Konto DE89 3704 0044 0532 0130 00';
    const out = imageVerdict(caption, ['Speiseplan KW 24'], [], policy, run(policy), fail(policy));
    expect(out.verdict.kind).toBe('hold');
    if (out.verdict.kind !== 'hold') return;
    expect(out.verdict.findings.find((f) => f.type === 'iban')!.source).toBe('text');
    expect(out.text.slice(0, caption.length)).toBe(caption);
  });

  it('an unreadable image alone gets the policy\'s ocrFailure (default warn) as a failed check', () => {
    const out = imageVerdict('hier das Foto', [], ['the image could not be decoded'], policy, run(policy), fail(policy));
    expect(out.verdict).toMatchObject({ kind: 'hold', action: 'warn', failed: true, sendAnyway: true });
    expect(out.failed).toBe(1);
  });

  it('ocrFailure "block" blocks an unreadable image; "allow" lets it through', () => {
    const block = parsePolicy({ ocrFailure: 'block' }).policy;
    expect(imageVerdict('', [], ['x'], block, run(block), fail(block)).verdict).toMatchObject({ kind: 'hold', action: 'block', failed: true });
    const allow = parsePolicy({ ocrFailure: 'allow' }).policy;
    expect(imageVerdict('', [], ['x'], allow, run(allow), fail(allow)).verdict.kind).toBe('allow');
  });

  it('findings next to an unreadable image: the findings are shown, the stricter action wins', () => {
    const block = parsePolicy({ ocrFailure: 'block' }).policy;
    const out = imageVerdict('', [IBAN_IMAGE], ['x'], block, run(block), fail(block));
    expect(out.verdict).toMatchObject({ kind: 'hold', action: 'block', failed: false });
    if (out.verdict.kind === 'hold') expect(out.verdict.findings.some((f) => f.type === 'iban')).toBe(true);
  });

  it('monitor mode never interrupts, also for an unreadable image', () => {
    const monitor = parsePolicy({ mode: 'monitor' }).policy;
    expect(imageVerdict('', [], ['x'], monitor, run(monitor), fail(monitor)).verdict.kind).toBe('allow');
  });
});
