import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_INT4, PageQuery } from '#app/platform';
import { ROLES, type Role } from '../roles.js';

export class CreateUserDto {
  /** 3–64 lower-case letters, digits, ".", "_" or "-". */
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: '用户名须为 3–64 个小写字母、数字或 . _ - / username must be 3–64 lower-case letters, digits, ".", "_" or "-"' })
  username!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;

  @IsUUID()
  organisationId!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsIn(ROLES)
  role!: Role;

  /** At least 12 characters, not containing the username, not one of the 10,000 most common passwords nor a variant of one. */
  @IsString()
  @MaxLength(128)
  password!: string;

  /** For the outgoing channel (NOTIFY_CHANNEL smtp); stored encrypted. null clears it. */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: '电子邮箱格式不正确 / email must be an email address' })
  email?: string | null;

  /** A mainland mobile number (11 digits, +86 optional), for the outgoing channel; stored encrypted. null clears it. */
  @IsOptional()
  @IsString()
  @Matches(/^(\+86)?1[3-9][0-9]{9}$/, { message: '手机号码格式不正确 / mobile must be a mainland mobile number (11 digits)' })
  mobile?: string | null;
}

export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;

  /** false ends every login of the user at once. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /**
   * A new role, which must fit the user's organisation's kind (422 ROLE_ORGANISATION_MISMATCH naming `role`); a user
   * still holding open files or reminders keeps a caseworker's or a supervisor's role until they are handed over
   * (409 USER_HOLDS_WORK). A change ends every login of the user.
   */
  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  /** For the outgoing channel (NOTIFY_CHANNEL smtp); stored encrypted. null clears it. */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: '电子邮箱格式不正确 / email must be an email address' })
  email?: string | null;

  /** A mainland mobile number (11 digits, +86 optional), for the outgoing channel; stored encrypted. null clears it. */
  @IsOptional()
  @IsString()
  @Matches(/^(\+86)?1[3-9][0-9]{9}$/, { message: '手机号码格式不正确 / mobile must be a mainland mobile number (11 digits)' })
  mobile?: string | null;

  /** The user's version as the caller saw it: 409 STALE_VERSION when someone changed the user meanwhile (optional). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  expectedVersion?: number;
}

export class ResetPasswordDto {
  /** At least 12 characters, not containing the username, not one of the 10,000 most common passwords nor a variant of one. The user must change it at their next sign-in. */
  @IsString()
  @MaxLength(128)
  newPassword!: string;
}

export class ListUsersQuery extends PageQuery {
  /** Part of a username or a display name. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class HandOverWorkDto {
  /** An active caseworker or supervisor of the same bureau, who takes the files, their visits and the open reminders. */
  @IsUUID()
  toUserId!: string;

  /** Why (e.g. 调岗 / moved to another post); kept in the audit record and each file's history. */
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}
