import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError, AUDIT_SINK, PUBLIC_ROUTE, PlatformErrors, RequestContext, type AuditSink } from '#app/platform';
import type { Actor } from '../actor.js';
import { AccessErrors } from '../errors.js';
import type { Role } from '../roles.js';
import { AuthService } from './auth.service.js';
import { BEFORE_PASSWORD_CHANGE_KEY, ROLES_KEY } from './decorators.js';

/**
 * Global guard: every route needs a signed-in user unless marked @Public();
 * @Roles() narrows it further. An expired, tampered or revoked token is 401;
 * a user whose password an administrator reset gets 403
 * PASSWORD_CHANGE_REQUIRED everywhere but the routes marked
 * @AllowedBeforePasswordChange(); a role that may not call the route is 403,
 * recorded in the audit record.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new AppError(PlatformErrors.UNAUTHENTICATED);
    const found = await this.auth.authenticate(token);
    if (!found) throw new AppError(AccessErrors.TOKEN_INVALID);
    const { actor } = found;
    request.actor = actor;
    RequestContext.setActor(actor);
    if (found.passwordChangeRequired && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, targets)) {
      throw new AppError(AccessErrors.PASSWORD_CHANGE_REQUIRED);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) {
      await this.audit.record({
        action: 'access.denied',
        outcome: 'denied',
        details: { method: request.method, route: (request.route as { path?: string } | undefined)?.path ?? request.path, role: actor.role },
      });
      throw new AppError(AccessErrors.ROLE_NOT_ALLOWED);
    }
    return true;
  }
}
