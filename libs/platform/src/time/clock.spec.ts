import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chinaDate } from './dates.js';
import { TestMovableClock } from './clock.js';

describe('the clock a browser spec moves (NODE_ENV=test stacks only)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huijia-clock-'));
  const file = path.join(dir, 'test-clock.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stands where the file says from when it was written, and goes back to its start once the file is gone', () => {
    const start = new Date('2026-11-23T02:00:00Z');
    const clock = new TestMovableClock(start, file);
    expect(chinaDate(clock.now())).toBe('2026-11-23');

    writeFileSync(file, JSON.stringify({ at: '2026-09-30T02:00:00Z' }));
    expect(chinaDate(clock.now())).toBe('2026-09-30');
    expect(clock.today()).toBe('2026-09-30');

    writeFileSync(file, JSON.stringify({ at: '2026-10-10T02:00:00Z' }));
    expect(clock.today()).toBe('2026-10-10');

    rmSync(file);
    expect(chinaDate(clock.now())).toBe('2026-11-23');
  });

  it('ignores a file without a valid instant', () => {
    const clock = new TestMovableClock(new Date('2026-11-23T02:00:00Z'), file);
    writeFileSync(file, JSON.stringify({ at: 'someday' }));
    expect(clock.today()).toBe('2026-11-23');
    rmSync(file);
  });
});
