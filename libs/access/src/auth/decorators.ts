import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor } from '../actor.js';
import type { Role } from '../roles.js';

export const ROLES_KEY = 'huijia:roles';
export const BEFORE_PASSWORD_CHANGE_KEY = 'huijia:before-password-change';

/** Only these roles may call the route; others get 403 and an audit record of the denial. The document lists them as `x-roles`. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));

/**
 * The route answers a user whose password an administrator reset and who has
 * not changed it yet (/me, /auth/password, /auth/logout); every other route
 * refuses them with 403 PASSWORD_CHANGE_REQUIRED. The document marks it
 * `x-before-password-change: true`.
 */
export const AllowedBeforePasswordChange = (): MethodDecorator => applyDecorators(SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true), ApiExtension('x-before-password-change', true));

/** The signed-in user, as the AuthGuard established it. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!request.actor) throw new Error('CurrentActor used on a public route');
  return request.actor;
});
