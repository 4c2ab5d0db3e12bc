/**
 * Every queue huijia has, with its typed payload and its validator — the one
 * file producers and processors import from. The worker refuses to boot when a
 * queue declared here has no processor; a payload that fails its validator is
 * refused by the producer and, if it got into Redis some other way, moved to
 * the failed set by the worker with the reason.
 */
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { defineQueue, type QueueDefinition } from './queue-definition.js';

/**
 * A fact another capability reacts to ("file.state_changed", "referral.sent"),
 * written to the outbox in the transaction that made it true.
 */
export class DomainEventPayload {
  /** `<capability>.<fact>` in snake_case, e.g. `file.state_changed`. */
  @Matches(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, { message: 'must look like capability.fact_in_snake_case' })
  @MaxLength(100)
  type!: string;

  /** The id of the thing the event is about (a file, a referral…). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectId?: string;

  @IsObject()
  data!: Record<string, unknown>;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  /** The HTTP request that caused it, to follow one action through the logs. */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  requestId?: string;
}

/** Reminders whose due time has come (or is coming, as a delayed job): deliver them to the inbox. */
export class ReminderDuePayload {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  reminderIds!: string[];
}

/** A reminder still unacknowledged after its grace: tell the next step of the ladder. */
export class EscalationPayload {
  @IsUUID()
  reminderId!: string;

  /** The step of the ladder being reached (1 = the first step after the assignee). */
  @IsInt()
  @Min(1)
  @Max(10)
  level!: number;
}

/** A notification to send through the outgoing channel (webhook, email), once it is in the inbox. */
export class OutgoingNotificationPayload {
  @IsUUID()
  notificationId!: string;
}

/** Find match candidates for a file, or for a tracing request (R8), when either side changed. */
export class TracingMatchPayload {
  @IsOptional()
  @IsUUID()
  fileId?: string;

  @IsOptional()
  @IsUUID()
  requestId?: string;
}

/** Sign a checkpoint of every audit chain head now (issue 12 §2): on the worker's schedule, or asked for by an administrator. */
export class AuditCheckpointPayload {
  @IsIn(['schedule', 'request'])
  reason!: 'schedule' | 'request';

  /** The administrator who asked for it (POST /audit/checkpoints). */
  @IsOptional()
  @IsUUID()
  requestedBy?: string;

  /** The HTTP request that asked for it. */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  requestId?: string;
}

/** Verify the audit record (issue 14): walk every chain, then check the signed checkpoints; the result goes to audit_verification_result. */
export class AuditVerificationPayload {
  /** The row of audit_verification the administrator's request made (also the job's id). */
  @IsUUID()
  verificationId!: string;

  /** The administrator who asked for it (POST /audit/verification). */
  @IsUUID()
  requestedBy!: string;

  /** The HTTP request that asked for it. */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  requestId?: string;
}

export const QUEUES = {
  domainEvents: defineQueue({
    name: 'domain-events',
    description: 'Domain events from the outbox, dispatched to the handlers each capability subscribes',
    payload: DomainEventPayload,
  }),
  reminders: defineQueue({
    name: 'reminders',
    description: 'Reminders coming due, moved from PostgreSQL into Redis shortly before as delayed jobs (a batch per quarter second); delivered to the inbox once',
    payload: ReminderDuePayload,
    jobOptions: { attempts: 12, backoff: { type: 'exponential', delay: 500 } },
  }),
  escalations: defineQueue({
    name: 'escalations',
    description: 'Unacknowledged reminders going one step up the escalation ladder',
    payload: EscalationPayload,
    jobOptions: { attempts: 12, backoff: { type: 'exponential', delay: 500 } },
  }),
  tracingMatch: defineQueue({
    name: 'tracing-match',
    description: 'Family tracing: match unidentified people in care with open tracing requests when either side changes',
    payload: TracingMatchPayload,
  }),
  outgoingNotifications: defineQueue({
    name: 'outgoing-notifications',
    description: 'Notifications sent through the configured outgoing channel (webhook or email)',
    payload: OutgoingNotificationPayload,
  }),
  auditCheckpoints: defineQueue({
    name: 'audit-checkpoints',
    description: 'Audit checkpoints: every AUDIT_CHECKPOINT_INTERVAL_SECONDS (a job scheduler) and on request, the worker signs every audit chain head with AUDIT_SIGNING_KEY',
    payload: AuditCheckpointPayload,
    jobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { count: 1000 } },
  }),
  auditVerifications: defineQueue({
    name: 'audit-verifications',
    description:
      "Audit verifications asked for by administrators (POST /audit/verification): the worker walks every chain and checks the signed checkpoints, reporting the records walked as the job's progress, and stores the result once",
    payload: AuditVerificationPayload,
    jobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } },
  }),
} as const satisfies Record<string, QueueDefinition<object>>;

export type QueueKey = keyof typeof QUEUES;
export const ALL_QUEUES: readonly QueueDefinition<object>[] = Object.values(QUEUES);

export function queueByName(name: string): QueueDefinition<object> | undefined {
  return ALL_QUEUES.find((queue) => queue.name === name);
}
