import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../roles.js';

export class CreateUserDto {
  /** 3–64 lower-case letters, digits, ".", "_" or "-". */
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'username must be 3–64 lower-case letters, digits, ".", "_" or "-"' })
  username!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;

  @IsUUID()
  organisationId!: string;

  @IsIn(ROLES)
  role!: Role;

  /** At least 10 characters mixing three of: lower-case, upper-case, digits, symbols. */
  @IsString()
  @MaxLength(128)
  password!: string;
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
}

export class ResetPasswordDto {
  @IsString()
  @MaxLength(128)
  newPassword!: string;
}

export class ListUsersQuery {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  organisation: { id: string; name: string; kind: string; jurisdictionCode: string };
  createdAt: Date;
}
