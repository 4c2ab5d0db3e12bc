import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const PUBLIC_ROUTE = 'huijia:public-route';

/** A route anyone may call without signing in (health, login, token refresh). Everything else needs a signed-in user. */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-public', true));
