import { Injectable } from '@nestjs/common';

const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The time, as services ask for it where a deadline is computed from "today"
 * (a referral's accept-by in working days). Tests replace it to stand on a
 * given day, such as the eve of National Day.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** Today in China (Asia/Shanghai), YYYY-MM-DD. */
  today(): string {
    return CHINA_DATE.format(this.now());
  }
}
