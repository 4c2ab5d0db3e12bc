/**
 * The resident ID number (GB 11643-1999) checked as it is typed, by the
 * server's rules (libs/case/src/person/resident-id.ts; a browser test
 * compares the two on the same numbers): 18 characters, 17 digits and a
 * digit or X, a province of GB/T 2260, a real birth date neither in the
 * future nor before 1900, the ISO 7064 MOD 11-2 check digit. The form only
 * warns (`warningOnly`): the server decides.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const PROVINCES = new Set('11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '));

export type IdNumberProblem =
  | { code: 'length'; length: number }
  | { code: 'characters' }
  | { code: 'region'; region: string }
  | { code: 'birthDate'; date: string }
  | { code: 'future'; date: string }
  | { code: 'before1900'; date: string }
  | { code: 'checkDigit'; expected: string; actual: string };

export function checkDigitOf(first17: string): string {
  const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * WEIGHTS[index], 0);
  return CHECK_CHARACTERS[sum % 11];
}

/** null when the number passes; else the first problem, in the server's order. `today` is YYYY-MM-DD. */
export function idNumberProblem(raw: string, today: string): IdNumberProblem | null {
  const number = raw.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  if (number.length !== 18) return { code: 'length', length: number.length };
  if (!/^\d{17}[\dX]$/.test(number)) return { code: 'characters' };
  if (!PROVINCES.has(number.slice(0, 2))) return { code: 'region', region: number.slice(0, 6) };
  const year = Number(number.slice(6, 10));
  const month = Number(number.slice(10, 12));
  const day = Number(number.slice(12, 14));
  const real = new Date(Date.UTC(year, month - 1, day));
  if (real.getUTCFullYear() !== year || real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day) return { code: 'birthDate', date: number.slice(6, 14) };
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (birthDate > today) return { code: 'future', date: birthDate };
  if (year < 1900) return { code: 'before1900', date: birthDate };
  const expected = checkDigitOf(number.slice(0, 17));
  if (number[17] !== expected) return { code: 'checkDigit', expected, actual: number[17] };
  return null;
}
