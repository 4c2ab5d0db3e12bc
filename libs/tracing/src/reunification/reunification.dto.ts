import { IsDateString, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsPlausibleDate } from '#app/platform';

export const DUTY_NOTICE_METHODS = ['in_person', 'phone', 'letter', 'video'] as const;

/** R10: a private paternity test a family offered — recorded only to be refused. */
export class PaternityTestDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  offeredBy!: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate()
  offeredOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** R8: the relatives found were told of their duties of care. */
export class DutyNoticeDto {
  /** Who was told: 父亲李建国、母亲张某… */
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  relatives!: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  notifiedOn!: string;

  @IsIn(DUTY_NOTICE_METHODS)
  method!: (typeof DUTY_NOTICE_METHODS)[number];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
