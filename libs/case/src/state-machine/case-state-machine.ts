import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, flattenValidationErrors, Outbox, PlatformErrors, type AuditSink, type DomainEventInput } from '#app/platform';
import type { Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { FileGateway } from '../kernel/file-gateway.js';
import { boundDigest, changedSince, setAsideStale, type BoundDigest } from './approval-binding.js';
import { EFFECTS } from './effects.js';
import { FILE_CHECKS, type FileCheck, type FileFacts, type GuardRefusal, type TransitionContext } from './guard.js';
import { INITIAL_STATE, type FileState } from './states.js';
import { TRANSITIONS, type TransitionDefinition } from './transitions.js';
import type { AppliedTransition, AvailableTransitions, RequestedTransition } from './transition.view.js';
import { validateStateMachine } from './validation.js';

export interface OpenFileInput {
  reference: string;
  personId: string;
  intakeKind: 'police_handover' | 'institution_discovery';
  placeCode: string;
  responsibleJurisdictionCode: string;
  responsibleOrganisationId: string;
  responsibleCaseworkerId: string | null;
  currentInstitutionId: string | null;
}

class GuardRefused extends Error {
  constructor(readonly refusal: GuardRefusal) {
    super(refusal.error.message);
  }
}

/** Errors a transition answers with that are on record as a denied attempt (after the rollback). */
const AUDITED_STATUSES = [403, 404, 409];

/**
 * The one runner of the victim file's state machine: the only code that sets
 * a file's state. In one transaction it locks the file through the kernel (in
 * the actor's scope), checks the expected version (stale → 409), finds the
 * transition, checks the role, validates the payload, runs the guards the
 * table declares (each refusal an error of the catalogue), then either files
 * the request for a supervisor's approval or applies the effects, moves the
 * state, writes the history row, the outbox event and — last, as the audit
 * chain's head stays locked until commit — the audit record.
 */
@Injectable()
export class CaseStateMachine implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly outbox: Outbox,
    private readonly gateway: FileGateway,
  ) {}

  onModuleInit(): void {
    const problems = validateStateMachine(TRANSITIONS);
    if (problems.length > 0) throw new Error(`the victim file's state machine is invalid: ${problems.join('; ')}`);
  }

  /** Opens a file in the initial state (intake, R1), with its first history row. */
  async open(manager: EntityManager, input: OpenFileInput, actor: Actor): Promise<{ id: string; reference: string }> {
    const { now } = this.gateway.time();
    const [file]: { id: string }[] = await manager.query(
      `INSERT INTO victim_file (reference, state, person_id, intake_kind, place_code, responsible_jurisdiction_code, responsible_organisation_id,
                                responsible_caseworker_id, current_institution_id, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        input.reference,
        INITIAL_STATE,
        input.personId,
        input.intakeKind,
        input.placeCode,
        input.responsibleJurisdictionCode,
        input.responsibleOrganisationId,
        input.responsibleCaseworkerId,
        input.currentInstitutionId,
        now,
      ],
    );
    await manager.query(`INSERT INTO file_history (file_id, event, from_state, to_state, actor_user_id, at) VALUES ($1, 'open', NULL, $2, $3, $4)`, [
      file.id,
      INITIAL_STATE,
      actor.userId,
      now,
    ]);
    await this.outbox.emit(manager, { type: 'file.opened', subjectId: file.id, data: { intakeKind: input.intakeKind } });
    return { id: file.id, reference: input.reference };
  }

  /** Fires an event as `actor`, expecting the file at `expectedVersion`. */
  async fire(actor: Actor, fileId: string, event: string, expectedVersion: number, rawPayload: unknown): Promise<AppliedTransition | RequestedTransition> {
    const candidates = TRANSITIONS.filter((transition) => transition.event === event);
    if (candidates.length === 0) {
      throw AppError.field(CaseErrors.UNKNOWN_EVENT, 'event', `未知的操作 ${event} / unknown event ${event}; one of ${[...new Set(TRANSITIONS.map((t) => t.event))].join(', ')}`);
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        const file = await this.lock(manager, actor, fileId, checksFor(candidates));
        if (file.version !== expectedVersion) throw new AppError(CaseErrors.STALE_VERSION, { details: { expectedVersion, currentVersion: file.version } });
        const transition = candidates.find((candidate) => candidate.from.includes(file.state));
        if (!transition) throw new AppError(CaseErrors.TRANSITION_NOT_ALLOWED, { details: { event, state: file.state } });
        if (!transition.roles.includes(actor.role)) throw new AppError(CaseErrors.ROLE_MAY_NOT_FIRE, { details: { event, role: actor.role } });
        const payload = this.validatePayload(transition, rawPayload);
        const context: TransitionContext = { manager, file, actor, payload, ...this.gateway.time() };
        await this.runGuards(transition, context);
        if (transition.approval) return this.request(context, transition);
        return this.apply(context, transition, null);
      });
    } catch (error) {
      throw await this.refusal(actor, fileId, event, error);
    }
  }

  /**
   * Applies a requested step as its approver, re-checking everything (the
   * file may have moved on): called by the approvals in their transaction,
   * with the file's state when it was requested.
   */
  async applyApproved(
    manager: EntityManager,
    actor: Actor,
    approval: { id: string; fileId: string; event: string; payload: unknown; requestedInState: FileState; boundDigest: BoundDigest | null },
  ): Promise<AppliedTransition> {
    const candidates = TRANSITIONS.filter((candidate) => candidate.event === approval.event);
    const file = await this.lock(manager, actor, approval.fileId, checksFor(candidates));
    if (file.state !== approval.requestedInState) {
      throw new AppError(CaseErrors.APPROVAL_STALE, { details: { requestedInState: approval.requestedInState, currentState: file.state } });
    }
    const transition = candidates.find((candidate) => candidate.from.includes(file.state))!;
    // The approval applies only to the data it was asked for (R5, R6, R23).
    const changed = changedSince(approval.boundDigest, await boundDigest(manager, file.id, transition.boundTo ?? []));
    if (changed.length > 0) throw new AppError(CaseErrors.APPROVAL_DATA_CHANGED, { details: { changed } });
    const payload = this.validatePayload(transition, approval.payload);
    const context: TransitionContext = { manager, file, actor, payload, ...this.gateway.time() };
    await this.runGuards(transition, context);
    return this.apply(context, transition, approval.id);
  }

  /** The events the caller could fire now, and why each other one is disabled. */
  async available(actor: Actor, fileId: string): Promise<AvailableTransitions> {
    try {
      return await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        const file = await this.lock(manager, actor, fileId, Object.keys(FILE_CHECKS) as FileCheck[], false);
        const time = this.gateway.time();
        const pending: { event: string }[] = await manager.query(`SELECT event FROM approval WHERE file_id = $1 AND status = 'pending'`, [fileId]);
        const transitions: AvailableTransitions['transitions'] = [];
        for (const transition of TRANSITIONS.filter((candidate) => candidate.from.includes(file.state))) {
          const reasons: { code: string; message: string }[] = [];
          if (!transition.roles.includes(actor.role)) reasons.push({ code: CaseErrors.ROLE_MAY_NOT_FIRE.code, message: CaseErrors.ROLE_MAY_NOT_FIRE.message });
          if (pending.some((row) => row.event === transition.event)) reasons.push({ code: CaseErrors.APPROVAL_PENDING.code, message: CaseErrors.APPROVAL_PENDING.message });
          for (const guard of transition.guards) {
            const refusal = await guard.check({ manager, file, actor, payload: {}, ...time });
            if (refusal) reasons.push({ code: refusal.error.code, message: refusal.error.message });
          }
          transitions.push({
            event: transition.event,
            label: transition.label,
            to: transition.to === 'same' ? file.state : transition.to,
            needsApproval: transition.approval,
            allowed: reasons.length === 0,
            reasons,
          });
        }
        return { state: file.state, version: file.version, transitions };
      });
    } catch (error) {
      if (error instanceof AppError && error.code === CaseErrors.FILE_NOT_FOUND.code) {
        await this.audit.record({ action: 'file.transitions', outcome: 'denied', entityType: 'victim_file', entityId: fileId });
      }
      throw error;
    }
  }

  /** Through the kernel: the file in the actor's write scope, locked, with the facts the guards read computed in the same query. */
  private async lock(manager: EntityManager, actor: Actor, fileId: string, checks: readonly FileCheck[], forUpdate = true): Promise<FileFacts> {
    const today = this.gateway.time().today;
    const found = await this.gateway.lock(manager, actor, fileId, {
      mode: 'write',
      forUpdate,
      columns: checks.length === 0 ? undefined : (params) => checkColumns(checks, params, today),
    });
    if (!found) throw new AppError(CaseErrors.FILE_NOT_FOUND);
    return { ...found.file, checks: Object.fromEntries(checks.map((check) => [check, found.row[check] === true])) };
  }

  private validatePayload(transition: TransitionDefinition, raw: unknown): Record<string, unknown> {
    const instance = plainToInstance(transition.payload, raw ?? {});
    const errors = validateSync(instance as object, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      throw new AppError(PlatformErrors.VALIDATION_FAILED, {
        details: flattenValidationErrors(errors).map((problem) => ({ ...problem, field: `payload.${problem.field}` })),
      });
    }
    return { ...(instance as Record<string, unknown>) };
  }

  private async runGuards(transition: TransitionDefinition, context: TransitionContext): Promise<void> {
    for (const guard of transition.guards) {
      const refusal = await guard.check(context);
      if (refusal) throw new GuardRefused(refusal);
    }
  }

  private async request(context: TransitionContext, transition: TransitionDefinition): Promise<RequestedTransition> {
    const { manager, file, actor, payload, now } = context;
    const digest = await boundDigest(manager, file.id, transition.boundTo ?? []);
    const [existing]: { id: string; bound_digest: BoundDigest | null }[] = await manager.query(
      `SELECT id, bound_digest FROM approval WHERE file_id = $1 AND event = $2 AND status = 'pending' FOR UPDATE`,
      [file.id, transition.event],
    );
    if (existing) {
      if (changedSince(existing.bound_digest, digest).length === 0) throw new AppError(CaseErrors.APPROVAL_PENDING);
      // Asked again after the data changed: the earlier request no longer applies.
      await this.setAsideStale(manager, existing.id, file.id, actor, now);
    }
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO approval (file_id, event, payload, requested_in_state, requested_by, status, requested_at, bound_digest)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7) RETURNING id`,
      [file.id, transition.event, JSON.stringify(payload), file.state, actor.userId, now, digest === null ? null : JSON.stringify(digest)],
    );
    await this.outbox.emit(manager, { type: 'file.approval_requested', subjectId: file.id, data: { approvalId: id, event: transition.event } });
    await this.audit.record(
      { action: 'file.approval_request', outcome: 'allowed', entityType: 'approval', entityId: id, fileIds: [file.id], details: { event: transition.event } },
      manager,
    );
    return { outcome: 'approval_requested', approval: { id, event: transition.event, status: 'pending' }, file: { id: file.id, state: file.state, version: file.version } };
  }

  /** A pending request whose data changed since it was asked for (R5, R6, R23): set aside, on record; it must be asked again. */
  setAsideStale(manager: EntityManager, approvalId: string, fileId: string, actor: Actor, now: Date): Promise<void> {
    return setAsideStale(manager, { audit: this.audit, outbox: this.outbox }, { approvalId, fileId, actor, now });
  }

  private async apply(context: TransitionContext, transition: TransitionDefinition, approvalId: string | null): Promise<AppliedTransition> {
    const { manager, file, actor, payload } = context;
    const events: DomainEventInput[] = [];
    for (const effect of transition.effects) events.push(...((await EFFECTS[effect](context, approvalId, transition.event)) ?? []));
    const to = transition.to === 'same' ? file.state : transition.to;
    const note = typeof payload.note === 'string' ? payload.note : typeof payload.reason === 'string' ? payload.reason : null;
    // The state and its history row in one statement: one round trip less on the hot path (bench/transitions).
    const [updated]: { id: string; version: number }[] = await manager.query(
      `WITH moved AS (
         UPDATE victim_file SET state = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING id, version
       )
       INSERT INTO file_history (file_id, event, from_state, to_state, actor_user_id, approval_id, note, at)
       SELECT id, $3, $4, $2, $5, $6, $7, $8 FROM moved RETURNING id, (SELECT version FROM moved) AS version`,
      [file.id, to, transition.event, file.state, actor.userId, approvalId, note, context.now],
    );
    // A stay the transition ended points at the transition (see effects.ts, endOpenPlacement).
    if (transition.effects.includes('place') || transition.effects.includes('leave_institution')) {
      await manager.query('UPDATE institution_stay SET departure_history_id = $2 WHERE file_id = $1 AND departure_event = $3 AND departure_history_id IS NULL', [
        file.id,
        updated.id,
        transition.event,
      ]);
    }
    await this.outbox.emit(manager, {
      type: 'file.state_changed',
      subjectId: file.id,
      data: { event: transition.event, from: file.state, to, version: updated.version, approvalId },
    });
    for (const event of events) await this.outbox.emit(manager, event);
    await this.audit.record(
      { action: `file.${transition.event}`, outcome: 'allowed', entityType: 'victim_file', entityId: file.id, fileIds: [file.id], details: { from: file.state, to, approvalId } },
      manager,
    );
    return { outcome: 'applied', file: { id: file.id, state: to, version: updated.version }, event: transition.event, from: file.state, to };
  }

  /**
   * Refusals are on record too (R6: a refused placement with the buyers is
   * audited), written after the rollback. Returns the error to answer with.
   */
  async refusal(actor: Actor, fileId: string, event: string, error: unknown): Promise<unknown> {
    if (error instanceof GuardRefused) {
      const { error: definition, details } = error.refusal;
      await this.audit.record({
        action: `file.${event}`,
        outcome: 'denied',
        entityType: 'victim_file',
        entityId: fileId,
        fileIds: [fileId],
        details: { code: definition.code, ...(details ?? {}) },
      });
      return new AppError(definition, { details: details ?? null });
    }
    if (error instanceof AppError && AUDITED_STATUSES.includes(error.status)) {
      await this.audit.record({ action: `file.${event}`, outcome: 'denied', entityType: 'victim_file', entityId: fileId, details: { code: error.code } });
    }
    return error;
  }
}

/** The columns computing `checks`; the clock's date becomes a parameter the first time a check needs it. */
function checkColumns(checks: readonly FileCheck[], params: unknown[], today: string): string {
  let placeholder: string | undefined;
  const todayParam = () => (placeholder ??= `$${params.push(today)}::date`);
  return checks.map((name) => `${FILE_CHECKS[name](todayParam)} AS ${name}`).join(', ');
}

/** The checks the guards of these transitions read; computed in the locking query. */
function checksFor(transitions: readonly TransitionDefinition[]): FileCheck[] {
  return [...new Set(transitions.flatMap((transition) => transition.guards.flatMap((guard) => guard.needs ?? [])))];
}
