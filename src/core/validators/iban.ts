// IBAN validation. Pure: no I/O, no DOM.
//
// Specifications:
// - ISO 13616-1:2020 "Financial services — International bank account number (IBAN) — Part 1":
//   structure = country code (ISO 3166-1 alpha-2) + 2 check digits + BBAN; check digits per
//   ISO/IEC 7064 MOD 97-10 (move the first four characters to the end, letters A=10 … Z=35,
//   the number mod 97 must be 1). Check digits 00, 01 and 99 are never issued.
// - SWIFT "IBAN Registry" (the ISO 13616 registration authority), country entries with IBAN length
//   and BBAN format in SWIFT notation: n = digits, a = upper-case letters, c = alphanumeric,
//   "8!n" = exactly 8 digits. https://www.swift.com/standards/data-standards/iban-international-bank-account-number
//
// The table below holds every country of the registry. French overseas territories listed in the
// registry's France entry are accepted under their own ISO code with the French format as well
// (some banks print them that way); that adds no noticeable false-positive risk (mod 97 still applies).

export interface IbanCountry {
  /** Total IBAN length in characters (electronic format). */
  length: number;
  /** BBAN format in SWIFT registry notation, e.g. "8!n10!n". */
  bban: string;
}

const FR_FORMAT: IbanCountry = { length: 27, bban: '5!n5!n11!c2!n' };

/** SWIFT IBAN registry: country → IBAN length and BBAN structure. */
export const IBAN_REGISTRY: Readonly<Record<string, IbanCountry>> = {
  AD: { length: 24, bban: '4!n4!n12!c' }, // Andorra
  AE: { length: 23, bban: '3!n16!n' }, // United Arab Emirates
  AL: { length: 28, bban: '8!n16!c' }, // Albania
  AT: { length: 20, bban: '5!n11!n' }, // Austria
  AZ: { length: 28, bban: '4!a20!c' }, // Azerbaijan
  BA: { length: 20, bban: '3!n3!n8!n2!n' }, // Bosnia and Herzegovina
  BE: { length: 16, bban: '3!n7!n2!n' }, // Belgium
  BG: { length: 22, bban: '4!a4!n2!n8!c' }, // Bulgaria
  BH: { length: 22, bban: '4!a14!c' }, // Bahrain
  BI: { length: 27, bban: '5!n5!n11!n2!n' }, // Burundi
  BR: { length: 29, bban: '8!n5!n10!n1!a1!c' }, // Brazil
  BY: { length: 28, bban: '4!c4!n16!c' }, // Belarus
  CH: { length: 21, bban: '5!n12!c' }, // Switzerland
  CR: { length: 22, bban: '4!n14!n' }, // Costa Rica
  CY: { length: 28, bban: '3!n5!n16!c' }, // Cyprus
  CZ: { length: 24, bban: '4!n6!n10!n' }, // Czechia
  DE: { length: 22, bban: '8!n10!n' }, // Germany
  DJ: { length: 27, bban: '5!n5!n11!n2!n' }, // Djibouti
  DK: { length: 18, bban: '4!n9!n1!n' }, // Denmark
  DO: { length: 28, bban: '4!c20!n' }, // Dominican Republic
  EE: { length: 20, bban: '2!n14!n' }, // Estonia
  EG: { length: 29, bban: '4!n4!n17!n' }, // Egypt
  ES: { length: 24, bban: '4!n4!n1!n1!n10!n' }, // Spain
  FI: { length: 18, bban: '3!n11!n' }, // Finland (incl. Åland Islands)
  FK: { length: 18, bban: '2!a12!n' }, // Falkland Islands
  FO: { length: 18, bban: '4!n9!n1!n' }, // Faroe Islands
  FR: FR_FORMAT, // France
  GB: { length: 22, bban: '4!a6!n8!n' }, // United Kingdom
  GE: { length: 22, bban: '2!a16!n' }, // Georgia
  GI: { length: 23, bban: '4!a15!c' }, // Gibraltar
  GL: { length: 18, bban: '4!n9!n1!n' }, // Greenland
  GR: { length: 27, bban: '3!n4!n16!c' }, // Greece
  GT: { length: 28, bban: '4!c20!c' }, // Guatemala
  HN: { length: 28, bban: '4!a20!n' }, // Honduras
  HR: { length: 21, bban: '7!n10!n' }, // Croatia
  HU: { length: 28, bban: '3!n4!n1!n15!n1!n' }, // Hungary
  IE: { length: 22, bban: '4!a6!n8!n' }, // Ireland
  IL: { length: 23, bban: '3!n3!n13!n' }, // Israel
  IQ: { length: 23, bban: '4!a3!n12!n' }, // Iraq
  IS: { length: 26, bban: '4!n2!n6!n10!n' }, // Iceland
  IT: { length: 27, bban: '1!a5!n5!n12!c' }, // Italy
  JO: { length: 30, bban: '4!a4!n18!c' }, // Jordan
  KW: { length: 30, bban: '4!a22!c' }, // Kuwait
  KZ: { length: 20, bban: '3!n13!c' }, // Kazakhstan
  LB: { length: 28, bban: '4!n20!c' }, // Lebanon
  LC: { length: 32, bban: '4!a24!c' }, // Saint Lucia
  LI: { length: 21, bban: '5!n12!c' }, // Liechtenstein
  LT: { length: 20, bban: '5!n11!n' }, // Lithuania
  LU: { length: 20, bban: '3!n13!c' }, // Luxembourg
  LV: { length: 21, bban: '4!a13!c' }, // Latvia
  LY: { length: 25, bban: '3!n3!n15!n' }, // Libya
  MC: { length: 27, bban: '5!n5!n11!c2!n' }, // Monaco
  MD: { length: 24, bban: '2!c18!c' }, // Moldova
  ME: { length: 22, bban: '3!n13!n2!n' }, // Montenegro
  MK: { length: 19, bban: '3!n10!c2!n' }, // North Macedonia
  MN: { length: 20, bban: '4!n12!n' }, // Mongolia
  MR: { length: 27, bban: '5!n5!n11!n2!n' }, // Mauritania
  MT: { length: 31, bban: '4!a5!n18!c' }, // Malta
  MU: { length: 30, bban: '4!a2!n2!n12!n3!n3!a' }, // Mauritius
  NI: { length: 28, bban: '4!a20!n' }, // Nicaragua
  NL: { length: 18, bban: '4!a10!n' }, // Netherlands
  NO: { length: 15, bban: '4!n6!n1!n' }, // Norway
  OM: { length: 23, bban: '3!n16!c' }, // Oman
  PK: { length: 24, bban: '4!a16!c' }, // Pakistan
  PL: { length: 28, bban: '8!n16!n' }, // Poland
  PS: { length: 29, bban: '4!a21!c' }, // Palestine
  PT: { length: 25, bban: '4!n4!n11!n2!n' }, // Portugal
  QA: { length: 29, bban: '4!a21!c' }, // Qatar
  RO: { length: 24, bban: '4!a16!c' }, // Romania
  RS: { length: 22, bban: '3!n13!n2!n' }, // Serbia
  RU: { length: 33, bban: '9!n5!n15!c' }, // Russia
  SA: { length: 24, bban: '2!n18!c' }, // Saudi Arabia
  SC: { length: 31, bban: '4!a2!n2!n16!n3!a' }, // Seychelles
  SD: { length: 18, bban: '2!n12!n' }, // Sudan
  SE: { length: 24, bban: '3!n16!n1!n' }, // Sweden
  SI: { length: 19, bban: '5!n8!n2!n' }, // Slovenia
  SK: { length: 24, bban: '4!n6!n10!n' }, // Slovakia
  SM: { length: 27, bban: '1!a5!n5!n12!c' }, // San Marino
  SO: { length: 23, bban: '4!n3!n12!n' }, // Somalia
  ST: { length: 25, bban: '4!n4!n11!n2!n' }, // Sao Tome and Principe
  SV: { length: 28, bban: '4!a20!n' }, // El Salvador
  TL: { length: 23, bban: '3!n14!n2!n' }, // Timor-Leste
  TN: { length: 24, bban: '2!n3!n13!n2!n' }, // Tunisia
  TR: { length: 26, bban: '5!n1!n16!c' }, // Türkiye
  UA: { length: 29, bban: '6!n19!c' }, // Ukraine
  VA: { length: 22, bban: '3!n15!n' }, // Vatican City State
  VG: { length: 24, bban: '4!a16!n' }, // British Virgin Islands
  XK: { length: 20, bban: '4!n10!n2!n' }, // Kosovo
  YE: { length: 30, bban: '4!a4!n18!c' }, // Yemen
  // French territories of the registry's France entry (see header comment).
  BL: FR_FORMAT, GF: FR_FORMAT, GP: FR_FORMAT, MF: FR_FORMAT, MQ: FR_FORMAT, NC: FR_FORMAT,
  PF: FR_FORMAT, PM: FR_FORMAT, RE: FR_FORMAT, TF: FR_FORMAT, WF: FR_FORMAT, YT: FR_FORMAT,
};

export type CharClass = 'n' | 'a' | 'c';

const CLASS_CACHE = new Map<string, CharClass[]>();

/**
 * The expected character class of every IBAN position for a country: positions 0–1 are the
 * country letters ('a'), 2–3 the check digits ('n'), then the BBAN format expanded.
 * Undefined for a country not in the registry.
 */
export function ibanLayout(country: string): readonly CharClass[] | undefined {
  const spec = IBAN_REGISTRY[country];
  if (!spec) return undefined;
  let layout = CLASS_CACHE.get(country);
  if (layout) return layout;
  layout = ['a', 'a', 'n', 'n'];
  for (const m of spec.bban.matchAll(/(\d+)!([nac])/g)) {
    for (let i = 0; i < Number(m[1]); i++) layout.push(m[2] as CharClass);
  }
  CLASS_CACHE.set(country, layout);
  return layout;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** ISO/IEC 7064 MOD 97-10 remainder of an upper-case alphanumeric string (letters A=10 … Z=35). */
export function mod97(s: string): number {
  let r = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) r = (r * 10 + (c - 48)) % 97;
    else if (isUpper(c)) r = (r * 100 + (c - 55)) % 97;
    else return -1;
  }
  return r;
}

export type IbanCheck = 'valid' | 'unknown-country' | 'wrong-length' | 'bad-format' | 'bad-checksum';

/**
 * Validate an IBAN in electronic format (no separators, upper case).
 * Returns why it fails, so explanations can say "checksum fails" vs "wrong length".
 */
export function checkIban(iban: string): IbanCheck {
  const country = iban.slice(0, 2);
  const spec = IBAN_REGISTRY[country];
  const layout = ibanLayout(country);
  if (!spec || !layout) return 'unknown-country';
  if (iban.length !== spec.length) return 'wrong-length';
  for (let i = 0; i < iban.length; i++) {
    const c = iban.charCodeAt(i);
    const want = layout[i];
    if (want === 'n' ? !isDigit(c) : want === 'a' ? !isUpper(c) : !(isDigit(c) || isUpper(c))) return 'bad-format';
  }
  const check = iban.slice(2, 4);
  if (check === '00' || check === '01' || check === '99') return 'bad-checksum';
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1 ? 'valid' : 'bad-checksum';
}

/** Strip the separators people type (space, dash, dot, line breaks) and upper-case. */
export function compactIban(s: string): string {
  return s.replace(/[\s.\-]/g, '').toUpperCase();
}

export function isValidIban(s: string): boolean {
  return checkIban(compactIban(s)) === 'valid';
}
