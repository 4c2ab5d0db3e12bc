import { clockStart } from './clock-start.js';

describe('R11: the household registration clock', () => {
  it('counts from the first day of the current stay', () => {
    expect(clockStart([{ from_date: '2026-03-01', to_date: null }])).toBe('2026-03-01');
  });

  it('does not restart when the person moves to another institution the next day or the same day', () => {
    expect(
      clockStart([
        { from_date: '2026-05-02', to_date: null },
        { from_date: '2026-03-10', to_date: '2026-05-01' },
        { from_date: '2026-01-05', to_date: '2026-03-10' },
      ]),
    ).toBe('2026-01-05');
  });

  it('restarts after a gap in care', () => {
    expect(
      clockStart([
        { from_date: '2026-01-05', to_date: '2026-02-01' },
        { from_date: '2026-06-01', to_date: null },
      ]),
    ).toBe('2026-06-01');
  });

  it('does not run for someone who is not in an institution', () => {
    expect(clockStart([{ from_date: '2026-01-05', to_date: '2026-02-01' }])).toBeUndefined();
    expect(clockStart([])).toBeUndefined();
  });
});
