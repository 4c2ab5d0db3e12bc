import { ApiProperty } from '@nestjs/swagger';
import { AgeRange } from '#app/platform';
import { FILE_STATES, type FileState } from '#app/case';
import { REMINDER_KINDS, type ReminderKind } from '../reminders/reminders.service.js';

/** The next thing due on a file: a follow-up visit (R17), a referral's deadline (R18), the household registration's day (R11), an age milestone. */
export class NextDueView {
  @ApiProperty({ enum: REMINDER_KINDS })
  kind!: ReminderKind;
  /** The day it is due, in China (YYYY-MM-DD). */
  dueOn!: string;
  dueAt!: Date;
  /** What is due, Chinese and English (`中文 / English`). */
  title!: string;
  /** Its day has passed (by the server's clock, in China) and it is still open. */
  overdue!: boolean;
}

/** A file one is the responsible caseworker of, with the next thing due on it. */
export class MyFileView {
  id!: string;
  reference!: string;
  @ApiProperty({ enum: FILE_STATES })
  state!: FileState;
  name!: string | null;
  age!: AgeRange | null;
  /** Nothing open on the file: null. */
  nextDue!: NextDueView | null;
}
