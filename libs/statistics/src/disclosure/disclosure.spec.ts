import fc from 'fast-check';
import { DEFAULT_MIN_CELL, DEFAULT_MIN_INTERVAL, protect, type Additivity, type CellKey, type ProtectedFigures, SUPPRESSED_BOUND } from './disclosure.js';
import { countRange, type LinearEquation } from './linear-program.js';

const K = DEFAULT_MIN_CELL;

/**
 * The attack: every published figure, every additivity, and what anyone knows of a suppressed cell (at least 1: zeros
 * are published); for each suppressed small count, the least and the greatest value linear programs find. Built
 * from the published figures alone, not from protect()'s own reckoning.
 */
async function attack(published: Record<CellKey, number | null>, additivities: Additivity[], truth: Record<CellKey, number>): Promise<Map<CellKey, { min: number; max: number }>> {
  const unknowns = Object.keys(published).filter((key) => published[key] === null);
  const index = new Map(unknowns.map((key, at) => [key, at]));
  const equations: LinearEquation[] = additivities.map(({ total, parts }) => {
    const equation: LinearEquation = { terms: [], constant: 0 };
    for (const [key, sign] of [[total, -1] as const, ...parts.map((part) => [part, 1] as const)]) {
      if (index.has(key)) equation.terms.push({ unknown: index.get(key)!, coefficient: sign });
      else equation.constant -= sign * published[key]!;
    }
    return equation;
  });
  const bounds = unknowns.map(() => SUPPRESSED_BOUND);
  const ranges = new Map<CellKey, { min: number; max: number }>();
  for (const key of unknowns.filter((unknown) => truth[unknown] < K)) ranges.set(key, await countRange(index.get(key)!, equations, bounds));
  return ranges;
}

const SEXES = ['female', 'male'];
const AGES = ['minor', 'adult'];

/** A province of cities of counties; each county's people assisted per year (0: last year, 1: this year), by sex and minor/adult. */
interface Population {
  cities: number[][][][][];
}

/** Every figure of one year's table (`<prefix>|<jurisdiction>|<sex or *>|<age or *>`) and how they add up: within a jurisdiction and up the chain. */
function table(prefix: string, population: Population, count: (county: number[][][], sex: number, age: number) => number) {
  const values: Record<CellKey, number> = {};
  const additivities: Additivity[] = [];
  const key = (jurisdiction: string, sex: string, age: string) => `${prefix}|${jurisdiction}|${sex}|${age}`;
  const counties = population.cities.map((city, c) => city.map((_, n) => `county${c}.${n}`));
  const cities = population.cities.map((_, c) => `city${c}`);
  population.cities.forEach((city, c) =>
    city.forEach((county, n) => SEXES.forEach((sex, s) => AGES.forEach((age, a) => (values[key(counties[c][n], sex, age)] = count(county, s, a))))),
  );
  const all = [...counties.flat(), ...cities, 'province'];
  const sexes = [...SEXES, '*'];
  const ages = [...AGES, '*'];
  // Up the chain first (county → city → province), then the margins of every jurisdiction.
  for (const sex of SEXES) {
    for (const age of AGES) {
      cities.forEach((city, c) => {
        values[key(city, sex, age)] = counties[c].reduce((sum, county) => sum + values[key(county, sex, age)], 0);
      });
      values[key('province', sex, age)] = cities.reduce((sum, city) => sum + values[key(city, sex, age)], 0);
    }
  }
  for (const jurisdiction of all) {
    for (const sex of SEXES) values[key(jurisdiction, sex, '*')] = AGES.reduce((sum, age) => sum + values[key(jurisdiction, sex, age)], 0);
    for (const age of ages) values[key(jurisdiction, '*', age)] = SEXES.reduce((sum, sex) => sum + values[key(jurisdiction, sex, age)], 0);
    for (const sex of sexes) additivities.push({ total: key(jurisdiction, sex, '*'), parts: AGES.map((age) => key(jurisdiction, sex, age)) });
    for (const age of ages) additivities.push({ total: key(jurisdiction, '*', age), parts: SEXES.map((sex) => key(jurisdiction, sex, age)) });
  }
  for (const sex of sexes) {
    for (const age of ages) {
      cities.forEach((city, c) => additivities.push({ total: key(city, sex, age), parts: counties[c].map((county) => key(county, sex, age)) }));
      additivities.push({ total: key('province', sex, age), parts: cities.map((city) => key(city, sex, age)) });
    }
  }
  return { values, additivities, keys: Object.keys(values) };
}

/** Small counts are what the attack is about: many zeros and counts under k, some above. */
const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: K - 1 }), fc.integer({ min: K, max: 40 }));
const breakdown = fc.tuple(fc.tuple(count, count), fc.tuple(count, count)).map(([female, male]) => [female, male]);
const population: fc.Arbitrary<Population> = fc.record({
  cities: fc.array(fc.array(fc.tuple(breakdown, breakdown), { minLength: 2, maxLength: 3 }), { minLength: 2, maxLength: 2 }),
});

function expectPublishedHonestly(protectedFigures: ProtectedFigures, truth: Record<CellKey, number>, keys: CellKey[]): void {
  for (const key of keys) {
    const shown = protectedFigures.published[key];
    if (truth[key] >= 1 && truth[key] < K) expect({ key, shown }).toEqual({ key, shown: null });
    if (truth[key] === 0) expect({ key, shown }).toEqual({ key, shown: 0 });
    if (shown !== null) expect({ key, shown }).toEqual({ key, shown: truth[key] });
  }
}

describe('R20, R22: de-identified figures — small counts suppressed, with complementary suppression proved by a linear-programming attack', () => {
  it('R20: a lone small count in a breakdown takes a second cell with it, in its row and in its column, and neither can be worked out', async () => {
    // 2×2 by sex and minor/adult with margins: only female minors are few.
    const values = { fm: 3, fa: 20, mm: 15, ma: 30, f: 23, m: 45, minors: 18, adults: 50, all: 68 };
    const additivities = [
      { total: 'f', parts: ['fm', 'fa'] },
      { total: 'm', parts: ['mm', 'ma'] },
      { total: 'minors', parts: ['fm', 'mm'] },
      { total: 'adults', parts: ['fa', 'ma'] },
      { total: 'all', parts: ['f', 'm'] },
      { total: 'all', parts: ['minors', 'adults'] },
    ];
    const result = await protect(values, additivities);
    expect(result.suppressed).toEqual([
      { key: 'fm', reason: 'small' },
      { key: 'mm', reason: 'complementary' },
      { key: 'fa', reason: 'complementary' },
      { key: 'ma', reason: 'complementary' },
    ]);
    expect(result.published).toMatchObject({ f: 23, m: 45, minors: 18, adults: 50, all: 68 });
    const ranges = await attack(result.published, additivities, values);
    // fm = t, fa = 23 − t, mm = 18 − t, ma = 27 + t, each at least 1: 1 ≤ t ≤ 17.
    expect(ranges.get('fm')).toEqual({ min: 1, max: 17 });
  });

  it('R20: a county’s small count is not its city’s figure minus the other counties', async () => {
    const values = { city: 57, a: 4, b: 30, c: 23 };
    const additivities = [{ total: 'city', parts: ['a', 'b', 'c'] }];
    const result = await protect(values, additivities);
    // The smaller of the other two goes with it; the city's figure stays.
    expect(result.published).toEqual({ city: 57, a: null, b: 30, c: null });
    expect((await attack(result.published, additivities, values)).get('a')).toEqual({ min: 1, max: 26 });
  });

  it('a count whose every neighbour is suppressed too may be anything from 1 up', async () => {
    // Nothing published caps a or b: the solver finds no greatest value.
    expect(
      await countRange(
        0,
        [
          {
            terms: [
              { unknown: 0, coefficient: 1 },
              { unknown: 1, coefficient: -1 },
            ],
            constant: 0,
          },
        ],
        [SUPPRESSED_BOUND, SUPPRESSED_BOUND],
      ),
    ).toEqual({
      min: 1,
      max: Infinity,
    });
  });

  it('shows zeros as zeros and figures of k and more as they are', async () => {
    const result = await protect({ total: 40, a: 0, b: 11, c: 29 }, [{ total: 'total', parts: ['a', 'b', 'c'] }]);
    expect(result).toEqual({ published: { total: 40, a: 0, b: 11, c: 29 }, suppressed: [] });
  });

  it('refuses figures that do not add up (a query bug must not be published)', async () => {
    await expect(protect({ total: 40, a: 12, b: 12 }, [{ total: 'total', parts: ['a', 'b'] }])).rejects.toThrow('total is 40 but its parts add up to 24');
  });

  it(`R20, R22: over random provinces, no suppressed small count narrows below ${DEFAULT_MIN_INTERVAL + 1} possible values — within a breakdown, county → city → province, and last year’s report beside this year’s cumulative figures`, async () => {
    await fc.assert(
      fc.asyncProperty(population, async (province) => {
        // Last year's report, published on its own.
        const earlier = table('2025', province, (county, s, a) => county[0][s][a]);
        const first = await protect(earlier.values, earlier.additivities);
        expectPublishedHonestly(first, earlier.values, earlier.keys);

        // This year's: the new figures, and the cumulative ones (last year's plus the new), which add up across the years.
        const fresh = table('2026', province, (county, s, a) => county[1][s][a]);
        const cumulative = table('since2025', province, (county, s, a) => county[0][s][a] + county[1][s][a]);
        const acrossYears = cumulative.keys.map((key) => ({ total: key, parts: [key.replace('since2025', '2025'), key.replace('since2025', '2026')] }));
        const values = { ...earlier.values, ...fresh.values, ...cumulative.values };
        const additivities = [...earlier.additivities, ...fresh.additivities, ...cumulative.additivities, ...acrossYears];
        const second = await protect(values, additivities, {
          alreadyPublished: new Set(earlier.keys),
          alreadySuppressed: new Set(first.suppressed.map((suppression) => suppression.key)),
        });
        for (const key of earlier.keys) expect(second.published[key]).toBe(first.published[key]);
        expectPublishedHonestly(second, values, [...fresh.keys, ...cumulative.keys]);

        for (const [key, range] of await attack(second.published, additivities, values)) {
          expect({ key, truthWithin: range.min <= values[key] && values[key] <= range.max }).toEqual({ key, truthWithin: true });
          expect({ key, range, wideEnough: range.max - range.min >= DEFAULT_MIN_INTERVAL }).toEqual({ key, range, wideEnough: true });
        }
      }),
      // A fixed seed: the same populations on every run and every day; change it to explore others.
      { numRuns: 6, seed: 20_261_204 },
    );
  }, 120_000);
});
