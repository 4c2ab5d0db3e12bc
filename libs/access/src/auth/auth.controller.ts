import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, ApiErrors, AppError, PlatformErrors, Public, type AppConfig } from '#app/platform';
import type { Actor } from '../actor.js';
import { AccessErrors } from '../errors.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, LoginDto, RefreshDto } from './auth.dto.js';
import { MeView, TokenPairView } from './auth.view.js';
import type { TokenPair } from './auth.service.js';
import { clearRefreshCookie, cookieOf, REFRESH_COOKIE, setRefreshCookie } from './refresh-cookie.js';
import { AllowedBeforePasswordChange, CurrentActor } from './decorators.js';
import { clientOf, DEVICE_COOKIE, DEVICE_COOKIE_PATH } from './sign-in-throttle.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'auth_login',
    summary:
      'Sign in: an access token and a refresh token, and a device cookie (huijia_device: httpOnly, Secure, SameSite=Strict, path /auth) that makes this browser a known client of the account. ' +
      'Wrong passwords are throttled per account and client (the known device, else the address), with growing delays, and per address: 429 LOGIN_THROTTLED with Retry-After. ' +
      'The right password from a client without failures always goes through. ' +
      'Browsers ask for session: cookie and get the refresh token in the huijia_refresh cookie (httpOnly, SameSite=Strict, path /auth/refresh; Secure per COOKIE_SECURE) instead of the body.',
  })
  @ApiOkResponse({
    type: TokenPairView,
    headers: {
      'Set-Cookie': {
        description:
          'huijia_device=<random>; Path=/auth; HttpOnly; Secure; SameSite=Strict — and with session: cookie, huijia_refresh=<token>; Path=/auth/refresh; HttpOnly; Secure; SameSite=Strict',
        schema: { type: 'string' },
      },
    },
  })
  @ApiErrors(AccessErrors.INVALID_CREDENTIALS, AccessErrors.LOGIN_THROTTLED)
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<TokenPairView> {
    const signedIn = await this.auth.login(body.username, body.password, clientOf(request));
    response.cookie(DEVICE_COOKIE, signedIn.deviceToken, {
      httpOnly: true,
      secure: this.config.http.cookieSecure,
      sameSite: 'strict',
      path: DEVICE_COOKIE_PATH,
      maxAge: this.config.auth.deviceDays * 86_400_000,
    });
    return this.answer(signedIn.tokens, body.session === 'cookie', response);
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'auth_refresh',
    summary:
      'Exchange a refresh token (in the body, or the huijia_refresh cookie a browser carries) for a new pair; reusing a refresh token ends the whole login (REFRESH_TOKEN_REUSED). ' +
      'A refresh by cookie answers with the rotated cookie and no refresh token in the body.',
  })
  @ApiOkResponse({ type: TokenPairView })
  @ApiErrors(AccessErrors.TOKEN_INVALID, AccessErrors.REFRESH_TOKEN_REUSED)
  async refresh(@Body() body: RefreshDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<TokenPairView> {
    const cookie = body.refreshToken === undefined ? cookieOf(request, REFRESH_COOKIE) : undefined;
    const token = body.refreshToken ?? cookie;
    if (token === undefined) {
      throw new AppError(PlatformErrors.VALIDATION_FAILED, {
        details: [{ field: 'refreshToken', reason: '必填（或刷新 Cookie） / refreshToken is required (or the refresh cookie)' }],
      });
    }
    try {
      return this.answer(await this.auth.refresh(token), cookie !== undefined || body.session === 'cookie', response);
    } catch (error) {
      // A spent or revoked cookie is of no further use to the browser.
      if (cookie !== undefined) clearRefreshCookie(response, this.config);
      throw error;
    }
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @ApiOperation({ operationId: 'auth_logout', summary: 'End this login: its access and refresh tokens stop working, and the refresh cookie is cleared.' })
  @ApiNoContentResponse()
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.logout(actor);
    clearRefreshCookie(response, this.config);
  }

  @Post('auth/password')
  @HttpCode(204)
  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @ApiOperation({
    operationId: 'auth_change_password',
    summary:
      "Change one's own password (required after an administrator's reset); every other login of the user ends. The new one: at least 12 characters, " +
      'not containing the username, not a common password, not the current one. A wrong current password counts as a failed sign-in from this client: 429 PASSWORD_THROTTLED with Retry-After.',
  })
  @ApiNoContentResponse()
  @ApiErrors(AccessErrors.WRONG_PASSWORD, AccessErrors.WEAK_PASSWORD, AccessErrors.PASSWORD_THROTTLED)
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto, @Req() request: Request): Promise<void> {
    return this.auth.changePassword(actor, body.currentPassword, body.newPassword, clientOf(request));
  }

  @Get('me')
  @ApiBearerAuth()
  @AllowedBeforePasswordChange()
  @ApiOperation({ operationId: 'auth_me', summary: 'The signed-in user, their role and organisation, and whether they must change their password first.' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.auth.me(actor);
  }

  /** The pair as JSON clients get it, or with the refresh token moved into the cookie. */
  private answer(tokens: TokenPair, inCookie: boolean, response: Response): TokenPairView {
    if (!inCookie) return tokens;
    setRefreshCookie(response, tokens.refreshToken, this.config);
    const { refreshToken: _inCookie, ...rest } = tokens;
    return rest;
  }
}
