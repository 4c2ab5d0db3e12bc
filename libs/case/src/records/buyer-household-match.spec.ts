import { matchBuyerHousehold, type HouseholdCandidate, type HouseholdMember } from './buyer-household-match.js';
import { parseAddress, sameAddress } from './buyer-household-text.js';

const FILE = 'file-1';
const id = (value: string) => Buffer.from(value);
const member = (overrides: Partial<HouseholdMember> = {}): HouseholdMember => ({
  id: 'm1',
  fileId: FILE,
  name: '王芳',
  aliases: [],
  relation: '收买人之妻',
  idNumberIndex: null,
  idNumberVerified: false,
  address: '河北省邯郸市永年区某村3号',
  ...overrides,
});
const fields = { name: 'recipientName', idNumber: 'recipientIdNumber', address: 'address' };
const candidate = (overrides: Partial<HouseholdCandidate> = {}): HouseholdCandidate => ({ name: '王芳', address: '云南省昆明市官渡区某街1号', fields, ...overrides });

describe('R6: matching the buying household', () => {
  it('refuses the same name recorded without ID number or address match (name only, another address)', () => {
    expect(matchBuyerHousehold(candidate(), [member({ address: null })], FILE)).toMatchObject({
      verdict: 'refuse',
      matchedBy: 'name',
      field: 'recipientName',
      member: { id: 'm1' },
    });
    expect(matchBuyerHousehold(candidate({ name: ' 王 芳 ' }), [member()], FILE)).toMatchObject({ verdict: 'refuse', matchedBy: 'name' });
  });

  it('refuses a recorded alias', () => {
    expect(matchBuyerHousehold(candidate({ name: '芳芳' }), [member({ aliases: ['芳芳'] })], FILE)).toMatchObject({ verdict: 'refuse', matchedBy: 'alias' });
  });

  it('refuses the same name even with a verified ID when the member has none (no override)', () => {
    expect(matchBuyerHousehold(candidate({ idNumberIndex: id('a'), idNumberVerified: true }), [member()], FILE)).toMatchObject({ verdict: 'refuse', matchedBy: 'name' });
    expect(matchBuyerHousehold(candidate({ idNumberIndex: id('a'), idNumberVerified: false }), [member({ idNumberIndex: id('b'), idNumberVerified: true })], FILE)).toMatchObject({
      verdict: 'refuse',
    });
  });

  it('lets the same name through when both carry verified, different ID numbers', () => {
    expect(matchBuyerHousehold(candidate({ idNumberIndex: id('a'), idNumberVerified: true }), [member({ idNumberIndex: id('b'), idNumberVerified: true })], FILE)).toBeUndefined();
  });

  it('refuses the same ID number, in any file, whatever the name', () => {
    const other = member({ fileId: 'file-2', name: '刘某', address: null, idNumberIndex: id('a') });
    expect(matchBuyerHousehold(candidate({ name: '张三', idNumberIndex: id('a'), idNumberVerified: true }), [other], FILE)).toMatchObject({
      verdict: 'refuse',
      matchedBy: 'id_number',
      field: 'recipientIdNumber',
    });
    // Another file's household counts by ID number only.
    expect(matchBuyerHousehold(candidate(), [{ ...other, name: '王芳' }], FILE)).toBeUndefined();
  });

  it('asks for a verified ID for a homophone (王芳 / 汪芳), and lets it through once a different one is given', () => {
    expect(matchBuyerHousehold(candidate({ name: '汪芳' }), [member()], FILE)).toMatchObject({ verdict: 'verify_id', matchedBy: 'homophone', field: 'recipientIdNumber' });
    expect(matchBuyerHousehold(candidate({ name: '汪芳', idNumberIndex: id('a') }), [member()], FILE)).toMatchObject({ verdict: 'verify_id' });
    expect(matchBuyerHousehold(candidate({ name: '汪芳', idNumberIndex: id('a'), idNumberVerified: true }), [member()], FILE)).toBeUndefined();
    expect(matchBuyerHousehold(candidate({ name: '汪芳', idNumberIndex: id('a'), idNumberVerified: true }), [member({ idNumberIndex: id('a') })], FILE)).toMatchObject({
      verdict: 'refuse',
      matchedBy: 'id_number',
    });
  });

  it('prefers a refusal by another member over a homophone', () => {
    const members = [member(), member({ id: 'm2', name: '汪芳', address: null })];
    expect(matchBuyerHousehold(candidate({ name: '汪芳' }), members, FILE)).toMatchObject({ verdict: 'refuse', member: { id: 'm2' } });
  });

  it('refuses the household address written another way, whatever the name', () => {
    const at = member({ name: '刘某', address: '河北省邯郸市永年区某村３号' });
    expect(matchBuyerHousehold(candidate({ name: '李娟', address: '邯郸永年区 某村3号' }), [at], FILE)).toMatchObject({
      verdict: 'refuse',
      matchedBy: 'address',
      field: 'address',
    });
    expect(matchBuyerHousehold(candidate({ name: '李娟', address: '河北省邯郸市永年区某村4号' }), [at], FILE)).toBeUndefined();
  });

  it('passes a different person at a different address', () => {
    expect(matchBuyerHousehold(candidate({ name: '周桂兰' }), [member()], FILE)).toBeUndefined();
  });
});

describe('R6: addresses', () => {
  it('reads the divisions an address starts with, in full or short', () => {
    expect(parseAddress('云南省昆明市官渡区某街1号')).toEqual({ province: '云南省', city: '昆明市', county: '官渡区', rest: '某街1号' });
    expect(parseAddress('云南昆明官渡区某街１号')).toEqual({ province: '云南省', city: '昆明市', county: '官渡区', rest: '某街1号' });
    expect(parseAddress('北京市朝阳区某路2号')).toMatchObject({ province: '北京市', county: '朝阳区', rest: '某路2号' });
  });

  it('compares the rest, and the divisions both name', () => {
    expect(sameAddress('云南省 昆明市官渡区某街1号', '官渡区某街1号')).toBe(true);
    expect(sameAddress('五华区某街1号', '官渡区某街1号')).toBe(false);
    expect(sameAddress('官渡区某街1号', '官渡区某街2号')).toBe(false);
    expect(sameAddress('官渡区', '官渡区')).toBe(true);
    expect(sameAddress('官渡区', '官渡区某街1号')).toBe(false);
  });
});
