import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { AccessCoreModule, AuthService } from '#app/access';
import { ALL_QUEUES, AppError, AUDIT_SINK, ErrorEnvelopeFilter, PlatformErrors, QueueRegistry, RequestContext, type AuditSink } from '#app/platform';
import { Inject } from '@nestjs/common';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board at /admin/queues, for administrators only: a bearer token of an
 * administrator, checked like every other route (401 without, 403 for other
 * roles, recorded). It is not a Nest route, so it is guarded here.
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
    const refuse = (error: AppError, req: Request, res: Response) => filter.catch(error, { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as never);
    const administratorsOnly = async (req: Request, res: Response, next: NextFunction) => {
      const header = req.headers.authorization;
      const actor = typeof header === 'string' && header.startsWith('Bearer ') ? await this.auth.actorFor(header.slice(7).trim()) : undefined;
      if (!actor) return refuse(new AppError(PlatformErrors.UNAUTHENTICATED), req, res);
      RequestContext.setActor(actor);
      if (actor.role !== 'administrator') {
        await this.audit.record({ action: 'access.denied', outcome: 'denied', details: { method: req.method, route: QUEUE_DASHBOARD_PATH, role: actor.role } });
        return refuse(new AppError(PlatformErrors.FORBIDDEN), req, res);
      }
      next();
    };
    consumer.apply(administratorsOnly, serverAdapter.getRouter()).forRoutes(QUEUE_DASHBOARD_PATH, `${QUEUE_DASHBOARD_PATH}/{*path}`);
  }
}
