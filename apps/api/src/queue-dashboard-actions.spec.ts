import { dashboardAction } from './queue-dashboard-actions.js';

describe('R21: what a queue-dashboard request does, for its audit record', () => {
  it.each([
    ['PUT', '/api/queues/reminders/pause', { action: 'queue.pause', queue: 'reminders', jobId: null, target: null }],
    ['PUT', '/api/queues/reminders/resume', { action: 'queue.resume', queue: 'reminders', jobId: null, target: null }],
    ['PUT', '/api/queues/pause', { action: 'queue.pause', queue: '*', jobId: null, target: null }],
    ['PUT', '/api/queues/escalations/clean/failed', { action: 'queue.clean', queue: 'escalations', jobId: null, target: 'failed' }],
    ['PUT', '/api/queues/escalations/retry/failed', { action: 'queue.retry', queue: 'escalations', jobId: null, target: 'failed' }],
    ['PUT', '/api/queues/reminders/promote', { action: 'queue.promote', queue: 'reminders', jobId: null, target: null }],
    ['PUT', '/api/queues/reminders/rate-limit/release', { action: 'queue.rate-limit.release', queue: 'reminders', jobId: null, target: null }],
    ['PUT', '/api/queues/reminders/r%3A42/retry', { action: 'job.retry', queue: 'reminders', jobId: 'r:42', target: null }],
    ['PUT', '/api/queues/reminders/42/clean', { action: 'job.remove', queue: 'reminders', jobId: '42', target: null }],
    ['PUT', '/api/queues/reminders/42/promote', { action: 'job.promote', queue: 'reminders', jobId: '42', target: null }],
    ['PATCH', '/api/queues/reminders/42/update-data', { action: 'job.update-data', queue: 'reminders', jobId: '42', target: null }],
    ['PUT', '/api/queues/reminders/job-schedulers/daily/remove', { action: 'job-scheduler.remove', queue: 'reminders', jobId: null, target: 'daily' }],
    ['POST', '/api/metrics/history/purge', { action: 'dashboard.metrics.history.purge.post', queue: null, jobId: null, target: null }],
  ])('%s %s', (method, path, expected) => {
    expect(dashboardAction(method, path)).toEqual(expected);
  });
});
