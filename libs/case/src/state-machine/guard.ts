import type { EntityManager } from 'typeorm';
import type { Actor } from '#app/access';
import type { ErrorDefinition } from '#app/platform';
import type { KernelFile } from '../kernel/file-gateway.js';

/**
 * Facts the built-in guards need, as SQL over the locked file `f`: all are read
 * in the one query that locks the file, so guards cost no round trip of their
 * own (bench/transitions). `today()` gives the placeholder of the clock's date.
 */
export const FILE_CHECKS = {
  interview_recorded: () => 'EXISTS (SELECT 1 FROM interview WHERE file_id = f.id)',
  guardian_on_record: (today: () => string) => `EXISTS (SELECT 1 FROM guardian WHERE file_id = f.id AND removed_at IS NULL AND (until IS NULL OR until >= ${today()}))`,
  return_home_recorded: () => 'EXISTS (SELECT 1 FROM return_home WHERE file_id = f.id)',
  repatriation_handed_over: () => 'EXISTS (SELECT 1 FROM repatriation WHERE file_id = f.id AND handed_over_at IS NOT NULL)',
  transfer_awaiting: () => `EXISTS (SELECT 1 FROM file_transfer WHERE file_id = f.id AND status = 'awaiting_acceptance')`,
  // Facts of the records other capabilities keep (tracing: R8–R10; household: R11); their rules are this table's.
  traced: () => `EXISTS (SELECT 1 FROM file_history WHERE file_id = f.id AND to_state = 'tracing')`,
  police_reported_match: () => `EXISTS (SELECT 1 FROM dna_comparison WHERE file_id = f.id AND outcome = 'match')`,
  duty_notice_recorded: () => 'EXISTS (SELECT 1 FROM duty_of_care_notice WHERE file_id = f.id)',
  household_registered: () => `EXISTS (SELECT 1 FROM household_registration WHERE file_id = f.id AND (status = 'registered' OR exception_at IS NOT NULL))`,
} as const satisfies Record<string, (today: () => string) => string>;
export type FileCheck = keyof typeof FILE_CHECKS;

/** The file as the state machine reads it, locked through the kernel for the transition, with the facts its guards need. */
export interface FileFacts extends KernelFile {
  /** Facts about the file's records, read in the same query that locks it (see FILE_CHECKS); those no guard needs are absent. */
  checks: Partial<Record<FileCheck, boolean>>;
}

export interface TransitionContext<P = Record<string, unknown>> {
  manager: EntityManager;
  file: FileFacts;
  actor: Actor;
  payload: P;
  /** The clock's time, once for the whole transition. */
  now: Date;
  /** Today in China (Asia/Shanghai), YYYY-MM-DD, from the same clock. */
  today: string;
}

/** A refusal: an error of the catalogue (code, status, message for people) and the facts behind it. */
export interface GuardRefusal {
  error: ErrorDefinition;
  details?: Record<string, unknown>;
}

/** Returns undefined when the transition may go ahead. Never throws for a refusal. */
export interface Guard {
  name: string;
  /** The FILE_CHECKS it reads from `file.checks`; only those are computed when the file is locked. */
  needs?: readonly FileCheck[];
  check(context: TransitionContext): Promise<GuardRefusal | undefined>;
}
