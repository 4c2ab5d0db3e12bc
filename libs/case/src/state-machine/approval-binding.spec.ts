import { changedSince } from './approval-binding.js';

describe('R6: an approval bound to the data it was asked for', () => {
  it('names the records whose digest changed, or disappeared', () => {
    const requested = { returnHome: 'a', guardians: 'b' };
    expect(changedSince(requested, { returnHome: 'a', guardians: 'b' })).toEqual([]);
    expect(changedSince(requested, { returnHome: 'c', guardians: 'b' })).toEqual(['returnHome']);
    expect(changedSince(requested, { returnHome: null, guardians: 'd' })).toEqual(['returnHome', 'guardians']);
  });

  it('binds nothing when the step is bound to nothing, or was asked for before binding existed', () => {
    expect(changedSince(null, { guardians: 'b' })).toEqual([]);
    expect(changedSince(null, null)).toEqual([]);
  });
});
