import { IsDateString, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsPlausibleDate, MAX_INT4 } from '#app/platform';

/** R17: what a follow-up visit found. */
export class VisitRecordDto {
  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  visitedOn!: string;

  /** How and where the person lives now. */
  @IsString()
  @MinLength(2)
  @MaxLength(5000)
  livingSituation!: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  schoolingEmployment?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  problems?: string;

  /** What was agreed with other departments to solve them (employment, living, rights). */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  actionsAgreed?: string;
}

export class VisitDto extends VisitRecordDto {
  /** Moves the next planned visit to this day. */
  @IsOptional()
  @IsDateString({ strict: true })
  @IsPlausibleDate()
  nextVisitOn?: string;
}

/** The corrected record of a visit, replacing what was recorded (what it said before stays on record). */
export class CorrectVisitDto extends VisitRecordDto {
  /** The file's version as the caller saw it (the plan's `version`); 409 STALE_VERSION when it changed meanwhile. */
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  expectedVersion!: number;

  /** Why the record was wrong. */
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;
}
