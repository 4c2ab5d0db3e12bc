import { ApiProperty } from '@nestjs/swagger';

/** A holiday's name in each language (元旦 / New Year's Day); a name loaded in one language only is the same in both. */
export class CalendarDayNameView {
  zh!: string;
  en!: string;
}

/** A day that breaks the weekend rule: a holiday on a weekday, or a 调休 working Saturday or Sunday. */
export class CalendarExceptionView {
  date!: string;
  isWorkday!: boolean;
  name!: CalendarDayNameView;
}

/** A year's working calendar: whether the official schedule is loaded, and its exceptions (a few dozen days at most). */
export class CalendarYearView {
  year!: number;
  /** false: the year counts weekends only until an administrator loads it. */
  loaded!: boolean;
  exceptions!: CalendarExceptionView[];
}

export class CalendarYearLoaded {
  year!: number;
  holidays!: number;
  workdays!: number;
}

/** A loaded year: where its schedule came from and when, and what it holds. */
export class CalendarLoadedYearView {
  year!: number;
  /** chinese-days: seeded with the application; administrator: loaded with PUT /calendar/{year} or calendar:load. */
  @ApiProperty({ enum: ['chinese-days', 'administrator'] })
  source!: 'chinese-days' | 'administrator';
  loadedAt!: Date;
  /** Holidays on weekdays (days off). */
  holidays!: number;
  /** 调休: working Saturdays and Sundays. */
  workdays!: number;
}

/** Which years are loaded, and whether this year or next (by the clock, in China) still count weekends only. */
export class CalendarStatusView {
  currentYear!: number;
  /** Of the current and the next year, those not loaded: /health/ready warns about them. */
  missing!: number[];
  years!: CalendarLoadedYearView[];
}
