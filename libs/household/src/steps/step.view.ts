import { ApiProperty } from '@nestjs/swagger';
import { SOCIAL_SECURITY_KINDS } from './steps.dto.js';

/** Step 1 done: the police unit is reminded to register by `registrationDueOn`. */
export class ApplicationPrepared {
  fileId!: string;
  status!: 'application_prepared';
  registrationDueOn!: string;
}

/** Step 2 done: the bureau is reminded to arrange social security by `socialSecurityDueOn`. */
export class RegistrationRecorded {
  fileId!: string;
  status!: 'registered';
  socialSecurityDueOn!: string;
}

/** Step 3: one enrolment in social security. */
export class SocialSecurityEnrolled {
  id!: string;
  fileId!: string;
  @ApiProperty({ enum: SOCIAL_SECURITY_KINDS })
  kind!: (typeof SOCIAL_SECURITY_KINDS)[number];
  enrolledOn!: string;
}

export class ExceptionReason {
  reason!: string;
}

/** The registration excused by a supervisor, with the reason. */
export class ExceptionGranted {
  fileId!: string;
  exception!: ExceptionReason;
}
