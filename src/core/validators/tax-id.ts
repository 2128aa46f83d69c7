// German tax identification number (Steuerliche Identifikationsnummer, IdNr). Pure: no I/O, no DOM.
//
// Specifications:
// - § 139b Abgabenordnung (AO): the IdNr is an 11-digit number without personal information,
//   assigned by the Bundeszentralamt für Steuern (BZSt).
// - Structure rule and check digit as published for software vendors in the ELSTER document
//   "Prüfung der Steuer- und Steueridentifikationsnummer", chapter 2
//   (https://download.elster.de/download/schnittstellen/Pruefung_der_Steuer_und_Steueridentifikatsnummer.pdf):
//   first digit not 0; in the first ten digits exactly one digit occurs twice or (since 2016)
//   three times, all other digits at most once, and a digit occurring three times must not stand
//   in three adjacent positions; digit 11 is the ISO/IEC 7064 MOD 11,10 check digit.

/** ISO/IEC 7064 MOD 11,10 check digit over a string of digits (hybrid system, pure-numeric). */
export function mod11_10CheckDigit(digits: string): number {
  let product = 10;
  for (let i = 0; i < digits.length; i++) {
    let sum = (digits.charCodeAt(i) - 48 + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

/** The BZSt structure rule over the first ten digits (see header). */
export function taxIdStructureValid(first10: string): boolean {
  if (first10.length !== 10 || first10[0] === '0') return false;
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 10; i++) {
    const d = first10.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    counts[d]!++;
  }
  let repeated = -1;
  for (let d = 0; d < 10; d++) {
    const c = counts[d]!;
    if (c > 3) return false;
    if (c >= 2) {
      if (repeated !== -1) return false; // a second digit repeats
      repeated = d;
    }
  }
  if (repeated === -1) return false; // every digit once
  if (counts[repeated] === 3) {
    const r = String(repeated);
    if (first10.includes(r + r + r)) return false;
  }
  return true;
}

export type TaxIdCheck = 'valid' | 'bad-format' | 'bad-structure' | 'bad-checksum';

/** Validate an IdNr given as 11 digits (separators already removed). */
export function checkTaxId(digits: string): TaxIdCheck {
  if (!/^[1-9]\d{10}$/.test(digits)) return 'bad-format';
  if (!taxIdStructureValid(digits.slice(0, 10))) return 'bad-structure';
  return mod11_10CheckDigit(digits.slice(0, 10)) === digits.charCodeAt(10) - 48 ? 'valid' : 'bad-checksum';
}

export function isValidTaxId(s: string): boolean {
  return checkTaxId(s.replace(/[\s./-]/g, '')) === 'valid';
}
