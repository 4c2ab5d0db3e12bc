import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, chinaDate, Clock, flattenValidationErrors, Outbox, PlatformErrors, type AuditSink } from '#app/platform';
import { fileWriteScope, prefixOf, type Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { EFFECTS } from './effects.js';
import { FILE_CHECKS, type FileCheck, type FileFacts, type Guard, type GuardRefusal, type TransitionContext } from './guard.js';
import { INITIAL_STATE, type FileState } from './states.js';
import { TRANSITIONS, type TransitionDefinition } from './transitions.js';
import { validateStateMachine } from './validation.js';

export interface AppliedTransition {
  outcome: 'applied';
  file: { id: string; state: FileState; version: number };
  event: string;
  from: FileState;
  to: FileState;
}

export interface RequestedTransition {
  outcome: 'approval_requested';
  approval: { id: string; event: string; status: 'pending' };
  file: { id: string; state: FileState; version: number };
}

export interface AvailableTransition {
  event: string;
  label: string;
  to: FileState;
  needsApproval: boolean;
  allowed: boolean;
  /** Why it may not be taken now: each with a code and a message for people. */
  reasons: { code: string; message: string }[];
}

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

/** The columns computing `checks`; the clock's date becomes a parameter the first time a check needs it. */
function checkColumns(checks: readonly FileCheck[], params: unknown[], today: string): string {
  let placeholder: string | undefined;
  const todayParam = () => (placeholder ??= `$${params.push(today)}::date`);
  return checks.map((name) => `, ${FILE_CHECKS[name](todayParam)} AS ${name}`).join('');
}

interface FileRow extends Partial<Record<FileCheck, boolean>> {
  id: string;
  reference: string;
  state: FileState;
  version: number;
  person_id: string;
  responsible_jurisdiction_code: string;
  responsible_organisation_id: string;
  current_institution_id: string | null;
  sex: string;
  birth_date_from: string | null;
  birth_date_to: string | null;
  nationality: string | null;
  identity_status: string;
}

class GuardRefused extends Error {
  constructor(readonly refusal: GuardRefusal) {
    super(refusal.message);
  }
}

/**
 * The one runner of the victim file's state machine: the only code that sets
 * a file's state. In one transaction it locks the file (in the actor's scope),
 * checks the expected version (stale → 409), finds the transition, checks the
 * role, validates the payload, runs the guards (each refusal a code and a
 * message), then either files the request for a supervisor's approval or
 * applies the effects, moves the state, writes the history row, the outbox
 * event and — last, as the audit chain's head stays locked until commit — the
 * audit record. Other libs contribute guards with `contributeGuard`.
 */
@Injectable()
export class CaseStateMachine implements OnModuleInit {
  private readonly contributed = new Map<string, Guard[]>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const problems = validateStateMachine(TRANSITIONS);
    if (problems.length > 0) throw new Error(`the victim file's state machine is invalid: ${problems.join('; ')}`);
  }

  /** Another capability's rule for an event (e.g. tracing: reunification needs a police-reported match, R10). */
  contributeGuard(event: string, guard: Guard): void {
    if (!TRANSITIONS.some((transition) => transition.event === event)) throw new Error(`no event ${event} to guard`);
    this.contributed.set(event, [...(this.contributed.get(event) ?? []), guard]);
  }

  guardsOf(transition: TransitionDefinition): Guard[] {
    return [...transition.guards, ...(this.contributed.get(transition.event) ?? [])];
  }

  /** Opens a file in the initial state (intake, R1), with its first history row. */
  async open(manager: EntityManager, input: OpenFileInput, actor: Actor): Promise<{ id: string; reference: string }> {
    const now = this.clock.now();
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
    if (candidates.length === 0)
      throw AppError.field(CaseErrors.UNKNOWN_EVENT, 'event', `unknown event ${event}; one of ${[...new Set(TRANSITIONS.map((t) => t.event))].join(', ')}`);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const file = await this.lock(manager, actor, fileId, this.checksFor(candidates));
        if (file.version !== expectedVersion) {
          throw new AppError(CaseErrors.STALE_VERSION, { details: { expectedVersion, currentVersion: file.version } });
        }
        const transition = candidates.find((candidate) => candidate.from.includes(file.state));
        if (!transition) throw new AppError(CaseErrors.TRANSITION_NOT_ALLOWED, { details: { event, state: file.state } });
        if (!transition.roles.includes(actor.role)) throw new AppError(CaseErrors.ROLE_MAY_NOT_FIRE, { details: { event, role: actor.role } });
        const payload = this.validatePayload(transition, rawPayload);
        const context: TransitionContext = { manager, file, actor, payload, ...this.time() };
        await this.runGuards(transition, context);
        if (transition.approval) return this.request(context, transition);
        return this.apply(context, transition, null);
      });
    } catch (error) {
      throw await this.refusal(actor, fileId, event, error);
    }
  }

  /** A supervisor decides a request; approving re-checks everything and applies the transition as the approver. */
  async decide(
    actor: Actor,
    approvalId: string,
    decision: 'approve' | 'reject',
    reason: string | undefined,
  ): Promise<AppliedTransition | { outcome: 'rejected'; approvalId: string }> {
    let fileId: string | undefined;
    let event: string | undefined;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const params: unknown[] = [approvalId];
        const scope = fileWriteScope(actor, 'f', params);
        const [approval]: { id: string; file_id: string; event: string; payload: Record<string, unknown>; requested_in_state: FileState; requested_by: string; status: string }[] =
          await manager.query(
            `SELECT a.id, a.file_id, a.event, a.payload, a.requested_in_state, a.requested_by, a.status
               FROM approval a JOIN victim_file f ON f.id = a.file_id
              WHERE a.id = $1 AND ${scope} FOR UPDATE OF a`,
            params,
          );
        if (!approval) throw new AppError(CaseErrors.APPROVAL_NOT_FOUND);
        fileId = approval.file_id;
        event = approval.event;
        if (approval.status !== 'pending') throw new AppError(CaseErrors.APPROVAL_DECIDED, { details: { status: approval.status } });
        if (approval.requested_by === actor.userId) throw new AppError(CaseErrors.OWN_REQUEST);
        if (decision === 'reject') {
          await manager.query(`UPDATE approval SET status = 'rejected', decided_by = $2, decided_at = $4, reason = $3 WHERE id = $1`, [
            approvalId,
            actor.userId,
            reason ?? null,
            this.clock.now(),
          ]);
          await this.outbox.emit(manager, { type: 'file.approval_rejected', subjectId: approval.file_id, data: { approvalId, event: approval.event } });
          await this.audit.record(
            {
              action: 'file.approval_reject',
              outcome: 'allowed',
              entityType: 'approval',
              entityId: approvalId,
              fileIds: [approval.file_id],
              purpose: reason,
              details: { event: approval.event },
            },
            manager,
          );
          return { outcome: 'rejected' as const, approvalId };
        }
        const file = await this.lock(manager, actor, approval.file_id, this.checksFor(TRANSITIONS.filter((candidate) => candidate.event === approval.event)));
        if (file.state !== approval.requested_in_state) {
          throw new AppError(CaseErrors.APPROVAL_STALE, { details: { requestedInState: approval.requested_in_state, currentState: file.state } });
        }
        const transition = TRANSITIONS.find((candidate) => candidate.event === approval.event && candidate.from.includes(file.state))!;
        const payload = this.validatePayload(transition, approval.payload);
        const context: TransitionContext = { manager, file, actor, payload, ...this.time() };
        await this.runGuards(transition, context);
        await manager.query(`UPDATE approval SET status = 'approved', decided_by = $2, decided_at = $4, reason = $3 WHERE id = $1`, [
          approvalId,
          actor.userId,
          reason ?? null,
          context.now,
        ]);
        return this.apply(context, transition, approvalId);
      });
    } catch (error) {
      if (fileId && event) throw await this.refusal(actor, fileId, event, error);
      if (error instanceof AppError && error.code === CaseErrors.APPROVAL_NOT_FOUND.code) {
        await this.audit.record({ action: `file.approval_${decision}`, outcome: 'denied', entityType: 'approval', entityId: approvalId });
      }
      throw error;
    }
  }

  /**
   * The receiving bureau accepts or declines a transfer. Accepted, the file's
   * responsibility moves (jurisdiction, bureau, caseworker); its state does not.
   */
  async decideTransfer(
    actor: Actor,
    transferId: string,
    decision: 'accept' | 'decline',
    reason: string | undefined,
  ): Promise<{ transferId: string; status: 'accepted' | 'declined' }> {
    return this.dataSource.transaction(async (manager) => {
      const [transfer]: { id: string; file_id: string; status: string; to_organisation_id: string; jurisdiction_code: string }[] = await manager.query(
        `SELECT t.id, t.file_id, t.status, t.to_organisation_id, o.jurisdiction_code
           FROM file_transfer t JOIN organisation o ON o.id = t.to_organisation_id
          WHERE t.id = $1 AND o.jurisdiction_code LIKE $2 FOR UPDATE OF t`,
        [transferId, prefixOf(actor.jurisdictionCode) + '%'],
      );
      if (!transfer) {
        await this.audit.record({ action: `file.transfer_${decision}`, outcome: 'denied', entityType: 'file_transfer', entityId: transferId });
        throw new AppError(CaseErrors.TRANSFER_NOT_FOUND);
      }
      if (transfer.status !== 'awaiting_acceptance') throw new AppError(CaseErrors.TRANSFER_DECIDED, { details: { status: transfer.status } });
      const [file]: { state: FileState }[] = await manager.query('SELECT state FROM victim_file WHERE id = $1 FOR UPDATE', [transfer.file_id]);
      const status = decision === 'accept' ? 'accepted' : 'declined';
      const now = this.clock.now();
      await manager.query('UPDATE file_transfer SET status = $2, decided_by = $3, decided_at = $5, decision_reason = $4 WHERE id = $1', [
        transferId,
        status,
        actor.userId,
        reason ?? null,
        now,
      ]);
      if (decision === 'accept') {
        await manager.query(
          `UPDATE victim_file SET responsible_organisation_id = $2, responsible_jurisdiction_code = $3, responsible_caseworker_id = $4, version = version + 1, updated_at = now()
            WHERE id = $1`,
          [transfer.file_id, transfer.to_organisation_id, transfer.jurisdiction_code, actor.role === 'caseworker' ? actor.userId : null],
        );
      }
      await manager.query('INSERT INTO file_history (file_id, event, from_state, to_state, actor_user_id, note, at) VALUES ($1, $2, $3, $3, $4, $5, $6)', [
        transfer.file_id,
        `transfer_${status}`,
        file.state,
        actor.userId,
        reason ?? null,
        now,
      ]);
      await this.outbox.emit(manager, { type: `file.transfer_${status}`, subjectId: transfer.file_id, data: { transferId, toOrganisationId: transfer.to_organisation_id } });
      await this.audit.record(
        { action: `file.transfer_${decision}`, outcome: 'allowed', entityType: 'file_transfer', entityId: transferId, fileIds: [transfer.file_id], purpose: reason },
        manager,
      );
      return { transferId, status };
    });
  }

  /** The events the caller could fire now, and why each other one is disabled. */
  async available(actor: Actor, fileId: string): Promise<{ state: FileState; version: number; transitions: AvailableTransition[] }> {
    try {
      return await this.availableNow(actor, fileId);
    } catch (error) {
      if (error instanceof AppError && error.code === CaseErrors.FILE_NOT_FOUND.code) {
        await this.audit.record({ action: 'file.transitions', outcome: 'denied', entityType: 'victim_file', entityId: fileId });
      }
      throw error;
    }
  }

  private async availableNow(actor: Actor, fileId: string): Promise<{ state: FileState; version: number; transitions: AvailableTransition[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const file = await this.lock(manager, actor, fileId, Object.keys(FILE_CHECKS) as FileCheck[], false);
      const time = this.time();
      const pending: { event: string }[] = await manager.query(`SELECT event FROM approval WHERE file_id = $1 AND status = 'pending'`, [fileId]);
      const transitions: AvailableTransition[] = [];
      for (const transition of TRANSITIONS.filter((candidate) => candidate.from.includes(file.state))) {
        const reasons: { code: string; message: string }[] = [];
        if (!transition.roles.includes(actor.role)) reasons.push({ code: CaseErrors.ROLE_MAY_NOT_FIRE.code, message: CaseErrors.ROLE_MAY_NOT_FIRE.message });
        if (pending.some((row) => row.event === transition.event)) reasons.push({ code: CaseErrors.APPROVAL_PENDING.code, message: CaseErrors.APPROVAL_PENDING.message });
        for (const guard of this.guardsOf(transition)) {
          const refusal = await guard.check({ manager, file, actor, payload: {}, ...time });
          if (refusal) reasons.push({ code: refusal.code, message: refusal.message });
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
  }

  /** The clock's time and China's date, read once per transition. */
  private time(): { now: Date; today: string } {
    const now = this.clock.now();
    return { now, today: chinaDate(now) };
  }

  /** The checks the guards of these transitions read; computed in the locking query. */
  private checksFor(transitions: readonly TransitionDefinition[]): FileCheck[] {
    return [...new Set(transitions.flatMap((transition) => this.guardsOf(transition).flatMap((guard) => guard.needs ?? [])))];
  }

  private async lock(manager: EntityManager, actor: Actor, fileId: string, checks: readonly FileCheck[], forUpdate = true): Promise<FileFacts> {
    const params: unknown[] = [fileId];
    const scope = fileWriteScope(actor, 'f', params);
    const rows: FileRow[] = await manager.query(
      `SELECT f.id, f.reference, f.state, f.version, f.person_id, f.responsible_jurisdiction_code, f.responsible_organisation_id, f.current_institution_id,
              p.sex, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
              p.nationality, p.identity_status ${checkColumns(checks, params, this.clock.today())}
         FROM victim_file f JOIN person p ON p.id = f.person_id
        WHERE f.id = $1 AND ${scope} ${forUpdate ? 'FOR UPDATE OF f' : ''}`,
      params,
    );
    const row = rows[0];
    if (!row) throw new AppError(CaseErrors.FILE_NOT_FOUND);
    return {
      id: row.id,
      reference: row.reference,
      state: row.state,
      version: row.version,
      personId: row.person_id,
      responsibleJurisdictionCode: row.responsible_jurisdiction_code,
      responsibleOrganisationId: row.responsible_organisation_id,
      currentInstitutionId: row.current_institution_id,
      checks: Object.fromEntries(checks.map((check) => [check, row[check] === true])),
      person: { sex: row.sex, birthDateFrom: row.birth_date_from, birthDateTo: row.birth_date_to, nationality: row.nationality, identityStatus: row.identity_status },
    };
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
    for (const guard of this.guardsOf(transition)) {
      const refusal = await guard.check(context);
      if (refusal) throw new GuardRefused(refusal);
    }
  }

  private async request(context: TransitionContext, transition: TransitionDefinition): Promise<RequestedTransition> {
    const { manager, file, actor, payload } = context;
    const existing = await manager.query(`SELECT 1 FROM approval WHERE file_id = $1 AND event = $2 AND status = 'pending'`, [file.id, transition.event]);
    if (existing.length > 0) throw new AppError(CaseErrors.APPROVAL_PENDING);
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO approval (file_id, event, payload, requested_in_state, requested_by, status) VALUES ($1, $2, $3, $4, $5, 'pending') RETURNING id`,
      [file.id, transition.event, JSON.stringify(payload), file.state, actor.userId],
    );
    await this.outbox.emit(manager, { type: 'file.approval_requested', subjectId: file.id, data: { approvalId: id, event: transition.event } });
    await this.audit.record(
      { action: 'file.approval_request', outcome: 'allowed', entityType: 'approval', entityId: id, fileIds: [file.id], details: { event: transition.event } },
      manager,
    );
    return { outcome: 'approval_requested', approval: { id, event: transition.event, status: 'pending' }, file: { id: file.id, state: file.state, version: file.version } };
  }

  private async apply(context: TransitionContext, transition: TransitionDefinition, approvalId: string | null): Promise<AppliedTransition> {
    const { manager, file, actor, payload } = context;
    for (const effect of transition.effects) await EFFECTS[effect](context, approvalId);
    const to = transition.to === 'same' ? file.state : transition.to;
    const note = typeof payload.note === 'string' ? payload.note : typeof payload.reason === 'string' ? payload.reason : null;
    // The state and its history row in one statement: one round trip less on the hot path (bench/transitions).
    const [updated]: { version: number }[] = await manager.query(
      `WITH moved AS (
         UPDATE victim_file SET state = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING id, version
       )
       INSERT INTO file_history (file_id, event, from_state, to_state, actor_user_id, approval_id, note, at)
       SELECT id, $3, $4, $2, $5, $6, $7, $8 FROM moved RETURNING (SELECT version FROM moved)`,
      [file.id, to, transition.event, file.state, actor.userId, approvalId, note, context.now],
    );
    await this.outbox.emit(manager, {
      type: 'file.state_changed',
      subjectId: file.id,
      data: { event: transition.event, from: file.state, to, version: updated.version, approvalId },
    });
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
  private async refusal(actor: Actor, fileId: string, event: string, error: unknown): Promise<unknown> {
    if (error instanceof GuardRefused) {
      await this.audit.record({
        action: `file.${event}`,
        outcome: 'denied',
        entityType: 'victim_file',
        entityId: fileId,
        fileIds: [fileId],
        details: { code: error.refusal.code, ...(error.refusal.details ?? {}) },
      });
      return new AppError({ code: error.refusal.code, status: error.refusal.status ?? 409, message: error.refusal.message }, { details: error.refusal.details ?? null });
    }
    if (error instanceof AppError && [403, 404, 409].includes(error.status)) {
      await this.audit.record({ action: `file.${event}`, outcome: 'denied', entityType: 'victim_file', entityId: fileId, details: { code: error.code } });
    }
    return error;
  }
}
