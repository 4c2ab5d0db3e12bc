import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password!: string;
}

export class RefreshDto {
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken!: string;
}

export class ChangePasswordDto {
  @IsString()
  @MaxLength(128)
  currentPassword!: string;

  /** At least 10 characters mixing three of: lower-case, upper-case, digits, symbols. */
  @IsString()
  @MaxLength(128)
  newPassword!: string;
}

export class TokenPairDto {
  @ApiProperty()
  accessToken!: string;

  @ApiProperty({ description: 'Single use: each refresh returns a new one; using an old one again ends the login.' })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires.' })
  expiresIn!: number;
}

export class MeDto {
  userId!: string;
  username!: string;
  displayName!: string;
  role!: string;
  organisation!: { id: string; name: string; kind: string; jurisdictionCode: string; jurisdictionName: string };
}
