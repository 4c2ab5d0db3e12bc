import { Clock } from './clock.js';
import { addMonths, ageRange, chinaDate, mayBeMinor, yearsBefore } from './dates.js';

describe('dates in China', () => {
  it('takes the date in Asia/Shanghai: 23:30 UTC is already the next day there', () => {
    expect(chinaDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(chinaDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
  });

  it('R23: counts ages on a given day, 29 February included', () => {
    expect(ageRange('2010-02-28', '2010-02-28', '2028-02-28')).toEqual({ min: 18, max: 18 });
    expect(ageRange('2010-03-01', '2010-03-01', '2028-02-29')).toEqual({ min: 17, max: 17 });
    expect(mayBeMinor('2010-03-01', '2010-03-01', '2028-02-29')).toBe(true);
    expect(mayBeMinor(null, null, '2028-02-29')).toBe(true);
    expect(yearsBefore('2028-02-29', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });
});

describe('the clock', () => {
  it('starts where it is set and runs on from there', async () => {
    const clock = new Clock(new Date('2033-06-15T02:00:00Z'));
    expect(clock.today()).toBe('2033-06-15');
    const first = clock.now().getTime();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock.now().getTime() - first).toBeGreaterThanOrEqual(15);
    expect(clock.now().getTime() - Date.parse('2033-06-15T02:00:00Z')).toBeLessThan(60_000);
  });
});
