/**
 * Every domain event huijia has, with its payload type — the one file the
 * outbox writer and every subscriber take their types from. An event is a fact
 * another capability reacts to, written to the outbox in the transaction that
 * made it true; `subjectId` is what it is about (a file, a referral).
 */

/** The file's states, as the events carry them (the state machine's own type is libs/case's). */
type State = string;

export interface DomainEventMap {
  /** A file was opened at intake (R1). Subject: the file. */
  'file.opened': { intakeKind: 'police_handover' | 'institution_discovery' };
  /** The state machine moved a file. Subject: the file. */
  'file.state_changed': { event: string; from: State; to: State; version: number; approvalId: string | null };
  /** A step that needs a supervisor's approval was asked for. Subject: the file. */
  'file.approval_requested': { approvalId: string; event: string };
  /** A supervisor rejected a requested step. Subject: the file. */
  'file.approval_rejected': { approvalId: string; event: string };
  /** The requester withdrew their own pending request. Subject: the file. */
  'file.approval_withdrawn': { approvalId: string; event: string };
  /** A pending request was set aside: its data changed since it was asked for, it must be asked again (R6). Subject: the file. */
  'file.approval_stale': { approvalId: string; event: string };
  /** A transfer was asked for: it waits for the receiving bureau to accept or decline it. Subject: the file. */
  'file.transfer_requested': { transferId: string; fromOrganisationId: string; toOrganisationId: string };
  /** The receiving bureau took the file over. Subject: the file. */
  'file.transfer_accepted': { transferId: string; toOrganisationId: string };
  /** The receiving bureau declined a transfer. Subject: the file. */
  'file.transfer_declined': { transferId: string; toOrganisationId: string };
  /** Another caseworker of the bureau is now responsible. Subject: the file. */
  'file.caseworker_assigned': { caseworkerId: string; previousCaseworkerId: string | null };
  /** The person's identity was established (R10, R11). Subject: the file. */
  'file.identity_confirmed': { basis: string };
  /** A police unit was asked to compare DNA with a candidate's family (R9). Subject: the file. */
  'tracing.dna_requested': { comparisonId: string; policeOrganisationId: string };
  /** The police reported a DNA comparison's outcome (R9, R10). Subject: the file. */
  'tracing.dna_outcome': { comparisonId: string; outcome: 'match' | 'no_match' | 'inconclusive' };
  /** A referral moved (R12–R16, R18, R19). Subject: the referral. */
  'referral.sent': ReferralFacts;
  'referral.accepted': ReferralFacts;
  'referral.declined': ReferralFacts;
  'referral.in_progress': ReferralFacts;
  'referral.completed': ReferralFacts;
  'referral.withdrawn': ReferralFacts;
  /** R20: a bureau's report or an office's summary was submitted to the office that receives it. Subject: the report. */
  'statistics.report_submitted': StatisticsReportFacts;
  /** R20: the receiving office returned a report for correction or accepted it. Subject: the report. */
  'statistics.report_reviewed': StatisticsReportFacts & { decision: 'returned' | 'accepted'; submittedBy: string };
  /** A probe through the outbox and the worker (the outbox's tests and bench/outbox); no capability subscribes. */
  'platform.probe': { marker: string };
}

export interface ReferralFacts {
  fileId: string;
  kind: string;
}

export interface StatisticsReportFacts {
  reportId: string;
  kind: 'bureau' | 'summary';
  year: number;
  version: number;
  /** The jurisdiction whose year it is. */
  jurisdictionCode: string;
}

export type DomainEventType = keyof DomainEventMap;

export const DOMAIN_EVENT_TYPES = [
  'file.opened',
  'file.state_changed',
  'file.approval_requested',
  'file.approval_rejected',
  'file.approval_withdrawn',
  'file.approval_stale',
  'file.transfer_requested',
  'file.transfer_accepted',
  'file.transfer_declined',
  'file.caseworker_assigned',
  'file.identity_confirmed',
  'tracing.dna_requested',
  'tracing.dna_outcome',
  'referral.sent',
  'referral.accepted',
  'referral.declined',
  'referral.in_progress',
  'referral.completed',
  'referral.withdrawn',
  'statistics.report_submitted',
  'statistics.report_reviewed',
  'platform.probe',
] as const satisfies readonly DomainEventType[];

/** What a producer writes: the type, what it is about, and its payload. */
export interface DomainEventInput<K extends DomainEventType = DomainEventType> {
  type: K;
  subjectId: string;
  data: DomainEventMap[K];
}

/** What a subscriber receives. */
export interface TypedDomainEvent<K extends DomainEventType = DomainEventType> {
  type: K;
  subjectId: string;
  data: DomainEventMap[K];
  occurredAt: string;
  requestId?: string;
  /** The outbox row's id: stable across retries, for handlers to stay idempotent. */
  eventId: string;
}
