import { IsDateString, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsPlausibleDate, MAX_AMOUNT_YUAN } from '#app/platform';

export class NoteDto {
  @IsIn(['progress', 'visit'])
  kind!: 'progress' | 'visit';

  @IsString()
  @MinLength(2)
  @MaxLength(10000)
  text!: string;

  /** For a visit: when it took place. */
  @IsOptional()
  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  visitedOn?: string;
}

/** A note recorded by mistake is corrected by an addendum: what is right, and why; the note itself never changes. */
export class NoteCorrectionDto {
  /** The correct text (or what completes the note). */
  @IsString()
  @MinLength(2)
  @MaxLength(10000)
  text!: string;

  /** For a visit: the day it really took place, when the note had it wrong. */
  @IsOptional()
  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  visitedOn?: string;

  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;
}

export class DisabilityAssessmentDto {
  @IsIn(['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'])
  category!: 'visual' | 'hearing' | 'speech' | 'physical' | 'intellectual' | 'mental' | 'multiple';

  /** 残疾等级 1 (most severe) to 4, as reported. */
  @IsInt()
  @Min(1)
  @Max(4)
  grade!: number;

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  assessedOn!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  assessedBy!: string;
}

export class EnrolmentDto {
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  grade!: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  className?: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate()
  enrolledOn!: string;
}

export class ContributionDto {
  @IsIn(['organisation', 'individual'])
  sourceKind!: 'organisation' | 'individual';

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  sourceName!: string;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_AMOUNT_YUAN)
  amountYuan?: number;

  /** Services or goods given instead of money. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  inKind?: string;

  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  purpose!: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  receivedOn!: string;
}
