import type { EntityManager } from 'typeorm';

/**
 * One entry of the audit record (R21, R22): who did what to which file, why,
 * and how it ended. The actor and the request id come from the request
 * context unless given.
 */
export interface AuditEntry {
  /** `<thing>.<verb>`, e.g. `file.read`, `auth.login`, `access.denied`. */
  action: string;
  outcome: 'allowed' | 'denied' | 'failed';
  entityType?: string;
  entityId?: string;
  /** The files (people) whose data the action touched, for "who looked at this child's file?". */
  fileIds?: string[];
  purpose?: string;
  details?: Record<string, unknown>;
  /** For what the system does on its own (an escalation): the jurisdiction it concerns, which decides the chain. */
  jurisdictionCode?: string;
}

/**
 * Where audit entries go. Implemented by libs/audit; declared here so that any
 * lib can record without depending on the audit lib (which itself depends on
 * libs/access for its read API).
 */
export interface AuditSink {
  /** Appends in `manager`'s transaction when given (writes), in its own otherwise (reads, denials). */
  record(entry: AuditEntry, manager?: EntityManager): Promise<void>;
}

export const AUDIT_SINK = Symbol('AUDIT_SINK');
