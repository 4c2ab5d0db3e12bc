import { CHAINS_PER_PROVINCE, chainFor, NATIONAL_CHAIN } from './audit.service.js';

describe('audit chains', () => {
  it('are per province, a user always in the same one, actor-less events national', () => {
    const chain = chainFor('530102', 'b0f2ae7e-7b6c-4a5e-9e37-0b0d1b9d1f11');
    expect(chain).toMatch(/^53\.\d+$/);
    expect(Number(chain.split('.')[1])).toBeLessThan(CHAINS_PER_PROVINCE);
    expect(chainFor('532901', 'b0f2ae7e-7b6c-4a5e-9e37-0b0d1b9d1f11')).toBe(chain);
    expect(chainFor('440100', 'b0f2ae7e-7b6c-4a5e-9e37-0b0d1b9d1f11')).toMatch(/^44\./);
    expect(chainFor(undefined)).toBe(NATIONAL_CHAIN);
  });
});
