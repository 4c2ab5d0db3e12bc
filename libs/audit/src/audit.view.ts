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
