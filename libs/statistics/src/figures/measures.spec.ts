import { measurePublishable } from './measures.js';

const K = 11;

describe('R22: medians and shares leave the chain only when they tell no small count', () => {
  it('R22: a median is shown on k people or more, beside its count published', () => {
    expect(measurePublishable({ n: 10, countPublished: true }, K)).toBe(false);
    expect(measurePublishable({ n: 11, countPublished: true }, K)).toBe(true);
    // Its count withheld (complementary): showing the median would tell that the count is k or more.
    expect(measurePublishable({ n: 30, countPublished: false }, K)).toBe(false);
  });

  it('R22: a share is withheld when its numerator or the rest is a small count — 1 of 14 enrolled is 7.1 %, which tells the one', () => {
    expect(measurePublishable({ n: 14, countPublished: true, hits: 1 }, K)).toBe(false);
    expect(measurePublishable({ n: 14, countPublished: true, hits: 13 }, K)).toBe(false);
    expect(measurePublishable({ n: 30, countPublished: true, hits: 15 }, K)).toBe(true);
    // None or all: 0 % and 100 % tell only what the published zeros and totals tell.
    expect(measurePublishable({ n: 14, countPublished: true, hits: 0 }, K)).toBe(true);
    expect(measurePublishable({ n: 14, countPublished: true, hits: 14 }, K)).toBe(true);
  });
});
