import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors, Public } from '#app/platform';
import type { Actor } from '../actor.js';
import { AccessErrors } from '../errors.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, LoginDto, RefreshDto } from './auth.dto.js';
import { MeView, TokenPairView } from './auth.view.js';
import { CurrentActor } from './decorators.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'auth_login',
    summary: 'Sign in: an access token and a refresh token. Failed logins are throttled per account and per IP (429 LOGIN_THROTTLED with Retry-After).',
  })
  @ApiOkResponse({ type: TokenPairView })
  @ApiErrors(AccessErrors.INVALID_CREDENTIALS, AccessErrors.LOGIN_THROTTLED)
  login(@Body() body: LoginDto, @Req() request: Request): Promise<TokenPairView> {
    return this.auth.login(body.username, body.password, { ip: request.ip ?? 'unknown', userAgent: request.headers['user-agent'] });
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'auth_refresh', summary: 'Exchange a refresh token for a new pair; reusing a refresh token ends the whole login (REFRESH_TOKEN_REUSED).' })
  @ApiOkResponse({ type: TokenPairView })
  @ApiErrors(AccessErrors.TOKEN_INVALID, AccessErrors.REFRESH_TOKEN_REUSED)
  refresh(@Body() body: RefreshDto): Promise<TokenPairView> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'auth_logout', summary: 'End this login: its access and refresh tokens stop working.' })
  @ApiNoContentResponse()
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }

  @Post('auth/password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'auth_change_password', summary: "Change one's own password; every other login of the user ends." })
  @ApiNoContentResponse()
  @ApiErrors(AccessErrors.WRONG_PASSWORD, AccessErrors.WEAK_PASSWORD)
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(actor, body.currentPassword, body.newPassword);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'auth_me', summary: 'The signed-in user, their role and organisation.' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.auth.me(actor);
  }
}
