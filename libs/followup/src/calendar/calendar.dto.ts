import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsPlausibleDate } from '#app/platform';

export class CalendarDay {
  @IsDateString({ strict: true })
  @IsPlausibleDate()
  date!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;
}

export class CalendarYearDto {
  /** Public holidays (days off), as the State Council publishes them. */
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => CalendarDay)
  holidays!: CalendarDay[];

  /** 调休: the Saturdays and Sundays that are working days. */
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CalendarDay)
  workdays!: CalendarDay[];
}
