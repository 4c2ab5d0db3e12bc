import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SESSION_MODES, type SessionMode } from './refresh-cookie.js';

export class LoginDto {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password!: string;

  @ApiProperty({
    enum: SESSION_MODES,
    required: false,
    description:
      'body (default): the refresh token in the answer. cookie (browsers): in an httpOnly SameSite=Strict cookie sent to /auth/refresh only, and left out of the answer.',
  })
  @IsOptional()
  @IsIn(SESSION_MODES)
  session?: SessionMode;
}

export class RefreshDto {
  @ApiProperty({ required: false, description: 'The refresh token; required unless the request carries the refresh cookie (then it is left out).' })
  @IsOptional()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken?: string;

  @ApiProperty({ enum: SESSION_MODES, required: false, description: 'Where the new refresh token goes; a refresh by cookie always answers with the cookie.' })
  @IsOptional()
  @IsIn(SESSION_MODES)
  session?: SessionMode;
}

export class ChangePasswordDto {
  @IsString()
  @MaxLength(128)
  currentPassword!: string;

  /** At least 12 characters, not containing the username, not one of the 10,000 most common passwords nor a variant of one. Not the current one. */
  @IsString()
  @MaxLength(128)
  newPassword!: string;
}
