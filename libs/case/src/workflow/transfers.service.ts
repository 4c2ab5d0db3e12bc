import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, keysetPage, Outbox, type AuditSink, type Page } from '#app/platform';
import { prefixOf, type Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import type { TransfersQuery } from './workflow.dto.js';
import type { TransferDecision, TransferView } from './workflow.view.js';

/**
 * Transfers between jurisdictions: the receiving bureau accepts or declines.
 * Accepted, the file's responsibility moves (jurisdiction, bureau,
 * caseworker); its state does not. The file is not yet in the receiver's
 * scope, so the transfer itself (addressed to its bureau) is what it may act on.
 */
@Injectable()
export class TransfersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** Files transferred to a bureau in the caller's jurisdiction, awaiting acceptance, oldest first. */
  async incoming(actor: Actor, query: TransfersQuery): Promise<Page<TransferView>> {
    const page = await keysetPage(
      this.dataSource,
      {
        select: `t.id, t.file_id AS "fileId", f.reference AS "fileReference", t.reason, t.requested_at AS "requestedAt",
                 fo.name AS "fromOrganisation", tor.name AS "toOrganisation", p.name AS "personName", p.sex AS "personSex"`,
        from: `file_transfer t
               JOIN victim_file f ON f.id = t.file_id JOIN person p ON p.id = f.person_id
               JOIN organisation fo ON fo.id = t.from_organisation_id JOIN organisation tor ON tor.id = t.to_organisation_id`,
        where: [`t.status = 'awaiting_acceptance'`, 'tor.jurisdiction_code LIKE $1'],
        params: [prefixOf(actor.jurisdictionCode) + '%'],
        keys: [
          { expr: 't.requested_at', cast: 'timestamptz' },
          { expr: 't.id', cast: 'uuid' },
        ],
      },
      query,
      (row: TransferView) => row,
    );
    await this.audit.record({ action: 'transfer.list', outcome: 'allowed', entityType: 'file_transfer', fileIds: page.items.map((row) => row.fileId) });
    return page;
  }

  async decide(actor: Actor, transferId: string, decision: 'accept' | 'decline', reason: string | undefined): Promise<TransferDecision> {
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
      const [file]: { state: string }[] = await manager.query('SELECT state FROM victim_file WHERE id = $1 FOR UPDATE', [transfer.file_id]);
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
      await this.outbox.emit(manager, {
        type: status === 'accepted' ? 'file.transfer_accepted' : 'file.transfer_declined',
        subjectId: transfer.file_id,
        data: { transferId, toOrganisationId: transfer.to_organisation_id },
      });
      await this.audit.record(
        { action: `file.transfer_${decision}`, outcome: 'allowed', entityType: 'file_transfer', entityId: transferId, fileIds: [transfer.file_id], purpose: reason },
        manager,
      );
      return { transferId, status };
    });
  }
}
