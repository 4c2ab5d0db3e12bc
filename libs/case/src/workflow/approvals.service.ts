import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, keysetPage, Outbox, type AuditSink, type Page } from '#app/platform';
import { fileWriteScope, type Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { FileGateway } from '../kernel/file-gateway.js';
import { CaseStateMachine } from '../state-machine/case-state-machine.js';
import type { BoundDigest, BoundRecord } from '../state-machine/approval-binding.js';
import { TRANSITIONS } from '../state-machine/transitions.js';
import type { FileState } from '../state-machine/states.js';
import type { AppliedTransition } from '../state-machine/transition.view.js';
import type { ApprovalsQuery } from './workflow.dto.js';
import type { ApprovalClosed, ApprovalView } from './workflow.view.js';

const LABELS = new Map(TRANSITIONS.map((transition) => [transition.event, transition.label]));
/** The steps bound to a record: their requests show it as it stands. */
const boundTo = (record: BoundRecord) => TRANSITIONS.filter((transition) => transition.boundTo?.includes(record)).map((transition) => transition.event);

/** R5, R6, R23: the records a request is bound to, as the supervisor approves them (no contact details); null for a step not bound to them. */
const BOUND_RECORDS = (returnHomeEvents: string, guardianEvents: string) => `
  CASE WHEN a.event = ANY(${returnHomeEvents}::text[]) THEN (
    SELECT jsonb_build_object('recipientName', r.recipient_name, 'relation', r.relation, 'recipientIdNumberVerified', r.recipient_id_verified,
                              'address', r.address, 'placeCode', r.place_code, 'placeName', j.name, 'plannedOn', to_char(r.planned_on, 'YYYY-MM-DD'),
                              'travelArrangements', r.travel_arrangements, 'escortedBy', r.escorted_by)
      FROM return_home r JOIN jurisdiction j ON j.code = r.place_code WHERE r.file_id = a.file_id) END AS "returnHome",
  CASE WHEN a.event = ANY(${guardianEvents}::text[]) THEN (
    SELECT COALESCE(jsonb_agg(jsonb_build_object('kind', g.kind, 'name', g.name, 'relation', g.relation, 'idNumberVerified', g.id_number_verified,
                                                 'since', to_char(g.since, 'YYYY-MM-DD'), 'until', to_char(g.until, 'YYYY-MM-DD')) ORDER BY g.since, g.recorded_at), '[]'::jsonb)
      FROM guardian g WHERE g.file_id = a.file_id AND g.removed_at IS NULL) END AS "guardians"`;

interface ApprovalRow {
  id: string;
  file_id: string;
  event: string;
  payload: Record<string, unknown>;
  requested_in_state: FileState;
  requested_by: string;
  status: string;
  bound_digest: BoundDigest | null;
}

/**
 * Four eyes on the steps that need them (placement, reunification, local
 * resettlement, transfer, closure): another supervisor approves — the step
 * is re-checked and applied by the state machine as the approver — or
 * rejects with a reason; whoever asked may withdraw the request.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly outbox: Outbox,
    private readonly gateway: FileGateway,
    private readonly stateMachine: CaseStateMachine,
  ) {}

  /** Pending requests for files in the supervisor's jurisdiction, oldest first, with the records each is bound to. */
  async pending(actor: Actor, query: ApprovalsQuery): Promise<Page<ApprovalView>> {
    const params: unknown[] = [actor.userId, boundTo('returnHome'), boundTo('guardians')];
    const page = await keysetPage(
      this.dataSource,
      {
        select: `a.id, a.file_id AS "fileId", f.reference AS "fileReference", a.event, a.payload, a.requested_in_state AS "requestedInState",
                 a.requested_at AS "requestedAt", u.display_name AS "requestedBy", a.requested_by = $1 AS "ownRequest", a.status, ${BOUND_RECORDS('$2', '$3')}`,
        from: 'approval a JOIN victim_file f ON f.id = a.file_id JOIN user_account u ON u.id = a.requested_by',
        where: [`a.status = 'pending'`, fileWriteScope(actor, 'f', params)],
        params,
        keys: [
          { expr: 'a.requested_at', cast: 'timestamptz' },
          { expr: 'a.id', cast: 'uuid' },
        ],
      },
      query,
      (row: Omit<ApprovalView, 'label'>): ApprovalView => ({ ...row, label: LABELS.get(row.event) ?? row.event }),
    );
    await this.audit.record({ action: 'approval.list', outcome: 'allowed', entityType: 'approval', fileIds: [...new Set(page.items.map((row) => row.fileId))] });
    return page;
  }

  approve(actor: Actor, approvalId: string, reason: string | undefined): Promise<AppliedTransition> {
    return this.onPending(actor, approvalId, 'file.approval_approve', async (manager, approval, now) => {
      if (approval.requested_by === actor.userId) throw new AppError(CaseErrors.OWN_REQUEST);
      await manager.query(`UPDATE approval SET status = 'approved', decided_by = $2, decided_at = $4, reason = $3 WHERE id = $1`, [approvalId, actor.userId, reason ?? null, now]);
      return this.stateMachine.applyApproved(manager, actor, {
        id: approval.id,
        fileId: approval.file_id,
        event: approval.event,
        payload: approval.payload,
        requestedInState: approval.requested_in_state,
        boundDigest: approval.bound_digest,
      });
    });
  }

  reject(actor: Actor, approvalId: string, reason: string): Promise<ApprovalClosed> {
    return this.onPending(actor, approvalId, 'file.approval_reject', async (manager, approval, now) => {
      if (approval.requested_by === actor.userId) throw new AppError(CaseErrors.OWN_REQUEST);
      return this.close(manager, approval, 'rejected', actor, reason, now);
    });
  }

  /** The requester takes their own pending request back (with one supervisor, it would otherwise wait for ever). */
  withdraw(actor: Actor, approvalId: string, reason: string | undefined): Promise<ApprovalClosed> {
    return this.onPending(actor, approvalId, 'file.approval_withdraw', async (manager, approval, now) => {
      if (approval.requested_by !== actor.userId) throw new AppError(CaseErrors.NOT_OWN_REQUEST);
      return this.close(manager, approval, 'withdrawn', actor, reason, now);
    });
  }

  private async close(
    manager: EntityManager,
    approval: ApprovalRow,
    status: 'rejected' | 'withdrawn',
    actor: Actor,
    reason: string | undefined,
    now: Date,
  ): Promise<ApprovalClosed> {
    await manager.query(`UPDATE approval SET status = $2, decided_by = $3, decided_at = $5, reason = $4 WHERE id = $1`, [approval.id, status, actor.userId, reason ?? null, now]);
    await this.outbox.emit(manager, {
      type: status === 'rejected' ? 'file.approval_rejected' : 'file.approval_withdrawn',
      subjectId: approval.file_id,
      data: { approvalId: approval.id, event: approval.event },
    });
    await this.audit.record(
      {
        action: status === 'rejected' ? 'file.approval_reject' : 'file.approval_withdraw',
        outcome: 'allowed',
        entityType: 'approval',
        entityId: approval.id,
        fileIds: [approval.file_id],
        purpose: reason,
        details: { event: approval.event },
      },
      manager,
    );
    return { outcome: status, approvalId: approval.id };
  }

  /** The request, its file locked through the kernel in the actor's scope; anything else answers 404 like a request that does not exist (on record). */
  private async onPending<T>(actor: Actor, approvalId: string, action: string, work: (manager: EntityManager, approval: ApprovalRow, now: Date) => Promise<T>): Promise<T> {
    const [ref]: { file_id: string; event: string }[] = await this.dataSource.query('SELECT file_id, event FROM approval WHERE id = $1', [approvalId]);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const file = ref ? await this.gateway.lock(manager, actor, ref.file_id, { mode: 'write' }) : undefined;
        if (!file) throw new AppError(CaseErrors.APPROVAL_NOT_FOUND);
        const [approval]: ApprovalRow[] = await manager.query(
          'SELECT id, file_id, event, payload, requested_in_state, requested_by, status, bound_digest FROM approval WHERE id = $1 FOR UPDATE',
          [approvalId],
        );
        if (approval.status !== 'pending') throw new AppError(CaseErrors.APPROVAL_DECIDED, { details: { status: approval.status } });
        return work(manager, approval, this.gateway.time().now);
      });
    } catch (error) {
      if (error instanceof AppError && error.code === CaseErrors.APPROVAL_NOT_FOUND.code) {
        await this.audit.record({ action, outcome: 'denied', entityType: 'approval', entityId: approvalId });
        throw error;
      }
      // The data changed after the request: the request is set aside and must be asked again (R5, R6, R23).
      if (ref && error instanceof AppError && error.code === CaseErrors.APPROVAL_DATA_CHANGED.code) {
        await this.dataSource.transaction((manager) => this.stateMachine.setAsideStale(manager, approvalId, ref.file_id, actor, this.gateway.time().now));
      }
      throw ref ? await this.stateMachine.refusal(actor, ref.file_id, ref.event, error) : error;
    }
  }
}
