/**
 * A worker told to stop (SIGTERM from a deploy, Ctrl-C on npm start) stops at once, even in the middle of a pass:
 * its loops must not sleep one more interval first. With the defaults a reminder scan sleeps a minute, longer than
 * the shutdown watchdog's 15 s, which then killed the worker with exit 1 instead of a clean stop.
 */
import { OutboxRelay } from '#app/platform';
import { ReminderScheduler } from '#app/followup';
import { startStack, type TestStack } from '../support/test-context.js';

describe('the worker’s loops stop when told to, mid-pass', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // Intervals of the schema's maximum: a loop that sleeps once more after stop() would outlast this test's timeout.
    stack = await startStack({
      api: false,
      worker: true,
      overrides: { OUTBOX_POLL_INTERVAL_MS: '60000', REMINDER_RELAY_INTERVAL_MS: '600000', RECONCILE_INTERVAL_MS: '3600000', ESCALATION_SCAN_INTERVAL_MS: '3600000' },
    });
  });
  afterAll(() => stack?.close());

  it('the reminder scheduler: stop() while its relay, reconcile and escalation passes are running ends every loop', async () => {
    const scheduler = stack.worker!.get(ReminderScheduler);
    // start() runs each loop's first pass up to its first query: stop() lands in the middle of all three.
    scheduler.start();
    await scheduler.stop();
    // Started again and stopped once the passes are asleep: the sleepers are woken.
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await scheduler.stop();
  });

  it('the outbox relay: stop() during a drain ends the loop', async () => {
    const relay = stack.worker!.get(OutboxRelay);
    relay.start();
    await relay.stop();
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await relay.stop();
  });
});
