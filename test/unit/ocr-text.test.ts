// OCR text normalisation (src/core/ocr-text.ts) and what it changes for the engine in OCR mode.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyze, parsePolicy, DETECTOR_TYPES, type DetectorType } from '../../src/core/index.js';
import { normalizeOcrText, ocrFailureAnalysis } from '../../src/core/ocr-text.js';

const root = new URL('../..', import.meta.url).pathname;
const clients = (JSON.parse(readFileSync(`${root}test/data/corpus/clients.json`, 'utf8')) as { clients: string[] }).clients;
/** Every detector reports, so each type is seen (as in the eval). */
const allOn = parsePolicy({ clients, detectors: Object.fromEntries(DETECTOR_TYPES.map((t) => [t, { action: 'warn' }])) }).policy;

function types(text: string, ocr: boolean): DetectorType[] {
  return [...new Set(analyze(text, allOn, { ocr }).findings.map((f) => f.type))].sort();
}

describe('normalizeOcrText', () => {
  const samples = [
    'DE89 3704 0O44 O532 0130 00',
    'HauptstraBe 5, FuB, eBay, 10 kB, GmbH, MeiBner',
    'Steuer-ID 25 398 5l6 7O7',
    'Durchschlaf-\nstörungen und Ein-\nund',
    '| F32.1 G | Mittel |',
    'Sparkasse\n\n5376 5167 2437\n\n2313\n\nVALID THRU 09/27',
    '',
  ];

  it('keeps the length, so offsets of findings still point into the OCR text', () => {
    for (const s of samples) expect(normalizeOcrText(s)).toHaveLength(s.length);
  });

  it('reads ß back where OCR made it a B, and only there', () => {
    expect(normalizeOcrText('Hauptstraße')).toBe('Hauptstraße');
    expect(normalizeOcrText('HauptstraBe 12')).toBe('Hauptstraße 12');
    expect(normalizeOcrText('Frau MeiBner, FuB, StrauB')).toBe('Frau Meißner, Fuß, Strauß');
    expect(normalizeOcrText('eBay, 10 kB, 3 dB, GmbH, BAföG, ABBA')).toBe('eBay, 10 kB, 3 dB, GmbH, BAföG, ABBA');
  });

  it('repairs letters inside digit runs, not in words or codes', () => {
    expect(normalizeOcrText('Steuer-ID 25 398 5l6 7O7')).toBe('Steuer-ID 25 398 516 707');
    expect(normalizeOcrText('Tel 0221 2298 44l0')).toBe('Tel 0221 2298 4410');
    expect(normalizeOcrText('KVNR F99O986684')).toBe('KVNR F990986684');
    for (const s of ['Vitamin B12 1000 mg', 'SO 12 Uhr', 'Raum B 12', 'Ablage IO', 'Flug LH 400', 'COLSDE33XXX']) expect(normalizeOcrText(s)).toBe(s);
  });

  it('leaves IBAN runs to the IBAN recognizer (their BBAN may hold letters)', () => {
    expect(normalizeOcrText('IT60 X054 2811 1O10 0000 0123 456')).toBe('IT60 X054 2811 1O10 0000 0123 456');
    expect(normalizeOcrText('GB32 HBUK 1974 99l3 8337 10')).toBe('GB32 HBUK 1974 99l3 8337 10');
  });

  it('joins a word hyphenated over a line break, but not "Ein- und"', () => {
    expect(normalizeOcrText('Durchschlaf-\nstörungen')).toBe('Durchschlafstörungen \n');
    expect(normalizeOcrText('Ein-\nund Durchschlafstörungen')).toBe('Ein-\nund Durchschlafstörungen');
  });

  it('blanks table borders read as |', () => {
    expect(normalizeOcrText('| F32.1 G | Mittelgradige depressive Episode |')).toBe('  F32.1 G   Mittelgradige depressive Episode  ');
    expect(normalizeOcrText('a|b')).toBe('a|b');
  });
});

describe('analyze(text, policy, { ocr: true })', () => {
  it('finds a noisy IBAN (O for 0) in OCR mode only', () => {
    const noisy = 'IBAN: DE89 3704 0O44 O532 0130 00';
    expect(types(noisy, true)).toContain('iban');
    expect(types(noisy, false)).not.toContain('iban');
  });

  it('does not turn noise into alarms: checksum-failing look-alikes stay clean', () => {
    for (const s of [
      'IBAN DE88 3704 0O44 O532 0130 00', // check digits changed
      'Auftrag DE23 1001 0010 6186 0680 40', // parcel label code from the corpus
      'Muster DE12 3456 7890 1234 5678 90',
      'Code QX7Z 9K2M 4PLB 8RTW 3NVC HD', // random 22 characters
      'Sendungsnr. 4995 9746 2768 3911',
      'Art.-Nr. F706694601',
      'Rechnungsnr. 25 398 5l6 708',
    ]) {
      const found = types(s, true).filter((t) => t !== 'phone' && t !== 'person_name');
      expect(found, s).toEqual([]);
    }
  });

  it('finds a tax ID and a KVNR with O/l read for 0/1 (the normaliser repairs them)', () => {
    expect(types('Identifikationsnummer 25 398 5l6 7O7', true)).toContain('de_tax_id');
    expect(types('Identifikationsnummer 25 398 5l6 7O7', false)).not.toContain('de_tax_id');
    expect(types('Versicherten-Nr. F99O986684', true)).toContain('de_kvnr');
  });

  it('finds a card number whose last group OCR put in a block of its own', () => {
    const card = 'Sparkasse KölnBonn - Business\n\n5376 5167 2437\n\n2313\n\nVALID THRU 09/27';
    expect(types(card, true)).toContain('credit_card');
    // A tax ID followed by another table row is not glued to it.
    expect(types('Berger, Julia\n25 398 516 707\n4711', true)).toContain('de_tax_id');
  });

  it('finds a client name with ß read as B', () => {
    expect(types('für: Heinz-Günther MeiBner geb. am: 02.11.1941', true)).toContain('client_name');
  });
});

describe('ocrFailureAnalysis', () => {
  it('follows the policy: warn by default, with the reason as error', () => {
    const a = ocrFailureAnalysis(parsePolicy({}).policy, 'OCR took longer than 20000 ms');
    expect(a.decision.action).toBe('warn');
    expect(a.findings).toEqual([]);
    expect(a.error?.message).toBe('image could not be read: OCR took longer than 20000 ms');
  });

  it('uses ocrFailure and the mode', () => {
    expect(ocrFailureAnalysis(parsePolicy({ ocrFailure: 'block' }).policy, 'x').decision.action).toBe('block');
    expect(ocrFailureAnalysis(parsePolicy({ ocrFailure: 'allow' }).policy, 'x').decision.action).toBe('allow');
    const monitor = ocrFailureAnalysis(parsePolicy({ ocrFailure: 'block', mode: 'monitor' }).policy, 'x').decision;
    expect(monitor).toMatchObject({ action: 'allow', policyAction: 'block' });
  });
});
