/**
 * Resident identity numbers (公民身份号码, GB 11643-1999): 6 digits of region,
 * 8 of birth date, 3 of sequence (odd: male, even: female) and a check digit
 * (ISO 7064 MOD 11-2, 'X' for 10). R3: an invalid one is refused with the reason.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** Province-level codes (GB/T 2260), incl. Taiwan, Hong Kong and Macao. Prefecture and county codes change over time; old ones stay valid in old numbers. */
export const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export interface ResidentIdFacts {
  /** The normalised number: 18 characters, upper-case X. */
  number: string;
  regionCode: string;
  birthDate: string;
  sex: 'male' | 'female';
}

export type ResidentIdCheck = { valid: true; facts: ResidentIdFacts } | { valid: false; reason: string };

export function checkDigitOf(first17: string): string {
  const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * WEIGHTS[index], 0);
  return CHECK_CHARACTERS[sum % 11];
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function checkResidentId(raw: string, today: string): ResidentIdCheck {
  const number = raw.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  if (number.length !== 18) return { valid: false, reason: `must have 18 characters (has ${number.length}) / 须为18位` };
  if (!/^\d{17}[\dX]$/.test(number)) return { valid: false, reason: 'must be 17 digits and a digit or X / 前17位须为数字，末位为数字或X' };
  if (!PROVINCE_CODES.has(number.slice(0, 2))) return { valid: false, reason: `region code ${number.slice(0, 6)} is not in a province of GB/T 2260 / 地区码无效` };
  const year = Number(number.slice(6, 10));
  const month = Number(number.slice(10, 12));
  const day = Number(number.slice(12, 14));
  if (!isRealDate(year, month, day)) return { valid: false, reason: `birth date ${number.slice(6, 14)} does not exist / 出生日期不存在` };
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (birthDate > today) return { valid: false, reason: `birth date ${birthDate} is in the future / 出生日期晚于今天` };
  if (year < 1900) return { valid: false, reason: `birth date ${birthDate} is before 1900 / 出生日期早于1900年` };
  const expected = checkDigitOf(number.slice(0, 17));
  if (number[17] !== expected) return { valid: false, reason: `check digit should be ${expected}, not ${number[17]} / 校验码错误` };
  return { valid: true, facts: { number, regionCode: number.slice(0, 6), birthDate, sex: Number(number[16]) % 2 === 1 ? 'male' : 'female' } };
}
