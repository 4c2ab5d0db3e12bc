import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'huijia:public-route';

/** A route anyone may call without signing in (health, login, token refresh). Everything else needs a signed-in user. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
