import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ReadinessChecks } from '../health/readiness-checks.js';
import { PausedQueuesReadiness, PausedQueuesWatch } from './paused-queues.js';
import type { QueueRegistry } from './queue-registry.js';

function registry(paused: string[]): QueueRegistry {
  return { paused: async () => paused } as unknown as QueueRegistry;
}

describe('a paused queue is never silent', () => {
  it('the worker warns, naming the paused queue', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      expect(await new PausedQueuesWatch(registry(['reminders'])).check()).toEqual(['reminders']);
      expect(warn).toHaveBeenCalledWith({ paused: ['reminders'] }, expect.stringContaining('reminders'));
      warn.mockClear();
      expect(await new PausedQueuesWatch(registry([])).check()).toEqual([]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('readiness reports it degraded, naming it', async () => {
    const checks = new ReadinessChecks();
    new PausedQueuesReadiness(checks, registry(['reminders'])).onModuleInit();
    const [check] = checks.all();
    expect(check.name).toBe('queues');
    expect(await check.check()).toMatchObject({ status: 'degraded', details: { paused: ['reminders'] } });
  });
});
