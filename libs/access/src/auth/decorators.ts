import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor } from '../actor.js';
import type { Role } from '../roles.js';

export const ROLES_KEY = 'huijia:roles';

/** Only these roles may call the route; others get 403 and an audit record of the denial. The document lists them as `x-roles`. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));

/** The signed-in user, as the AuthGuard established it. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!request.actor) throw new Error('CurrentActor used on a public route');
  return request.actor;
});
