import { ApiProperty } from '@nestjs/swagger';
import { FILE_STATES, type FileState } from './states.js';

export class FileStateRef {
  id!: string;
  @ApiProperty({ enum: FILE_STATES })
  state!: FileState;
  /** The file's version now: give it back as `expectedVersion` for the next change. */
  version!: number;
}

/** The step was taken. */
export class AppliedTransition {
  outcome!: 'applied';
  file!: FileStateRef;
  event!: string;
  @ApiProperty({ enum: FILE_STATES })
  from!: FileState;
  @ApiProperty({ enum: FILE_STATES })
  to!: FileState;
}

export class ApprovalRef {
  id!: string;
  event!: string;
  status!: 'pending';
}

/** The step needs a supervisor's approval: it is filed, the file has not moved. */
export class RequestedTransition {
  outcome!: 'approval_requested';
  approval!: ApprovalRef;
  file!: FileStateRef;
}

/** Why a step may not be taken now: a code of the error catalogue and a message for people. */
export class DisabledReason {
  code!: string;
  message!: string;
}

export class AvailableTransition {
  event!: string;
  /** The step in words, Chinese and English. */
  label!: string;
  @ApiProperty({ enum: FILE_STATES })
  to!: FileState;
  needsApproval!: boolean;
  allowed!: boolean;
  reasons!: DisabledReason[];
}

/** The steps of the file's current state, each allowed or with the reasons it is not. */
export class AvailableTransitions {
  @ApiProperty({ enum: FILE_STATES })
  state!: FileState;
  version!: number;
  transitions!: AvailableTransition[];
}
