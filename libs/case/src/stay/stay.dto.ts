import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsPlausibleDate } from '#app/platform';

/** Why a stay ended: the way out the file took, or the institution's own account. */
export const DEPARTURE_REASONS = ['reunified', 'resettled', 'repatriated', 'transferred', 'left_without_notice', 'other'] as const;
export type DepartureReason = (typeof DEPARTURE_REASONS)[number];

/** The person arrived at the institution: when, and where they sleep. Recorded once per stay. */
export class ArrivalDto {
  @IsISO8601({ strict: true })
  @IsPlausibleDate({ past: true })
  arrivedAt!: string;

  /** The room or bed, e.g. 3楼 302室. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  room?: string;

  /** The unit, e.g. 女童区, 未成年人保护区. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  unit?: string;
}

/** A daily care note. Never edited: a correction is a new note naming the one it corrects. */
export class CareNoteDto {
  @IsString()
  @MinLength(2)
  @MaxLength(4000)
  text!: string;

  /** When the care it tells of happened (default: now, by the server's clock). */
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsPlausibleDate({ past: true })
  notedAt?: string;

  /** The note this one corrects (of the same stay). */
  @IsOptional()
  @IsUUID()
  correctsNoteId?: string;
}

/** The person leaves the institution for a while (a visit, a hospital stay, school). */
export class LeaveDto {
  @IsISO8601({ strict: true })
  @IsPlausibleDate({ past: true })
  leftAt!: string;

  /** When the person is expected back; past it without a return, the leave is overdue. */
  @IsISO8601({ strict: true })
  @IsPlausibleDate()
  expectedBackAt!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason!: string;
}

export class ReturnDto {
  @IsISO8601({ strict: true })
  @IsPlausibleDate({ past: true })
  returnedAt!: string;
}

/** The person left the institution for good. */
export class DepartureDto {
  @IsISO8601({ strict: true })
  @IsPlausibleDate({ past: true })
  departedAt!: string;

  @ApiProperty({ enum: DEPARTURE_REASONS })
  @IsIn(DEPARTURE_REASONS)
  reason!: DepartureReason;

  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  note?: string;
}
