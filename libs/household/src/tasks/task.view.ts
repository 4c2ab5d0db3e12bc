import { ApiProperty } from '@nestjs/swagger';
import { IdName } from '#app/platform';
import { DisabledReason } from '#app/case';
import { TASK_STATUSES, type PeopleStep, type TaskStatus } from '../lifecycle/lifecycle.js';
import { PEOPLE_STEPS } from '../lifecycle/step-availability.js';
import { HOUSEHOLD_DOCUMENTS, SOCIAL_SECURITY_KINDS } from '../steps/steps.dto.js';

export class HouseholdApplicationView {
  preparedOn!: string;
  @ApiProperty({ enum: HOUSEHOLD_DOCUMENTS, isArray: true })
  documents!: (typeof HOUSEHOLD_DOCUMENTS)[number][];
  note!: string | null;
}

export class HouseholdRegistrationView {
  registeredOn!: string;
  /** Encrypted at rest; shown to those who see the task. */
  householdNumber!: string | null;
  /** For a child: the police reference of the DNA database check (C-3.7), never its data. */
  dnaDatabaseCheckReference!: string | null;
}

export class SocialSecurityEnrolmentView {
  @ApiProperty({ enum: SOCIAL_SECURITY_KINDS })
  kind!: (typeof SOCIAL_SECURITY_KINDS)[number];
  enrolledOn!: string;
  reference!: string | null;
}

/** A supervisor excused the registration: local resettlement may go ahead without it. */
export class HouseholdExceptionView {
  reason!: string;
  /** The supervisor's name. */
  by!: string;
  at!: Date;
}

/** A step people take (R11), for the reader: may they take it now, else why not — as the file's transitions are. */
export class HouseholdStepView {
  @ApiProperty({ enum: PEOPLE_STEPS })
  step!: PeopleStep;
  /** The step in words, Chinese and English. */
  label!: string;
  allowed!: boolean;
  /** Why not: the role, a closed file, or the order of the steps (what must come first, what the task already is). */
  reasons!: DisabledReason[];
  /**
   * By when: the application on the task's due day (day 90 of the stay by
   * default), the registration and social security HOUSEHOLD_STEP_DAYS after
   * the step before them; null until that step is done, and for the exception.
   */
  dueOn!: string | null;
}

/** R11: the file's household registration — the clock, the steps, social security, an exception. */
export class HouseholdTaskView {
  fileId!: string;
  fileReference!: string;
  @ApiProperty({ enum: TASK_STATUSES })
  status!: TaskStatus;
  /** The status in words, Chinese and English. */
  statusLabel!: string;
  clockStartedOn!: string;
  dueOn!: string;
  /** Days of the current stay so far, while the task is open. */
  daysInCare!: number | null;
  /** The public security unit that registers households for the file's place. */
  policeUnit!: IdName | null;
  application!: HouseholdApplicationView | null;
  registration!: HouseholdRegistrationView | null;
  socialSecurity!: SocialSecurityEnrolmentView[];
  exception!: HouseholdExceptionView | null;
  cancelledReason!: string | null;
  /** The people's steps in order: application, registration, social security, the exception. */
  steps!: HouseholdStepView[];
  /** C-3.7: the person may be a child, so the registration needs the police's DNA database check reference. */
  dnaDatabaseCheckRequired!: boolean;
}

/** A task on a to-do list, the oldest due first. */
export class HouseholdTaskListItem {
  fileId!: string;
  fileReference!: string;
  @ApiProperty({ enum: TASK_STATUSES })
  status!: TaskStatus;
  statusLabel!: string;
  clockStartedOn!: string;
  dueOn!: string;
  applicationPreparedOn!: string | null;
  /** Where the person stays. */
  institution!: string | null;
  sex!: 'female' | 'male' | 'unknown';
}
