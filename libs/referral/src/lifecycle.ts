import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, DOMAIN_EVENT_TYPES, Outbox, type DomainEventType } from '#app/platform';
import type { Actor } from '#app/access';
import { ReferralErrors } from './errors.js';
import type { ReferralKind } from './kinds.js';

export const REFERRAL_STATES = ['draft', 'sent', 'accepted', 'declined', 'in_progress', 'completed', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATES)[number];

export const INITIAL_REFERRAL_STATE: ReferralStatus = 'draft';
export const FINAL_REFERRAL_STATES: readonly ReferralStatus[] = ['declined', 'completed', 'withdrawn'];

/** While the partner works the referral it sees the person (R16); afterwards only its own records of it. */
export const OPEN_STATES: readonly ReferralStatus[] = ['sent', 'accepted', 'in_progress'];

/** The states in which the partner records notes, assessments, enrolments and support. */
export const WORKING_STATES: readonly ReferralStatus[] = ['accepted', 'in_progress'];

export const REFERRAL_STATE_LABELS: Record<ReferralStatus, string> = {
  draft: '草稿 / draft',
  sent: '已发送 / sent',
  accepted: '已接收 / accepted',
  declined: '已拒绝 / declined',
  in_progress: '办理中 / in progress',
  completed: '已完成 / completed',
  withdrawn: '已撤回 / withdrawn',
};

/** Who fires an event: the bureau that keeps the file, or the partner the referral was sent to. */
export type ReferralSide = 'referrer' | 'partner';

/** The event each move emits, one per state reached (see DomainEventMap). */
export type ReferralEventType = `referral.${Exclude<ReferralStatus, 'draft'>}`;
/** Every referral event is a domain event of the typed map: a compile error otherwise. */
export type ReferralEventsAreDomainEvents = IsTrue<ReferralEventType extends DomainEventType ? true : false>;
type IsTrue<T extends true> = T;

export const REFERRAL_EVENTS = ['send', 'withdraw', 'accept', 'decline', 'start', 'complete'] as const;
export type ReferralEvent = (typeof REFERRAL_EVENTS)[number];

export interface ReferralTransition {
  event: ReferralEvent;
  label: string;
  from: readonly ReferralStatus[];
  to: Exclude<ReferralStatus, 'draft'>;
  side: ReferralSide;
  emits: ReferralEventType;
  /** The move ends the referral's deadlines and the partner's grant on the file. */
  closes: boolean;
}

/**
 * THE referral lifecycle: draft → sent → accepted | declined → in_progress →
 * completed | withdrawn. The only table of how a referral moves, which side
 * may move it and what each move emits; validated at boot (ReferralLifecycle).
 */
export const REFERRAL_TRANSITIONS: readonly ReferralTransition[] = [
  { event: 'send', label: '发送转介 / send the referral', from: ['draft'], to: 'sent', side: 'referrer', emits: 'referral.sent', closes: false },
  {
    event: 'withdraw',
    label: '撤回转介 / withdraw the referral',
    from: ['draft', 'sent', 'accepted', 'in_progress'],
    to: 'withdrawn',
    side: 'referrer',
    emits: 'referral.withdrawn',
    closes: true,
  },
  { event: 'accept', label: '接收转介 / accept the referral', from: ['sent'], to: 'accepted', side: 'partner', emits: 'referral.accepted', closes: false },
  { event: 'decline', label: '拒绝转介 / decline the referral', from: ['sent'], to: 'declined', side: 'partner', emits: 'referral.declined', closes: true },
  { event: 'start', label: '开始办理 / start the work', from: ['accepted'], to: 'in_progress', side: 'partner', emits: 'referral.in_progress', closes: false },
  { event: 'complete', label: '办结并记录结果 / complete with the outcome', from: ['in_progress'], to: 'completed', side: 'partner', emits: 'referral.completed', closes: true },
];

/**
 * The checks the table must pass at boot: each event once, every state
 * reachable from draft, every state but the final ones has a way out and the
 * final ones none, each move emits the event of the state it reaches (a type
 * of the domain event map), and only the partner answers a sent referral.
 */
export function validateLifecycle(transitions: readonly ReferralTransition[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const exits = new Map<ReferralStatus, ReferralTransition[]>();
  for (const transition of transitions) {
    if (seen.has(transition.event)) problems.push(`event ${transition.event} is defined twice`);
    seen.add(transition.event);
    if (transition.from.length === 0) problems.push(`event ${transition.event} leaves from no state`);
    if (transition.emits !== `referral.${transition.to}`) problems.push(`event ${transition.event} emits ${transition.emits}, not referral.${transition.to}`);
    if (!(DOMAIN_EVENT_TYPES as readonly string[]).includes(transition.emits)) problems.push(`event ${transition.event} emits ${transition.emits}, not a domain event`);
    if (transition.closes !== FINAL_REFERRAL_STATES.includes(transition.to)) problems.push(`event ${transition.event} must close exactly when it ends the referral`);
    for (const from of transition.from) exits.set(from, [...(exits.get(from) ?? []), transition]);
  }
  const reachable = new Set<ReferralStatus>([INITIAL_REFERRAL_STATE]);
  const queue: ReferralStatus[] = [INITIAL_REFERRAL_STATE];
  while (queue.length > 0) {
    const state = queue.shift()!;
    for (const transition of exits.get(state) ?? []) {
      if (!reachable.has(transition.to)) {
        reachable.add(transition.to);
        queue.push(transition.to);
      }
    }
  }
  for (const state of REFERRAL_STATES) {
    if (!reachable.has(state)) problems.push(`state ${state} cannot be reached from ${INITIAL_REFERRAL_STATE}`);
    const leaving = (exits.get(state) ?? []).filter((transition) => transition.to !== state);
    if (FINAL_REFERRAL_STATES.includes(state)) {
      if ((exits.get(state) ?? []).length > 0) problems.push(`final state ${state} has exits`);
    } else if (leaving.length === 0) {
      problems.push(`state ${state} has no way out`);
    }
  }
  for (const transition of exits.get('sent') ?? []) {
    if (transition.to !== 'withdrawn' && transition.side !== 'partner') problems.push(`only the partner answers a sent referral, not the ${transition.side} (${transition.event})`);
  }
  return problems;
}

/** The referral as a move needs it. */
export interface MovingReferral {
  id: string;
  file_id: string;
  kind: ReferralKind;
  status: ReferralStatus;
}

/**
 * The one runner of the referral lifecycle: checks the side and the state,
 * moves the status and its version, writes the history row and emits the
 * typed domain event, in the caller's transaction.
 */
@Injectable()
export class ReferralLifecycle implements OnModuleInit {
  constructor(private readonly outbox: Outbox) {}

  onModuleInit(): void {
    const problems = validateLifecycle(REFERRAL_TRANSITIONS);
    if (problems.length > 0) throw new Error(`the referral lifecycle is invalid: ${problems.join('; ')}`);
  }

  transition(event: ReferralEvent): ReferralTransition {
    return REFERRAL_TRANSITIONS.find((transition) => transition.event === event)!;
  }

  /** Whether `event` may be fired from `status` (no side effects). */
  allows(event: ReferralEvent, status: ReferralStatus): boolean {
    return this.transition(event).from.includes(status);
  }

  async fire(manager: EntityManager, actor: Actor, side: ReferralSide, referral: MovingReferral, event: ReferralEvent, at: Date, note?: string): Promise<ReferralTransition> {
    const transition = this.transition(event);
    if (transition.side !== side) throw new Error(`the ${side} may not fire ${event}: the lifecycle gives it to the ${transition.side}`);
    if (!transition.from.includes(referral.status)) throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { event, status: referral.status } });
    await manager.query('UPDATE referral SET status = $2, version = version + 1, updated_at = $3 WHERE id = $1', [referral.id, transition.to, at]);
    await manager.query('INSERT INTO referral_history (referral_id, event, from_status, to_status, actor_user_id, note, at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      referral.id,
      event,
      referral.status,
      transition.to,
      actor.userId,
      note ?? null,
      at,
    ]);
    await this.outbox.emit(manager, { type: transition.emits, subjectId: referral.id, data: { fileId: referral.file_id, kind: referral.kind } });
    referral.status = transition.to;
    return transition;
  }
}
