import { ApiProperty } from '@nestjs/swagger';
import { FILE_STATES, type FileState } from '../state-machine/states.js';

/** R5, R6: the return home a reunification is bound to — to whom, where, how — without contact details. */
export class BoundReturnHomeView {
  recipientName!: string;
  relation!: string;
  /** The recipient's ID number was checked against the identity card or the household register. */
  recipientIdNumberVerified!: boolean;
  address!: string;
  placeCode!: string;
  placeName!: string;
  plannedOn!: string | null;
  travelArrangements!: string | null;
  escortedBy!: string | null;
}

/** R23: a guardian a step is bound to, without contact details. */
export class BoundGuardianView {
  kind!: 'parent' | 'relative' | 'institution' | 'civil_affairs' | 'other';
  name!: string;
  relation!: string | null;
  idNumberVerified!: boolean;
  since!: string;
  until!: string | null;
}

/** A step asked for, awaiting a supervisor's approval (or its history). */
export class ApprovalView {
  id!: string;
  fileId!: string;
  fileReference!: string;
  event!: string;
  /** The step's name from the state machine's table, `中文 / English` (one source for every client). */
  label!: string;
  /** The step's payload as requested (see the transition's payload schema). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload!: Record<string, unknown>;
  @ApiProperty({ enum: FILE_STATES })
  requestedInState!: FileState;
  requestedAt!: Date;
  requestedBy!: string;
  /** The caller asked for it: they may withdraw it, not approve it. */
  ownRequest!: boolean;
  status!: 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'stale';
  /**
   * The records the step is bound to (R5, R6, R23), as they stand — what the
   * supervisor approves: changed before the decision, the request is set
   * aside. Null when the step is not bound to them.
   */
  returnHome!: BoundReturnHomeView | null;
  guardians!: BoundGuardianView[] | null;
}

/** A request rejected by a supervisor, or withdrawn by whoever asked. */
export class ApprovalClosed {
  outcome!: 'rejected' | 'withdrawn';
  approvalId!: string;
}

/** A file another jurisdiction transfers to the caller's bureau: the person's name, sex and age only until accepted. */
export class TransferView {
  id!: string;
  fileId!: string;
  fileReference!: string;
  reason!: string;
  requestedAt!: Date;
  fromOrganisation!: string;
  toOrganisation!: string;
  personName!: string | null;
  personSex!: 'female' | 'male' | 'unknown';
}

export class TransferDecision {
  transferId!: string;
  status!: 'accepted' | 'declined';
}

/** Who is responsible for the file now. */
export class CaseworkerAssigned {
  fileId!: string;
  caseworkerId!: string;
  /** The file's version after the change. */
  version!: number;
}
