import { nameForms } from '#app/case';
import { givenPinyin, scorePair, type PersonSide, type RequestSide } from './matcher.js';

const forms = (name: string, kind = 'name') => {
  const all = nameForms(name);
  return { name, compact: all.compact, initials: all.initials, given: givenPinyin(all.pinyin, kind) };
};

const person: PersonSide = {
  sex: 'female',
  birthFrom: '2014-01-01',
  birthTo: '2015-12-31',
  names: [forms('李小梅'), forms('梅梅', 'childhood_name')],
  placeCodes: ['530102'],
  foundOn: '2026-03-01',
  marks: '左手腕有胎记',
};
const request: RequestSide = {
  sex: 'female',
  birthFrom: '2014-08-08',
  birthTo: '2014-08-08',
  names: [forms('李晓梅'), forms('梅梅', 'childhood_name')],
  missingPlaceCode: '530111',
  missingOn: '2019-05-01',
  marks: '左手腕胎记，右耳有小痣',
};

describe('R8: scoring a person against a tracing request', () => {
  it('scores each feature and says why', () => {
    const result = scorePair(person, request)!;
    expect(result.features.name).toMatchObject({ score: 1, why: '同名 梅梅 / same name 梅梅' });
    expect(result.features.age).toMatchObject({ score: 1 });
    expect(result.features.place).toMatchObject({ score: 0.6, why: '同一地市 5301 / same prefecture 5301' });
    expect(result.features.marks.score).toBeGreaterThan(0.3);
    expect(result.score).toBeGreaterThan(0.8);
  });

  it('explains every feature in Chinese with English beside, for the people who read it', () => {
    for (const pair of [scorePair(person, request)!, scorePair({ ...person, names: [], birthFrom: null, birthTo: null, marks: '' }, { ...request, sex: 'unknown' })!]) {
      for (const feature of Object.values(pair.features)) expect(feature.why).toMatch(/\p{Script=Han}.* \/ [a-z]/u);
    }
  });

  it('finds homophones through pinyin when the characters differ', () => {
    const result = scorePair({ ...person, names: [forms('李小梅')] }, { ...request, names: [forms('李晓梅')] })!;
    expect(result.features.name).toMatchObject({ score: 0.85, why: '同音 lixiaomei（李小梅 / 李晓梅）/ same pinyin lixiaomei' });
  });

  it('finds a homophone of the given name under the surname the buyers gave', () => {
    const result = scorePair({ ...person, names: [forms('张晓梅')] }, { ...request, names: [forms('李小梅')] })!;
    expect(result.features.name).toMatchObject({ score: 0.6, why: expect.stringContaining('xiaomei') });
  });

  it('does not go by the one-syllable given name of a two-character name', () => {
    expect(givenPinyin('wang fang', 'name')).toBeNull();
    expect(givenPinyin('ya ya', 'childhood_name')).toBe('yaya');
    expect(givenPinyin('ou yang xiao hong', 'name')).toBe('xiaohong');
  });

  it('rules out another sex, and a child missing after she was found', () => {
    expect(scorePair({ ...person, sex: 'male' }, request)).toBeUndefined();
    expect(scorePair(person, { ...request, missingOn: '2026-04-01' })).toBeUndefined();
  });

  it('lowers the age score with the gap between birth years', () => {
    const far = scorePair(person, { ...request, birthFrom: '2008-01-01', birthTo: '2008-12-31' })!;
    expect(far.features.age.score).toBeLessThan(0.2);
  });
});
