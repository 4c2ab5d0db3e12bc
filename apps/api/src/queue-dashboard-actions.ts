/** One action asked of the queue dashboard (bull-board's API under /admin/queues/api). */
export interface DashboardAction {
  /** `queue.pause`, `queue.clean`, `job.retry`, `job-scheduler.remove` … */
  action: string;
  /** The queue, `*` for all of them (pause or resume all), null when the action is about none. */
  queue: string | null;
  jobId: string | null;
  /** What else the path names: the job state cleaned or retried, a job scheduler's id. */
  target: string | null;
}

/** bull-board's actions on a whole queue (`/api/queues/:queue/<action>[/:state]`); anything else after the queue name is a job id. */
const QUEUE_ACTIONS = new Set(['retry', 'promote', 'clean', 'pause', 'resume', 'concurrency', 'rate-limit', 'empty', 'obliterate', 'add', 'job-schedulers']);

function decoded(segment: string | undefined): string | null {
  if (segment === undefined) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * What a request to the dashboard does, from its method and path below the
 * dashboard (`/api/queues/reminders/pause`), for the audit record (R21).
 */
export function dashboardAction(method: string, path: string): DashboardAction {
  const segments = path.split('/').filter(Boolean);
  const verb = method.toLowerCase();
  if (segments[0] !== 'api' || segments[1] !== 'queues') {
    return { action: `dashboard.${[...segments.slice(1).map((s) => decoded(s) ?? s), verb].join('.')}`, queue: null, jobId: null, target: null };
  }
  const [queueSegment, second, ...rest] = segments.slice(2);
  if (second === undefined && (queueSegment === 'pause' || queueSegment === 'resume')) return { action: `queue.${queueSegment}`, queue: '*', jobId: null, target: null };
  const queue = decoded(queueSegment);
  if (second === undefined) return { action: `queue.${verb}`, queue, jobId: null, target: null };
  if (second === 'job-schedulers') {
    return { action: `job-scheduler.${rest[1] ?? (verb === 'patch' ? 'update' : verb)}`, queue, jobId: null, target: decoded(rest[0]) };
  }
  if (QUEUE_ACTIONS.has(second))
    return {
      action: `queue.${[second, ...(second === 'rate-limit' && rest[0] ? [rest[0]] : [])].join('.')}`,
      queue,
      jobId: null,
      target: second === 'rate-limit' ? null : decoded(rest[0]),
    };
  // bull-board calls removing a job "clean".
  const jobAction = rest[0] === 'clean' ? 'remove' : (rest[0] ?? verb);
  return { action: `job.${jobAction}`, queue, jobId: decoded(second), target: decoded(rest[1]) };
}
