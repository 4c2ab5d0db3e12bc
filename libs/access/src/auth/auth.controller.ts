import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { Public } from '#app/platform';
import type { Actor } from '../actor.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, LoginDto, MeDto, RefreshDto, TokenPairDto } from './auth.dto.js';
import { CurrentActor } from './decorators.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: an access token and a refresh token. Failed logins are throttled (429 with Retry-After).' })
  login(@Body() body: LoginDto, @Req() request: Request): Promise<TokenPairDto> {
    return this.auth.login(body.username, body.password, { ip: request.ip ?? 'unknown', userAgent: request.headers['user-agent'] });
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair; reusing a refresh token ends the whole login.' })
  refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this login: its access and refresh tokens stop working.' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }

  @Post('auth/password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Change one's own password; every other login of the user ends." })
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(actor, body.currentPassword, body.newPassword);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user, their role and organisation.' })
  async me(@CurrentActor() actor: Actor): Promise<MeDto> {
    const [row]: { display_name: string; name: string; jurisdiction_name: string }[] = await this.dataSource.query(
      `SELECT u.display_name, o.name, j.name AS jurisdiction_name
         FROM user_account u JOIN organisation o ON o.id = u.organisation_id JOIN jurisdiction j ON j.code = o.jurisdiction_code
        WHERE u.id = $1`,
      [actor.userId],
    );
    return {
      userId: actor.userId,
      username: actor.username,
      displayName: row.display_name,
      role: actor.role,
      organisation: {
        id: actor.organisationId,
        name: row.name,
        kind: actor.organisationKind,
        jurisdictionCode: actor.jurisdictionCode,
        jurisdictionName: row.jurisdiction_name,
      },
    };
  }
}
