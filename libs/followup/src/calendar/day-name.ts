import { halves } from '../reminders/halves.js';

/** A holiday's or 调休 day's name, in each language the app speaks. */
export interface DayName {
  zh: string;
  en: string;
}

const HAS_CHINESE = /[\u3400-\u9fff]/;

/**
 * The stored name as people read it: chinese-days (the seeded years) writes
 * `English,中文,days off` (`New Year's Day,元旦,1`); an administrator's name is
 * `中文 / English`, or one language only, then shown in both.
 */
export function dayName(stored: string): DayName {
  const seeded = /^([^,]+),([^,]+),\d+$/.exec(stored);
  if (seeded && HAS_CHINESE.test(seeded[2]) && !HAS_CHINESE.test(seeded[1])) return { zh: seeded[2].trim(), en: seeded[1].trim() };
  const [zh, en] = halves(stored);
  return { zh, en };
}
