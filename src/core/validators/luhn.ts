// Payment card number validation. Pure: no I/O, no DOM.
//
// Specifications:
// - ISO/IEC 7812-1:2017 "Identification cards — Identification of issuers — Part 1: Numbering
//   system", Annex B: the Luhn (mod 10) check digit.
// - Issuer identification number (IIN) ranges and lengths as published by the card schemes:
//   Visa 4, 16 digits; Mastercard 51–55 and 2221–2720, 16 digits; American Express 34 and 37,
//   15 digits; Discover 6011, 644–649, 65, 16 digits; JCB 3528–3589, 16 digits.
//   The corpus label rules (15–16 digits, Visa / Mastercard / Amex) are the core; Discover and JCB
//   are "context-only" brands: the recognizer reports them only next to card words, because a random
//   16-digit order or parcel number passes Luhn one time in ten.

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb';

/** Luhn check over a string of digits (ISO/IEC 7812-1 Annex B). False for non-digits or fewer than 2 digits. */
export function luhnValid(digits: string): boolean {
  if (digits.length < 2) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    const c = digits.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    let d = c;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The brand whose IIN range and length the number fits, or undefined. Does not check Luhn. */
export function cardBrand(digits: string): CardBrand | undefined {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  if (n === 16 && digits[0] === '4') return 'visa';
  if (n === 16 && ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720))) return 'mastercard';
  if (n === 15 && (p2 === 34 || p2 === 37)) return 'amex';
  if (n === 16 && (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65)) return 'discover';
  if (n === 16 && p4 >= 3528 && p4 <= 3589) return 'jcb';
  return undefined;
}

/** Brands that are reported without card context words (the corpus label rules). */
export const CORE_BRANDS: ReadonlySet<CardBrand> = new Set(['visa', 'mastercard', 'amex']);

export type CardCheck = 'valid' | 'unknown-issuer' | 'bad-luhn';

/** Issuer range + length + Luhn. */
export function checkCard(digits: string): CardCheck {
  if (!/^\d+$/.test(digits)) return 'unknown-issuer';
  if (cardBrand(digits) === undefined) return 'unknown-issuer';
  return luhnValid(digits) ? 'valid' : 'bad-luhn';
}
