import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '#app/platform';

export class RequestEmergencyAccessDto {
  /** Why this file must be opened now, for the review by the next level. */
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  reason!: string;
}

export class ReviewEmergencyAccessDto {
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  note!: string;
}

export class ListEmergencyAccessQuery extends PageQuery {
  /** unreviewed (default) or all. */
  @IsOptional()
  @IsIn(['unreviewed', 'all'])
  status?: 'unreviewed' | 'all';
}
