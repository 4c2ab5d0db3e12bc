/**
 * Stands the running api and worker on another day: they run with
 * NODE_ENV=test, whose clock (TestMovableClock) stands at the instant written
 * here from the moment it was written, time running on; removing the file
 * puts them back on their start (CLOCK_AT, 10:00 in China on TEST_TODAY).
 * Always put the stack back (`finally`): the specs after it count on the
 * base date.
 */
import { rm, writeFile } from 'node:fs/promises';
import { chinaMorning } from '../../../../test/support/clock.js';

const file = () => process.env.HUIJIA_E2E_CLOCK_FILE!;

/** The stack's clock at 10:00 in China on `day`, time running on from there. */
export async function serverClockOn(day: string): Promise<void> {
  await writeFile(file(), JSON.stringify({ at: chinaMorning(day).toISOString() }));
}

export async function serverClockBack(): Promise<void> {
  await rm(file(), { force: true });
}
