import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, keysetPage, PlatformErrors, type AuditSink, type Page, type PageQuery } from '#app/platform';
import type { Actor } from '#app/access';
import { CaseErrors, FileGateway } from '#app/case';
import { ReferralErrors } from '../errors.js';
import type { ConsentDto } from './consent.dto.js';
import type { ConsentView } from './consent.view.js';

const COLUMNS = `k.id, k.category, k.given_by AS "givenBy", to_char(k.given_on, 'YYYY-MM-DD') AS "givenOn", k.note, ru.display_name AS "recordedBy", k.recorded_at AS "recordedAt",
  k.withdrawn_at IS NULL AS standing, k.withdrawn_at AS "withdrawnAt", wu.display_name AS "withdrawnBy", k.withdraw_reason AS "withdrawReason"`;
const FROM = 'consent k JOIN user_account ru ON ru.id = k.recorded_by LEFT JOIN user_account wu ON wu.id = k.withdrawn_by';

/**
 * Consents of the person or the guardian (R15, R16), through the file's
 * kernel: recorded, listed for those who keep the file, and withdrawn with the
 * reason — from then on the category is no longer disclosed to new referrals
 * (nor sent in a draft that discloses it).
 */
@Injectable()
export class ConsentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly gateway: FileGateway,
  ) {}

  async record(actor: Actor, fileId: string, input: ConsentDto): Promise<ConsentView> {
    return this.gateway.write(actor, fileId, { action: 'consent.record' }, async ({ manager, today, now }) => {
      if (input.givenOn > today) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'givenOn', '不能晚于今天 / must not be in the future');
      const [{ id }]: { id: string }[] = await manager.query(
        'INSERT INTO consent (file_id, category, given_by, given_on, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
        [fileId, input.category, input.givenBy, input.givenOn, input.note ?? null, actor.userId, now],
      );
      return { result: await this.one(manager, id), entityType: 'consent', entityId: id, details: { category: input.category, givenBy: input.givenBy } };
    });
  }

  /** The file's consents, oldest first, the withdrawn ones with who took them back and why. */
  async list(actor: Actor, fileId: string, query: PageQuery): Promise<Page<ConsentView>> {
    return this.gateway.read(actor, fileId, { action: 'consent.list' }, ({ manager }) =>
      keysetPage(
        manager,
        {
          select: COLUMNS,
          from: FROM,
          where: ['k.file_id = $1'],
          params: [fileId],
          keys: [
            { expr: 'k.recorded_at', cast: 'timestamptz' },
            { expr: 'k.id', cast: 'uuid' },
          ],
        },
        query,
        (row: ConsentView) => row,
      ),
    );
  }

  /** R16: the person or the guardian takes a consent back; audited with the reason. */
  async withdraw(actor: Actor, consentId: string, reason: string): Promise<ConsentView> {
    const [row]: { file_id: string }[] = await this.dataSource.query('SELECT file_id FROM consent WHERE id = $1', [consentId]);
    if (!row) {
      await this.audit.record({
        action: 'consent.withdraw',
        outcome: 'denied',
        entityType: 'consent',
        entityId: consentId,
        details: { code: ReferralErrors.CONSENT_NOT_FOUND.code },
      });
      throw new AppError(ReferralErrors.CONSENT_NOT_FOUND);
    }
    try {
      return await this.gateway.write(actor, row.file_id, { action: 'consent.withdraw' }, async ({ manager, now }) => {
        const [consent]: { category: string; withdrawn_at: Date | null }[] = await manager.query('SELECT category, withdrawn_at FROM consent WHERE id = $1 FOR UPDATE', [
          consentId,
        ]);
        if (consent.withdrawn_at) throw new AppError(ReferralErrors.CONSENT_ALREADY_WITHDRAWN, { details: { withdrawnAt: consent.withdrawn_at } });
        await manager.query('UPDATE consent SET withdrawn_at = $2, withdrawn_by = $3, withdraw_reason = $4 WHERE id = $1', [consentId, now, actor.userId, reason]);
        return { result: await this.one(manager, consentId), entityType: 'consent', entityId: consentId, details: { category: consent.category }, purpose: reason };
      });
    } catch (error) {
      // The kernel recorded the denial; the caller asked about a consent.
      if (error instanceof AppError && error.code === CaseErrors.FILE_NOT_FOUND.code) throw new AppError(ReferralErrors.CONSENT_NOT_FOUND);
      throw error;
    }
  }

  private async one(manager: EntityManager, id: string): Promise<ConsentView> {
    const [view]: ConsentView[] = await manager.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE k.id = $1`, [id]);
    return view;
  }
}
