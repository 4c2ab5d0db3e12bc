import { dayName } from './day-name.js';

describe("a calendar day's name", () => {
  it("chinese-days' `English,中文,days off` gives each language its own name", () => {
    expect(dayName("New Year's Day,元旦,1")).toEqual({ zh: '元旦', en: "New Year's Day" });
    expect(dayName('Mid-autumn Festival,中秋,1')).toEqual({ zh: '中秋', en: 'Mid-autumn Festival' });
  });

  it("an administrator's `中文 / English` is cut in halves; one language only is both", () => {
    expect(dayName('国庆节 / National Day')).toEqual({ zh: '国庆节', en: 'National Day' });
    expect(dayName('国庆节调休')).toEqual({ zh: '国庆节调休', en: '国庆节调休' });
    expect(dayName('Labour Day')).toEqual({ zh: 'Labour Day', en: 'Labour Day' });
  });
});
