import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery, MAX_INT4 } from '#app/platform';

export class ApprovalsQuery extends PageQuery {}

export class TransfersQuery extends PageQuery {}

export class AssignCaseworkerDto {
  /** An active caseworker or supervisor of the bureau responsible for the file (a caseworker may take a file themselves). */
  @IsUUID()
  caseworkerId!: string;

  /** The file's version as the caller saw it (409 STALE_VERSION when it changed meanwhile). */
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  expectedVersion!: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class WithdrawRequestDto {
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason?: string;
}
