import { ApiProperty, getSchemaPath } from '@nestjs/swagger';

/** An appended record: its id. */
export class RecordCreated {
  id!: string;
}

/** A record that replaces what was on record: the file's version after it (give it back for the next change). */
export class RecordReplaced {
  fileId!: string;
  version!: number;
}

export class InterviewRecorded {
  fileId!: string;
  recordedAt!: Date;
}

export class IdentityConfirmed {
  fileId!: string;
  identityStatus!: 'confirmed';
  version!: number;
}

export class GuardianUpdated {
  id!: string;
  fileId!: string;
  version!: number;
}

/** A record corrected or removed (R6, R23): which, and the file's version after the change. */
export class RecordChanged {
  id!: string;
  fileId!: string;
  version!: number;
}

export class AttendeeView {
  name!: string;
  role!: string;
  organisationId?: string;
  agency?: string;
}

export class InterpreterView {
  name!: string;
  language!: string;
  organisation?: string;
}

export class ConsentGivenView {
  given!: boolean;
  by!: 'person' | 'guardian';
}

/** R2: a correction or completion of the interview; the interview itself never changes. */
export class AddendumView {
  id!: string;
  section!: string;
  text!: string;
  reason!: string;
  recordedBy!: string;
  recordedAt!: Date;
}

/** R2: the one-stop interview as recorded, with its addenda; never shown to partners (R16). */
export class InterviewView {
  conductedAt!: Date;
  place!: string | null;
  language!: string;
  interpreter!: InterpreterView | null;
  attendees!: AttendeeView[];
  circumstances!: string;
  needs!: string[];
  needsNote!: string | null;
  risks!: string | null;
  wishes!: string | null;
  /** Consents given at the interview, by category (R16). */
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(ConsentGivenView) } })
  consents!: Record<string, ConsentGivenView>;
  recordedBy!: string;
  recordedAt!: Date;
  addenda!: AddendumView[];
}
