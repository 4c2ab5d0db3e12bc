import { checkDigitOf, checkResidentId } from './resident-id.js';

const TODAY = '2026-11-25';
/** A valid number built from its parts, so the tests show what each part means. */
function build(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkDigitOf(first17);
}

describe('R3: resident ID numbers (GB 11643)', () => {
  it('accepts a valid number and reads its region, birth date and sex', () => {
    expect(checkResidentId(build('530102', '20120315', '123'), TODAY)).toEqual({
      valid: true,
      facts: { number: build('530102', '20120315', '123'), regionCode: '530102', birthDate: '2012-03-15', sex: 'male' },
    });
    expect(checkResidentId(build('530102', '20120315', '124'), TODAY)).toMatchObject({ valid: true, facts: { sex: 'female' } });
  });

  it('knows the published example 11010519491231002X (lower-case x and spaces accepted)', () => {
    expect(checkResidentId('110105 19491231 002x', TODAY)).toMatchObject({ valid: true, facts: { number: '11010519491231002X', sex: 'female' } });
  });

  it.each([
    ['a wrong check digit', `${build('530102', '20120315', '123').slice(0, 17)}0`, /check digit should be/],
    ['a birth date that does not exist', build('530102', '20110230', '123'), /20110230 does not exist/],
    ['a birth date in the future', build('530102', '20270101', '123'), /in the future/],
    ['an unknown province', build('990102', '20120315', '123'), /region code 990102/],
    ['17 characters', build('530102', '20120315', '123').slice(0, 17), /18 characters/],
    ['letters inside', '5301022012031A1234', /17 digits/],
  ])('refuses %s with the reason', (_case, number, reason) => {
    const result = checkResidentId(number, TODAY);
    expect(result.valid).toBe(false);
    expect(result.valid === false && result.reason).toMatch(reason);
  });
});
