import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, buildContext, parsePolicy, DETECTOR_TYPES, type Finding, type Recognizer } from '../../src/core/index.js';
import { ibanRecognizer } from '../../src/core/recognizers/iban.js';
import { creditCardRecognizer } from '../../src/core/recognizers/credit-card.js';
import { taxIdRecognizer } from '../../src/core/recognizers/tax-id.js';
import { kvnrRecognizer } from '../../src/core/recognizers/kvnr.js';
import { emailRecognizer } from '../../src/core/recognizers/email.js';
import { phoneRecognizer } from '../../src/core/recognizers/phone.js';
import { RECOGNIZERS } from '../../src/core/recognizers/index.js';

const allWarn = parsePolicy({ detectors: Object.fromEntries(DETECTOR_TYPES.map((t) => [t, { action: 'warn' }])) }).policy;

/** Run one recognizer alone (prefilter included), as the engine does. */
function run(r: Recognizer, text: string, ocr = false): Finding[] {
  const ctx = buildContext(text, allWarn, { ocr });
  return r.prefilter(ctx) ? r.analyze(ctx) : [];
}
const texts = (r: Recognizer, text: string, ocr = false) => run(r, text, ocr).map((f) => f.text);
/** Findings of a type after the whole engine (all recognizers, overlap resolution, thresholds). */
const engine = (text: string, type: string, ocr = false) =>
  analyze(text, allWarn, { ocr }).findings.filter((f) => f.type === type).map((f) => f.text);

const MINE: Record<string, Recognizer> = {
  iban: ibanRecognizer,
  credit_card: creditCardRecognizer,
  de_tax_id: taxIdRecognizer,
  de_kvnr: kvnrRecognizer,
  email: emailRecognizer,
  phone: phoneRecognizer,
};

interface RuleJson {
  id: string;
  type: string;
  source: string;
  license: string;
  patterns: { name: string; regex: string; score: number }[];
  context: string[];
  examples: { match: string[]; noMatch: string[] };
}
const rule = (id: string) => JSON.parse(readFileSync(new URL(`../../rules/${id}.json`, import.meta.url), 'utf8')) as RuleJson;

describe('rule files', () => {
  for (const id of Object.keys(MINE)) {
    describe(id, () => {
      const r = rule(id);
      it('are complete and cite their source', () => {
        expect(r.id).toBe(id);
        expect(r.type).toBe(id);
        expect(r.source.length).toBeGreaterThan(20);
        expect(r.license.length).toBeGreaterThan(5);
        expect(r.context.length).toBeGreaterThan(3);
        expect(r.examples.match.length).toBeGreaterThanOrEqual(8);
        expect(r.examples.noMatch.length).toBeGreaterThanOrEqual(8);
      });
      it('have no nested quantifiers (a quantified group that contains a quantifier)', () => {
        for (const p of r.patterns) expect([p.name, /\((?:[^()\\]|\\.)*[*+?}](?:[^()\\]|\\.)*\)[*+?{]/.test(p.regex)]).toEqual([p.name, false]);
      });
      it('examples.match are found by the recognizer and survive the engine', () => {
        for (const t of r.examples.match) {
          expect([t, texts(MINE[id]!, t).length > 0]).toEqual([t, true]);
          expect([t, engine(t, id).length > 0]).toEqual([t, true]);
        }
      });
      it('examples.noMatch are not found', () => {
        for (const t of r.examples.noMatch) expect([t, engine(t, id)]).toEqual([t, []]);
      });
    });
  }

  it('the recognizers are registered', () => {
    for (const r of Object.values(MINE)) expect(RECOGNIZERS).toContain(r);
  });
});

describe('iban', () => {
  const V = 'DE64 3080 7546 6024 9325 81';
  it('finds every written form with the exact span', () => {
    expect(texts(ibanRecognizer, `Konto: ${V}.`)).toEqual([V]);
    expect(texts(ibanRecognizer, 'DE64308075466024932581')).toEqual(['DE64308075466024932581']);
    expect(texts(ibanRecognizer, 'iban de64 3080 7546 6024 9325 81 thx')).toEqual(['de64 3080 7546 6024 9325 81']);
    expect(texts(ibanRecognizer, 'x DE64-3080-7546-6024-9325-81 y')).toEqual(['DE64-3080-7546-6024-9325-81']);
    expect(texts(ibanRecognizer, 'x DE64.3080.7546.6024.9325.81 y')).toEqual(['DE64.3080.7546.6024.9325.81']);
    expect(texts(ibanRecognizer, 'DE 64 30807546 6024932581')).toEqual(['DE 64 30807546 6024932581']);
    expect(texts(ibanRecognizer, 'CH50 3734 4A79 6120 3492 0')).toEqual(['CH50 3734 4A79 6120 3492 0']);
    expect(texts(ibanRecognizer, 'LT58 6217 4632 9925 6376 🙏')).toEqual(['LT58 6217 4632 9925 6376']);
  });

  it('keeps a line break inside the span and leaves the "IBAN:" prefix out', () => {
    const text = 'IBAN: DE64 3080 7546\n6024 9325 81\nBetrag 20 €';
    const [f] = run(ibanRecognizer, text);
    expect(f!.text).toBe('DE64 3080 7546\n6024 9325 81');
    expect(f!.start).toBe(6);
    expect(text.slice(f!.start, f!.end)).toBe(f!.text);
    expect(texts(ibanRecognizer, 'sorry kam abgeschnitten an:\nDE6430807546\n6024932581')).toEqual(['DE6430807546\n6024932581']);
  });

  it('stops at the country length, so trailing tokens do not break it', () => {
    expect(texts(ibanRecognizer, `IBAN ${V} 2 Tage Frist`)).toEqual([V]);
    expect(texts(ibanRecognizer, 'DE64308075466024932581 2 Tage')).toEqual(['DE64308075466024932581']);
    expect(texts(ibanRecognizer, `${V}, BIC ABCDDEFFXXX`)).toEqual([V]);
  });

  it('never starts or ends inside a longer alphanumeric run', () => {
    expect(texts(ibanRecognizer, 'xDE64308075466024932581')).toEqual([]);
    expect(texts(ibanRecognizer, 'DE643080754660249325812')).toEqual([]);
    expect(texts(ibanRecognizer, `${V}EUR`)).toEqual([]);
    expect(texts(ibanRecognizer, 'DE64 3080 7546\n\n6024 9325 81')).toEqual([]); // a paragraph break ends it
  });

  it('drops look-alikes: checksum failures, dummies, creditor IDs, placeholders, BICs, legacy numbers', () => {
    expect(texts(ibanRecognizer, 'DE12 3456 7890 1234 5678 90')).toEqual([]);
    expect(texts(ibanRecognizer, 'DE65 3080 7546 6024 9325 81')).toEqual([]);
    expect(texts(ibanRecognizer, 'Gläubiger-ID DE98ZZZ09999999999')).toEqual([]);
    expect(texts(ibanRecognizer, 'IBAN: DE__ ____ ____ ____ ____ __')).toEqual([]);
    expect(texts(ibanRecognizer, 'BIC COBADEFFXXX')).toEqual([]);
    expect(texts(ibanRecognizer, 'Kontonummer 0532013000, BLZ 370 400 44')).toEqual([]);
  });

  it('explains itself', () => {
    const [f] = run(ibanRecognizer, `Bitte überweisen auf ${V}`);
    expect(f!.rule).toBe('iban.iso13616');
    expect(f!.score).toBe(1);
    expect(f!.explanation).toMatchObject({ recognizer: 'iban', pattern: 'iban.anchor', validator: { name: 'iso13616-mod97', result: 'valid' }, baseScore: 0.5 });
    expect(f!.explanation.context).toContain('überweisen');
  });

  it('OCR: repairs O/0 and I/l/1 only where digits belong, tolerates wider spacing, stays strict on the checksum', () => {
    expect(texts(ibanRecognizer, 'IBAN: DE64 3O8O 7546 6024 9325 8l', true)).toEqual(['DE64 3O8O 7546 6024 9325 8l']);
    expect(texts(ibanRecognizer, 'DE64  3080  7546  6024  9325  81', true)).toEqual(['DE64  3080  7546  6024  9325  81']);
    expect(texts(ibanRecognizer, 'IBAN: DE64 3O8O 7546 6024 9325 8l', false)).toEqual([]);
    expect(texts(ibanRecognizer, 'DE65 3O8O 7546 6024 9325 81', true)).toEqual([]);
  });
});

describe('credit_card', () => {
  it('finds 4-4-4-4, 4-6-5 and compact forms with the exact span (expiry and CVC are not part of it)', () => {
    expect(texts(creditCardRecognizer, 'karte 4400 0973 3676 7060 12/28 cvc 123')).toEqual(['4400 0973 3676 7060']);
    expect(texts(creditCardRecognizer, '4400-0973-3676-7060')).toEqual(['4400-0973-3676-7060']);
    expect(texts(creditCardRecognizer, 'Amex 3442 185510 58111 exp 11/27')).toEqual(['3442 185510 58111']);
    expect(texts(creditCardRecognizer, '(5324422590959932)')).toEqual(['5324422590959932']);
  });

  it('drops Luhn failures, foreign issuers, partial numbers and longer runs', () => {
    expect(texts(creditCardRecognizer, '4242 4242 4242 4241')).toEqual([]);
    expect(texts(creditCardRecognizer, 'card ending 4417')).toEqual([]);
    expect(texts(creditCardRecognizer, '1234 5678 1234 5670')).toEqual([]); // Luhn-valid, no issuer
    expect(texts(creditCardRecognizer, '4400 0973 3676 7060 1234')).toEqual([]);
    expect(texts(creditCardRecognizer, '44000973367670601')).toEqual([]);
    expect(texts(creditCardRecognizer, '4400 0973-3676 7060')).toEqual([]); // mixed separators
  });

  it('drops Luhn-valid numbers the writer labels as order, parcel or voucher numbers', () => {
    expect(texts(creditCardRecognizer, 'Bestellnummer 4400 0973 3676 7060')).toEqual([]);
    expect(texts(creditCardRecognizer, 'Sendungsnr. 5324422590959932')).toEqual([]);
    expect(texts(creditCardRecognizer, 'Gutschein zur Bestellung, Kreditkarte 4400 0973 3676 7060')).toEqual(['4400 0973 3676 7060']);
    // "order" is a noun or a verb: it only counts as a label directly before the number.
    expect(texts(creditCardRecognizer, 'Order: #4400 0973 3676 7060 shipped')).toEqual([]);
    expect(texts(creditCardRecognizer, 'can u order the pizza with 4400 0973 3676 7060')).toEqual(['4400 0973 3676 7060']);
  });

  it('reports Discover / JCB only next to card words', () => {
    expect(texts(creditCardRecognizer, 'Nummer 6011 1111 1111 1117')).toEqual([]);
    expect(texts(creditCardRecognizer, 'Discover card 6011 1111 1111 1117')).toEqual(['6011 1111 1111 1117']);
  });

  it('OCR: repairs O/0 and I/l/1 inside the digit groups, Luhn stays strict', () => {
    expect(texts(creditCardRecognizer, 'Karte 44OO O973 3676 7O6O', true)).toEqual(['44OO O973 3676 7O6O']);
    expect(texts(creditCardRecognizer, '4400  0973  3676  7060', true)).toEqual(['4400  0973  3676  7060']);
    expect(texts(creditCardRecognizer, 'Karte 44OO O973 3676 7O6l', true)).toEqual([]);
  });

  it('explains itself', () => {
    const [f] = run(creditCardRecognizer, 'Kreditkarte 4400 0973 3676 7060');
    expect(f!.rule).toBe('credit_card.luhn');
    expect(f!.explanation).toMatchObject({ pattern: 'credit_card.grouped-4-4-4-4', validator: { name: 'iso7812-luhn+iin', result: 'valid' } });
    expect(f!.explanation.context).toContain('kreditkarte');
  });
});

describe('de_tax_id', () => {
  it('finds the three written forms', () => {
    expect(texts(taxIdRecognizer, 'Steuer-ID 52158605370')).toEqual(['52158605370']);
    expect(texts(taxIdRecognizer, 'IdNr 24 691 753 406 (neu)')).toEqual(['24 691 753 406']);
    expect(texts(taxIdRecognizer, 'steuerid: 576 231 149 86')).toEqual(['576 231 149 86']);
  });

  it('drops Steuernummer, VAT IDs, failing numbers, numbers inside longer numbers and labelled case numbers', () => {
    expect(texts(taxIdRecognizer, 'Steuernummer 143/217/50128')).toEqual([]);
    expect(texts(taxIdRecognizer, 'USt-IdNr. DE123456789')).toEqual([]);
    expect(texts(taxIdRecognizer, 'Steuer-ID 52158605371')).toEqual([]);
    expect(texts(taxIdRecognizer, '+52158605370')).toEqual([]);
    expect(texts(taxIdRecognizer, '0221 52158605370')).toEqual([]);
    expect(texts(taxIdRecognizer, '24 691 753 406 11')).toEqual([]);
    expect(texts(taxIdRecognizer, 'Betrag 1.52158605370')).toEqual([]);
    expect(texts(taxIdRecognizer, 'Rechnungsnr. 52158605370')).toEqual([]);
    expect(texts(taxIdRecognizer, 'Rechnung für die Steuer-ID 52158605370')).toEqual(['52158605370']);
  });

  it('explains itself', () => {
    const [f] = run(taxIdRecognizer, 'Steuer-Identifikationsnummer 24 691 753 406');
    expect(f!.rule).toBe('de_tax_id.mod11_10');
    expect(f!.explanation).toMatchObject({ pattern: 'de_tax_id.grouped-2-3-3-3', validator: { result: 'valid' } });
    expect(f!.explanation.context).toContain('identifikationsnummer');
  });
});

describe('de_kvnr', () => {
  it('finds upper case, lower case and the spaced form', () => {
    expect(texts(kvnrRecognizer, 'KVNR C478934662')).toEqual(['C478934662']);
    expect(texts(kvnrRecognizer, 'versichertennummer: c478934662')).toEqual(['c478934662']);
    expect(texts(kvnrRecognizer, 'KVNR K 537814540 bitte')).toEqual(['K 537814540']);
    expect(texts(kvnrRecognizer, 'Nummer: X751345950')).toEqual(['X751345950']);
  });

  it('drops failing check digits, published samples, longer runs and labelled serials', () => {
    expect(texts(kvnrRecognizer, 'z.B. A123456789')).toEqual([]);
    expect(texts(kvnrRecognizer, 'Versichertennummer A123456780')).toEqual([]);
    expect(texts(kvnrRecognizer, 'KVNR C478934663')).toEqual([]);
    expect(texts(kvnrRecognizer, 'XC478934662')).toEqual([]);
    expect(texts(kvnrRecognizer, 'C4789346621')).toEqual([]);
    expect(texts(kvnrRecognizer, 'Seriennummer C478934662')).toEqual([]);
    expect(texts(kvnrRecognizer, 'take a 478934662')).toEqual([]); // spaced lower case needs context
  });
});

describe('email', () => {
  it('finds addresses with subdomains, plus-addressing, dashes and underscores', () => {
    expect(texts(emailRecognizer, 'mail an a.kowalczyk88@gmx.de, danke')).toEqual(['a.kowalczyk88@gmx.de']);
    expect(texts(emailRecognizer, 'team+events@mail.verein-beispiel.co.uk.')).toEqual(['team+events@mail.verein-beispiel.co.uk']);
    expect(texts(emailRecognizer, '<hr_benefits@example-logistics.com>')).toEqual(['hr_benefits@example-logistics.com']);
    expect(texts(emailRecognizer, 'mailto:info@beispiel.eu')).toEqual(['info@beispiel.eu']);
  });

  it('ignores mentions, handles, domains, URLs, file names and package versions', () => {
    expect(texts(emailRecognizer, '@Sandra Keller bitte übernehmen')).toEqual([]);
    expect(texts(emailRecognizer, 'insta @stadtbeispiel')).toEqual([]);
    expect(texts(emailRecognizer, 'Domain traeger-beispiel.de läuft aus')).toEqual([]);
    expect(texts(emailRecognizer, 'https://user:pw@intranet.beispiel.de/wiki')).toEqual([]);
    expect(texts(emailRecognizer, 'logo@2x.png')).toEqual([]);
    expect(texts(emailRecognizer, 'react@18.2.0')).toEqual([]);
    expect(texts(emailRecognizer, 'a..b@beispiel.de')).toEqual([]);
    expect(texts(emailRecognizer, 'müller@beispiel.de')).toEqual([]); // no partial match after an umlaut
  });
});

describe('phone', () => {
  it('finds German and international numbers with the exact span', () => {
    expect(texts(phoneRecognizer, 'erreichbar unter +49 151 28840193 (Homeoffice)')).toEqual(['+49 151 28840193']);
    expect(texts(phoneRecognizer, 'Rückruf: (0221) 9476-312')).toEqual(['(0221) 9476-312']);
    expect(texts(phoneRecognizer, 'Notfall: 0160 / 91827364')).toEqual(['0160 / 91827364']);
    expect(texts(phoneRecognizer, 'call back at 0049 1577 3021846')).toEqual(['0049 1577 3021846']);
    expect(texts(phoneRecognizer, 'Praxis +49 (0)30 1234 5679')).toEqual(['+49 (0)30 1234 5679']);
    expect(texts(phoneRecognizer, 'Vermieter: 089 54 33 21 90')).toEqual(['089 54 33 21 90']);
    expect(texts(phoneRecognizer, 'Tel. 030/1234567')).toEqual(['030/1234567']);
    expect(texts(phoneRecognizer, 'handy 0172-5539184')).toEqual(['0172-5539184']);
    expect(texts(phoneRecognizer, 'turkish number +90 532 418 77 20')).toEqual(['+90 532 418 77 20']);
  });

  it('splits a run into separate numbers and ignores trailing tokens', () => {
    expect(texts(phoneRecognizer, '0221 123456 / 0176 48213977')).toEqual(['0221 123456', '0176 48213977']);
    expect(texts(phoneRecognizer, 'ruf an: 0176 48213977 14 Uhr')).toEqual(['0176 48213977']);
  });

  it('scores by numbering plan and context', () => {
    const score = (t: string) => run(phoneRecognizer, t)[0]?.score;
    expect(score('0176 48213977')).toBe(0.75);
    expect(score('089 54 33 21 90')).toBe(0.55);
    expect(score('das ist 02212298441')).toBe(0.35); // a bare digit run needs context …
    expect(score('Telefon 02212298441')).toBeCloseTo(0.7); // … which raises it
    expect(engine('das ist 02212298441', 'phone')).toEqual([]);
    expect(engine('Telefon 02212298441', 'phone')).toEqual(['02212298441']);
  });

  it('is not fooled by dates, times, file numbers, postcodes, amounts, versions, IPs, extensions, PINs, bus lines', () => {
    for (const t of [
      'Termin am 12.03.2024 um 14:30',
      'Frist 2024-03-12',
      'Az. 51.3-2217/23',
      'Lindenallee 14, 50667 Köln / 01067 Dresden',
      'Betrag 1.234,56 €',
      'Version 2.14.1803',
      'Server 10.20.30.41:8443',
      'Durchwahl -214',
      'Tür-PIN 0815',
      'Bus 142 und Linie 0815',
      'Ablauf 05/27',
      'Rechnungsnummer 2024-0815-77',
      'Öffnungszeiten 0800-1200 Uhr',
      'Kundennummer 0012345678',
    ]) expect([t, texts(phoneRecognizer, t)]).toEqual([t, []]);
  });

  it('drops numbers the writer labels as something else, unless a phone word is nearer', () => {
    expect(texts(phoneRecognizer, 'bestellnr. 0176-2231-88 im webshop')).toEqual([]);
    expect(texts(phoneRecognizer, 'Bestellnummer 0176 48213977')).toEqual([]);
    expect(texts(phoneRecognizer, 'Az. 0815/20245')).toEqual([]);
    expect(texts(phoneRecognizer, 'neue IBAN kommt, erreichbar unter 0176 48213977')).toEqual(['0176 48213977']);
    // A question mark or another address ends the reach of a label word.
    expect(texts(phoneRecognizer, 'Questions about this invoice? billing@x.co.uk · +44 20 7946 0321')).toEqual(['+44 20 7946 0321']);
  });
});

describe('cross-type negatives after overlap resolution (whole engine)', () => {
  it('an IBAN is not also a phone number, tax ID or card', () => {
    for (const t of ['NL91 ABNA 0417 1643 00', 'IBAN DE64 3080 7546 6024 9325 81', 'BE68 5390 0754 7034', 'DE59547024925482962066']) {
      const types = analyze(t, allWarn).findings.map((f) => f.type);
      expect([t, types.filter((x) => x !== 'iban' && x !== 'client_name' && x !== 'person_name' && x !== 'health')]).toEqual([t, []]);
    }
  });

  it('a failing IBAN-like code does not turn into a phone number', () => {
    expect(engine('Lizenz NL30 RABO 0344 6637 96', 'phone')).toEqual([]);
  });

  it('tax IDs, cards and KVNRs are not phone numbers', () => {
    expect(engine('Steuer-ID 24 691 753 406', 'phone')).toEqual([]);
    expect(engine('Karte 4400 0973 3676 7060', 'phone')).toEqual([]);
    expect(engine('KVNR C478934662', 'phone')).toEqual([]);
  });

  it('a message with everything yields one finding per item, each with its exact offsets', () => {
    const text = 'Tel +49 151 28840193, IBAN DE64 3080 7546 6024 9325 81, Steuer-ID 24 691 753 406, KVNR C478934662, mail a.b@beispiel.de, Karte 4400 0973 3676 7060';
    const found = analyze(text, allWarn).findings.filter((f) => f.type in MINE);
    expect(found.map((f) => [f.type, f.text])).toEqual([
      ['phone', '+49 151 28840193'],
      ['iban', 'DE64 3080 7546 6024 9325 81'],
      ['de_tax_id', '24 691 753 406'],
      ['de_kvnr', 'C478934662'],
      ['email', 'a.b@beispiel.de'],
      ['credit_card', '4400 0973 3676 7060'],
    ]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
  });
});

describe('cost', () => {
  it('prefilters reject a harmless chat line', () => {
    const ctx = buildContext('Hi, bin gleich da, sollen wir um halb drei das Meeting machen? LG', allWarn);
    for (const r of Object.values(MINE)) expect([r.id, r.prefilter(ctx)]).toEqual([r.id, false]);
  });

  it('pathological input stays fast (no catastrophic backtracking)', () => {
    const text = '0'.repeat(5000) + ' ' + '1 '.repeat(2500) + 'a'.repeat(3000) + '@' + 'b.'.repeat(2000) + ' DE' + '1 '.repeat(3000) + '+4'.repeat(2000);
    const t0 = performance.now();
    for (const r of Object.values(MINE)) run(r, text);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
