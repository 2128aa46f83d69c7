import { describe, expect, it } from 'vitest';
import { checkIban, compactIban, IBAN_REGISTRY, ibanLayout, isValidIban, mod97 } from '../../src/core/validators/iban.js';
import { cardBrand, checkCard, luhnValid } from '../../src/core/validators/luhn.js';
import { checkTaxId, isValidTaxId, mod11_10CheckDigit, taxIdStructureValid } from '../../src/core/validators/tax-id.js';
import { checkKvnr, isValidKvnr, kvnrCheckDigit } from '../../src/core/validators/kvnr.js';

// The example IBAN the SWIFT IBAN Registry publishes for every country entry.
const SWIFT_REGISTRY_EXAMPLES = [
  'AD1200012030200359100100', 'AE070331234567890123456', 'AL47212110090000000235698741', 'AT611904300234573201',
  'AZ21NABZ00000000137010001944', 'BA391290079401028494', 'BE68539007547034', 'BG80BNBG96611020345678',
  'BH67BMAG00001299123456', 'BI4210000100010000332045181', 'BR1800360305000010009795493C1',
  'BY13NBRB3600900000002Z00AB00', 'CH9300762011623852957', 'CR05015202001026284066', 'CY17002001280000001200527600',
  'CZ6508000000192000145399', 'DE89370400440532013000', 'DJ2100010000000154000100186', 'DK5000400440116243',
  'DO28BAGR00000001212453611324', 'EE382200221020145685', 'EG380019000500000000263180002', 'ES9121000418450200051332',
  'FI2112345600000785', 'FK88SC123456789012', 'FO6264600001631634', 'FR1420041010050500013M02606',
  'GB29NWBK60161331926819', 'GE29NB0000000101904917', 'GI75NWBK000000007099453', 'GL8964710001000206',
  'GR1601101250000000012300695', 'GT82TRAJ01020000001210029690', 'HN88CABF00000000000250005469', 'HR1210010051863000160',
  'HU42117730161111101800000000', 'IE29AIBK93115212345678', 'IL620108000000099999999', 'IQ98NBIQ850123456789012',
  'IS140159260076545510730339', 'IT60X0542811101000000123456', 'JO94CBJO0010000000000131000302',
  'KW81CBKU0000000000001234560101', 'KZ86125KZT5004100100', 'LB62099900000001001901229114',
  'LC55HEMM000100010012001200023015', 'LI21088100002324013AA', 'LT121000011101001000', 'LU280019400644750000',
  'LV80BANK0000435195001', 'LY83002048000020100120361', 'MC5811222000010123456789030', 'MD24AG000225100013104168',
  'ME25505000012345678951', 'MK07250120000058984', 'MN121234123456789123', 'MR1300020001010000123456753',
  'MT84MALT011000012345MTLCAST001S', 'MU17BOMM0101101030300200000MUR', 'NI45BAPR00000013000003558124',
  'NL91ABNA0417164300', 'NO9386011117947', 'OM810180000001299123456', 'PK36SCBL0000001123456702',
  'PL61109010140000071219812874', 'PS92PALS000000000400123456702', 'PT50000201231234567890154',
  'QA58DOHB00001234567890ABCDEFG', 'RO49AAAA1B31007593840000', 'RS35260005601001611379',
  'RU0304452522540817810538091310419', 'SA0380000000608010167519', 'SC18SSCB11010000000000001497USD',
  'SD2129010501234001', 'SE4550000000058398257466', 'SI56263300012039086', 'SK3112000000198742637541',
  'SM86U0322509800000000270100', 'SO211000001001000100141', 'ST68000100010051845310112',
  'SV62CENR00000000000000700025', 'TL380080012345678910157', 'TN5910006035183598478831',
  'TR330006100519786457841326', 'UA213223130000026007233566001', 'VA59001123000012345678',
  'VG96VPVG0000012345678901', 'XK051212012345678906', 'YE15CBYE0001018861234567891234',
];
const FR_TERRITORIES = ['BL', 'GF', 'GP', 'MF', 'MQ', 'NC', 'PF', 'PM', 'RE', 'TF', 'WF', 'YT'];

describe('IBAN (ISO 13616 + SWIFT registry)', () => {
  it('accepts the SWIFT registry example of every country', () => {
    for (const iban of SWIFT_REGISTRY_EXAMPLES) expect([iban, checkIban(iban)]).toEqual([iban, 'valid']);
  });

  it('has a registry example for every country in the table (apart from the French territory aliases)', () => {
    const covered = new Set(SWIFT_REGISTRY_EXAMPLES.map((i) => i.slice(0, 2)));
    const missing = Object.keys(IBAN_REGISTRY).filter((c) => !covered.has(c) && !FR_TERRITORIES.includes(c));
    expect(missing).toEqual([]);
  });

  it('table lengths agree with the expanded BBAN formats', () => {
    for (const [country, spec] of Object.entries(IBAN_REGISTRY)) expect([country, ibanLayout(country)!.length]).toEqual([country, spec.length]);
  });

  it('accepts the ECBS / textbook examples in any written form', () => {
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(isValidIban('de89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('DE89-3704-0044-0532-0130-00')).toBe(true);
    expect(isValidIban('DE89.3704.0044.0532.0130.00')).toBe(true);
    expect(isValidIban('DE89 3704 0044\n0532 0130 00')).toBe(true);
    expect(compactIban('de89 3704-0044.0532\n013000')).toBe('DE89370400440532013000');
  });

  it('rejects changed check digits and single-character typos', () => {
    expect(checkIban('DE88370400440532013000')).toBe('bad-checksum');
    expect(checkIban('DE89370400440532013001')).toBe('bad-checksum');
    expect(checkIban('GB82WEST12345698765433')).toBe('bad-checksum');
    expect(checkIban('NL92ABNA0417164300')).toBe('bad-checksum');
  });

  it('rejects the well-known dummy, SEPA creditor IDs, wrong lengths, formats and countries', () => {
    expect(checkIban('DE12345678901234567890')).toBe('bad-checksum');
    expect(checkIban('DE98ZZZ09999999999')).toBe('wrong-length');
    expect(checkIban('DE8937040044053201300')).toBe('wrong-length');
    expect(checkIban('DE893704004405320130000')).toBe('wrong-length');
    expect(checkIban('DE89370400440532O13000')).toBe('bad-format'); // letter O where the BBAN wants a digit
    expect(checkIban('NL91ABN10417164300')).toBe('bad-format');
    expect(checkIban('GB29NWBK6016133192681A')).toBe('bad-format');
    expect(checkIban('US64SVBKUS6S3300958879')).toBe('unknown-country');
    expect(checkIban('XX89370400440532013000')).toBe('unknown-country');
  });

  it('rejects check digits 00, 01 and 99 even where mod 97 would pass (ISO 13616: range 02–98)', () => {
    // Find a German BBAN whose proper check digits are 98: then 01 is congruent and passes a naive mod-97 test.
    let bban = '';
    for (let n = 0; ; n++) {
      bban = '37040044' + String(n).padStart(10, '0');
      if (98 - mod97(bban + 'DE00') === 98) break;
    }
    expect(checkIban('DE98' + bban)).toBe('valid');
    expect(mod97(bban + 'DE01')).toBe(1);
    expect(checkIban('DE01' + bban)).toBe('bad-checksum');
  });

  it('mod97 follows ISO 7064 MOD 97-10 (letters A=10 … Z=35)', () => {
    expect(mod97('3704004405320130001314' + '89')).toBe(1); // DE89… rearranged: BBAN + "DE"→1314 + check digits
    expect(mod97('A')).toBe(10);
    expect(mod97('a')).toBe(-1);
  });
});

describe('Luhn + issuer ranges (ISO/IEC 7812-1)', () => {
  // Test numbers published by the card schemes' acquirers (Stripe, PayPal, Adyen test-card pages).
  it('accepts the published test card numbers', () => {
    expect(checkCard('4111111111111111')).toBe('valid');
    expect(checkCard('4242424242424242')).toBe('valid');
    expect(checkCard('4000056655665556')).toBe('valid');
    expect(checkCard('5555555555554444')).toBe('valid');
    expect(checkCard('5105105105105100')).toBe('valid');
    expect(checkCard('2223003122003222')).toBe('valid');
    expect(checkCard('378282246310005')).toBe('valid');
    expect(checkCard('371449635398431')).toBe('valid');
    expect(checkCard('6011111111111117')).toBe('valid');
    expect(checkCard('3530111333300000')).toBe('valid');
  });

  it('names the brand by IIN range and length', () => {
    expect(cardBrand('4111111111111111')).toBe('visa');
    expect(cardBrand('2221000000000009')).toBe('mastercard');
    expect(cardBrand('2720990000000007')).toBe('mastercard');
    expect(cardBrand('2721000000000000')).toBeUndefined();
    expect(cardBrand('2220990000000000')).toBeUndefined();
    expect(cardBrand('5655555555554444')).toBeUndefined();
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('3782822463100050')).toBeUndefined(); // Amex has 15 digits
    expect(cardBrand('6011111111111117')).toBe('discover');
    expect(cardBrand('3530111333300000')).toBe('jcb');
  });

  it('rejects Luhn failures and numbers outside the label rules', () => {
    expect(checkCard('4242424242424241')).toBe('bad-luhn');
    expect(checkCard('4111111111111112')).toBe('bad-luhn');
    expect(checkCard('4222222222222')).toBe('unknown-issuer'); // 13-digit Visa: Luhn-valid, outside the 15–16 rule
    expect(checkCard('1234567812345670')).toBe('unknown-issuer'); // Luhn-valid, no issuer
    expect(checkCard('4111-1111-1111-1111')).toBe('unknown-issuer'); // validator wants digits only
    expect(luhnValid('79927398713')).toBe(true); // the classic Luhn example
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('0')).toBe(false);
  });
});

describe('Steuer-IdNr (§ 139b AO, ELSTER structure rule, ISO/IEC 7064 MOD 11,10)', () => {
  // Values from the python-stdnum documentation and tests (stdnum.de.idnr).
  it('accepts published valid numbers', () => {
    expect(checkTaxId('36574261809')).toBe('valid');
    expect(isValidTaxId('36 574 261 809')).toBe(true);
    expect(isValidTaxId('365 742 618 09')).toBe(true);
    expect(checkTaxId('11234567890')).toBe('valid'); // one digit twice
    expect(checkTaxId('11213456783')).toBe('valid'); // one digit three times, not adjacent
  });

  it('rejects checksum, structure and format failures', () => {
    expect(checkTaxId('36574261890')).toBe('bad-checksum');
    expect(checkTaxId('36554266806')).toBe('bad-structure'); // more than one digit repeated
    expect(checkTaxId('12345678903')).toBe('bad-structure'); // every digit once
    expect(checkTaxId('11112345678')).toBe('bad-structure'); // one digit four times
    expect(checkTaxId('11223456785')).toBe('bad-structure'); // two digits repeated
    // stdnum accepts this one; the ELSTER rule since 2016 forbids three equal digits in a row.
    expect(checkTaxId('11123456786')).toBe('bad-structure');
    expect(checkTaxId('01234567896')).toBe('bad-format'); // leading zero
    expect(checkTaxId('116574261809')).toBe('bad-format'); // 12 digits
    expect(checkTaxId('A6574261809')).toBe('bad-format');
    expect(isValidTaxId('143/217/50128')).toBe(false); // a Steuernummer
  });

  it('computes the MOD 11,10 check digit', () => {
    expect(mod11_10CheckDigit('3657426180')).toBe(9);
    expect(mod11_10CheckDigit('1123456789')).toBe(0);
    expect(taxIdStructureValid('3657426180')).toBe(true);
    expect(taxIdStructureValid('0657426183')).toBe(false);
  });
});

describe('KVNR (GKV-Spitzenverband, § 290 SGB V)', () => {
  // Test records of the gematik VSDM specification ("Amsel, Andrea", "Junko, Jens-Jörg").
  it('computes the check digit of the published test records', () => {
    expect(kvnrCheckDigit('A', '12345678')).toBe(0);
    expect(kvnrCheckDigit('J', '01234567')).toBe(7);
    expect(checkKvnr('J012345677')).toBe('valid');
    expect(isValidKvnr('j012345677')).toBe(true);
    expect(isValidKvnr('J 012345677')).toBe(true);
  });

  it('never reports the published samples', () => {
    expect(checkKvnr('A123456780')).toBe('known-sample'); // valid check digit, but a documented test record
    expect(checkKvnr('A123456789')).toBe('bad-checksum'); // the form example fails the check anyway
  });

  it('rejects wrong check digits and formats', () => {
    expect(checkKvnr('J012345678')).toBe('bad-checksum');
    expect(checkKvnr('M861671400')).toBe('bad-checksum');
    expect(checkKvnr('J01234567')).toBe('bad-format');
    expect(checkKvnr('J0123456777')).toBe('bad-format');
    expect(checkKvnr('Ä012345677')).toBe('bad-format');
    expect(checkKvnr('J  012345677')).toBe('bad-format');
    expect(checkKvnr('1012345677')).toBe('bad-format');
  });
});
