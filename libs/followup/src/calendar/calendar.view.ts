/** A day that breaks the weekend rule: a holiday on a weekday, or a 调休 working Saturday or Sunday. */
export class CalendarExceptionView {
  date!: string;
  isWorkday!: boolean;
  name!: string;
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
