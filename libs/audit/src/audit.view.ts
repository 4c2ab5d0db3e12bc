import { ApiProperty } from '@nestjs/swagger';

/** Who acted, as the record kept them at the time (null for an unknown user's failed login). */
export class AuditActorView {
  userId!: string | null;
  username!: string | null;
  organisationId!: string | null;
  role!: string | null;
}

/** One record of the hash-chained audit record (R21, R22): who did what to which file, when, and whether it was allowed. */
export class AuditRecordView {
  id!: string;
  at!: Date;
  actor!: AuditActorView;
  /** e.g. file.read, followup.visit, access.denied. */
  action!: string;
  outcome!: 'allowed' | 'denied';
  entityType!: string | null;
  entityId!: string | null;
  fileIds!: string[];
  purpose!: string | null;
  requestId!: string | null;
  /** The facts of the action (the refusal's code, what changed …); person data the viewer may not see is replaced by `[已隐去 redacted]`. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  details!: Record<string, unknown>;
  /**
   * The paths in `details` whose text is withheld from this viewer (R22), e.g. `filters.q`: the record
   * shows that a search happened, its text only to the searcher's own organisation's supervisor.
   */
  @ApiProperty({ type: [String], example: ['filters.q'] })
  redacted!: string[];
}

/** A checkpoint asked for: the worker signs it from the queue `audit-checkpoints`. */
export class CheckpointRequestedView {
  /** The job of the queue `audit-checkpoints` that signs it (see /admin/queues). */
  jobId!: string;
  requestedAt!: Date;
}

/** The first link of a chain that does not hold. */
export class BrokenLinkView {
  chain!: string;
  seq!: number;
  /** '(missing)' when records were cut from the end. */
  recordId!: string;
  reason!: string;
}

/** The first signed checkpoint the record contradicts (or that is not genuine). */
export class CheckpointProblemView {
  /** 'table', or the checkpoint file's path and line. */
  source!: string;
  checkpointId!: string | null;
  signedAt!: string | null;
  chain?: string;
  seq?: number;
  reason!: string;
}

export class CheckpointVerificationView {
  /** Checkpoints whose signature and every head were checked. */
  checked!: number;
  /** Of those, how many the checkpoint files confirm. */
  confirmedByFiles!: number;
  latestSignedAt!: string | null;
  firstProblem?: CheckpointProblemView;
}

/** Who asked for a verification. */
export class VerificationRequesterView {
  id!: string;
  username!: string;
  displayName!: string;
}

export const VERIFICATION_STATUSES = ['queued', 'running', 'finished', 'failed'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/**
 * A verification of the audit record (as `npm run audit:verify` does: every
 * chain walked, then the signed checkpoints), run by the worker from the queue
 * `audit-verifications`: queued, running (with the records walked so far),
 * then finished with what it found, or failed (the job's reason).
 */
export class AuditVerificationView {
  id!: string;
  @ApiProperty({ enum: VERIFICATION_STATUSES, enumName: 'AuditVerificationStatus' })
  status!: VerificationStatus;
  requestedAt!: Date;
  requestedBy!: VerificationRequesterView;
  /** While running: the records walked so far; finished: all of them. */
  recordsWalked!: number | null;
  /** From the clock of the worker that ran it; null until it finished. */
  startedAt!: Date | null;
  finishedAt!: Date | null;
  /** Every chain links up and no checkpoint contradicts it; null until finished. */
  intact!: boolean | null;
  records!: number | null;
  chains!: number | null;
  /** The first link that does not hold. */
  firstBroken?: BrokenLinkView;
  /** Checked once every chain is intact: how many, and the first problem. */
  checkpoints?: CheckpointVerificationView;
  /** Why it failed (the worker's last attempt), when status is failed. */
  failure!: string | null;
}
