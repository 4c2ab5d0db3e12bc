import { Inject, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { AccessCoreModule, AuthService } from '#app/access';
import { ALL_QUEUES, AppError, AUDIT_SINK, ErrorEnvelopeFilter, PlatformErrors, QueueRegistry, RequestContext, type AuditSink } from '#app/platform';
import { dashboardAction, type DashboardAction } from './queue-dashboard-actions.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The path below the dashboard, without the query. */
function pathBelow(req: Request): string {
  const path = req.originalUrl.split('?')[0];
  return path.startsWith(QUEUE_DASHBOARD_PATH) ? path.slice(QUEUE_DASHBOARD_PATH.length) : path;
}

function detailsOf(req: Request, described: DashboardAction): Record<string, unknown> {
  return {
    method: req.method,
    path: pathBelow(req),
    queue: described.queue,
    jobId: described.jobId,
    target: described.target,
    // What the action was given (a job's data, a concurrency, a rate limit), when bull-board takes a body.
    ...(req.body !== undefined && req.body !== null && typeof req.body === 'object' && Object.keys(req.body).length > 0 ? { body: req.body } : {}),
  };
}

/**
 * bull-board at /admin/queues, for administrators only: a bearer token of an
 * administrator, checked like every other route (401 without, 403 for other
 * roles, recorded). It is not a Nest route, so it is guarded here.
 *
 * Its actions (pause, resume, clean, retry, promote, remove … any request
 * that is not a read) are recorded before they are carried out (R21): who,
 * which queue or job, and what; an action whose record cannot be written is
 * refused (503 AUDIT_NOT_RECORDED). One that then fails is recorded as failed.
 * A paused queue shows in /health/ready and in the worker's log.
 */
@Module({ imports: [AccessCoreModule] })
export class QueueDashboardModule implements NestModule {
  constructor(
    private readonly queues: QueueRegistry,
    private readonly auth: AuthService,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({ queues: ALL_QUEUES.map((definition) => new BullMQAdapter(this.queues.queue(definition))), serverAdapter });
    const filter = new ErrorEnvelopeFilter();
    const refuse = (error: unknown, req: Request, res: Response) => filter.catch(error, { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as never);
    const administratorsOnly = async (req: Request, res: Response, next: NextFunction) => {
      try {
        const header = req.headers.authorization;
        const actor = typeof header === 'string' && header.startsWith('Bearer ') ? await this.auth.actorFor(header.slice(7).trim()) : undefined;
        if (!actor) return refuse(new AppError(PlatformErrors.UNAUTHENTICATED), req, res);
        RequestContext.setActor(actor);
        if (actor.role !== 'administrator') {
          const attempted = READS.has(req.method) ? {} : { attempted: dashboardAction(req.method, pathBelow(req)) };
          await this.audit.record({ action: 'access.denied', outcome: 'denied', details: { method: req.method, route: QUEUE_DASHBOARD_PATH, role: actor.role, ...attempted } });
          return refuse(new AppError(PlatformErrors.FORBIDDEN), req, res);
        }
        next();
      } catch (error) {
        refuse(error, req, res);
      }
    };
    const recordedActions = async (req: Request, res: Response, next: NextFunction) => {
      if (READS.has(req.method)) return next();
      const described = dashboardAction(req.method, pathBelow(req));
      const entry = { action: described.action, entityType: 'queue', entityId: described.queue ?? undefined, details: detailsOf(req, described) };
      try {
        await this.audit.record({ ...entry, outcome: 'allowed' });
      } catch (error) {
        // Not recorded, not done.
        return refuse(error, req, res);
      }
      const context = RequestContext.current();
      res.on('finish', () => {
        if (res.statusCode < 400) return;
        const failed = () => this.audit.record({ ...entry, outcome: 'failed', details: { ...entry.details, status: res.statusCode } }).catch(() => undefined);
        // The same actor and request id as the action's record.
        void (context ? RequestContext.run(context, failed) : failed());
      });
      next();
    };
    consumer.apply(administratorsOnly, recordedActions, serverAdapter.getRouter()).forRoutes(QUEUE_DASHBOARD_PATH, `${QUEUE_DASHBOARD_PATH}/{*path}`);
  }
}
