// German health insurance number (Krankenversichertennummer, unveränderbarer Teil, "KVNR"). Pure.
//
// Specification: GKV-Spitzenverband, "Richtlinien für den Aufbau und die Vergabe der
// Krankenversichertennummer nach § 290 Abs. 2 SGB V" (Anlage: Prüfziffernberechnung):
// one capital letter + 8 digits + 1 check digit. For the check digit the letter is replaced by its
// two-digit position in the alphabet (A = 01 … Z = 26), giving ten digits; these are weighted
// alternately 1, 2, 1, 2, …; two-digit products are replaced by their digit sum; the check digit is
// the sum modulo 10.

/** Published sample values that are not real numbers and must never be reported. */
export const KVNR_KNOWN_SAMPLES: ReadonlySet<string> = new Set([
  'A123456780', // gematik VSDM test record "Amsel, Andrea" (valid check digit)
  'A123456789', // "z.B." value in form instructions (check digit fails anyway)
]);

/** Check digit for a letter and 8 digits. */
export function kvnrCheckDigit(letter: string, eightDigits: string): number {
  const pos = letter.toUpperCase().charCodeAt(0) - 64;
  const digits = String(pos).padStart(2, '0') + eightDigits;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let p = (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 2);
    if (p > 9) p = Math.floor(p / 10) + (p % 10);
    sum += p;
  }
  return sum % 10;
}

export type KvnrCheck = 'valid' | 'bad-format' | 'bad-checksum' | 'known-sample';

/** Validate a KVNR: letter + 9 digits, case-insensitive, one optional space after the letter. */
export function checkKvnr(s: string): KvnrCheck {
  const m = /^([A-Za-z]) ?(\d{8})(\d)$/.exec(s);
  if (!m) return 'bad-format';
  const [, letter, body, check] = m as unknown as [string, string, string, string];
  if (kvnrCheckDigit(letter, body) !== Number(check)) return 'bad-checksum';
  if (KVNR_KNOWN_SAMPLES.has(letter.toUpperCase() + body + check)) return 'known-sample';
  return 'valid';
}

export function isValidKvnr(s: string): boolean {
  return checkKvnr(s) === 'valid';
}
