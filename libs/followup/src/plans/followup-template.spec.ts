import { addMonths } from '#app/platform';
import { planEnd, visitDates } from './followup-template.js';

const DEFAULT = { monthlyUntilMonth: 6, quarterlyUntilMonth: 24 };

describe('R17: the follow-up template', () => {
  it('visits monthly for 6 months, quarterly until 2 years, then yearly', () => {
    const dates = visitDates('2026-03-20', '2031-03-20', DEFAULT);
    expect(dates).toEqual([
      '2026-04-20',
      '2026-05-20',
      '2026-06-20',
      '2026-07-20',
      '2026-08-20',
      '2026-09-20',
      '2026-12-20',
      '2027-03-20',
      '2027-06-20',
      '2027-09-20',
      '2027-12-20',
      '2028-03-20',
      '2029-03-20',
      '2030-03-20',
      '2031-03-20',
    ]);
  });

  it('lasts at least 5 years, and for a minor at least until 18', () => {
    expect(planEnd('2026-03-20', 5, null)).toBe('2031-03-20');
    expect(planEnd('2026-03-20', 5, '2015-06-11')).toBe('2033-06-11');
    expect(planEnd('2026-03-20', 5, '1990-01-01')).toBe('2031-03-20');
    expect(visitDates('2026-03-20', planEnd('2026-03-20', 5, '2015-06-11'), DEFAULT).at(-1)).toBe('2033-03-20');
  });

  it('keeps month ends real', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
  });
});
