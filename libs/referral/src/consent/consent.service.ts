import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, keysetPage, PlatformErrors, type AuditSink, type Page, type PageQuery } from '#app/platform';
import type { Actor } from '#app/access';
import { CaseErrors, FileGateway } from '#app/case';
import { ReferralErrors } from '../errors.js';
import { CONSENT_CATEGORIES } from '../kinds.js';
import { consentStandsSql } from '../shared/consents.js';
import type { ConsentDto, WithdrawCategoryDto } from './consent.dto.js';
import type { ConsentStandingView, ConsentView, ConsentWithdrawalView, StandingConsentView } from './consent.view.js';

const COLUMNS = `k.id, k.category, k.given_by AS "givenBy", to_char(k.given_on, 'YYYY-MM-DD') AS "givenOn", k.note, ru.display_name AS "recordedBy", k.recorded_at AS "recordedAt",
  k.withdrawn_at IS NULL AS standing, k.withdrawn_at AS "withdrawnAt", wu.display_name AS "withdrawnBy", k.withdraw_reason AS "withdrawReason"`;
const FROM = 'consent k JOIN user_account ru ON ru.id = k.recorded_by LEFT JOIN user_account wu ON wu.id = k.withdrawn_by';

/**
 * Consents of the person or the guardian (R15, R16), through the file's
 * kernel: recorded, listed for those who keep the file, and withdrawn with the
 * reason — from then on, unless another consent of the category stands, it
 * is no longer disclosed to new referrals (nor sent in a draft that discloses
 * it), and partners of open referrals that disclosed it no longer see it.
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

  /** Per category, whether a consent stands and on what — what the referral form may offer to disclose (R15, R16). */
  async standing(actor: Actor, fileId: string): Promise<ConsentStandingView> {
    return this.gateway.read(actor, fileId, { action: 'consent.standing' }, async ({ manager }) => {
      const rows: {
        category: StandingConsentView['category'];
        standing: boolean;
        recorded_by: 'person' | 'guardian' | null;
        interview_by: 'person' | 'guardian' | null;
        withdrawn: boolean;
      }[] = await manager.query(
        `SELECT c.category, ${consentStandsSql('$1', 'c.category')} AS standing,
                  (SELECT k.given_by FROM consent k WHERE k.file_id = $1 AND k.category = c.category AND k.withdrawn_at IS NULL ORDER BY k.given_on DESC, k.recorded_at DESC LIMIT 1) AS recorded_by,
                  (SELECT i.consents -> c.category ->> 'by' FROM interview i WHERE i.file_id = $1) AS interview_by,
                  EXISTS (SELECT 1 FROM consent k WHERE k.file_id = $1 AND k.category = c.category AND k.withdrawn_at IS NOT NULL) AS withdrawn
             FROM unnest($2::text[]) WITH ORDINALITY AS c(category, position) ORDER BY c.position`,
        [fileId, CONSENT_CATEGORIES],
      );
      return {
        categories: rows.map((row) => ({
          category: row.category,
          standing: row.standing,
          source: !row.standing ? null : row.recorded_by ? 'recorded' : 'interview',
          givenBy: !row.standing ? null : (row.recorded_by ?? row.interview_by),
          withdrawn: !row.standing && row.withdrawn,
        })),
      };
    });
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

  /**
   * R16: the person or the guardian takes a category back: every consent of it
   * that stands is withdrawn with the reason — the recorded ones, and one given
   * at the interview, which is recorded as withdrawn so the record says who
   * took it back and why. Partners of open referrals stop seeing the category.
   */
  async withdrawCategory(actor: Actor, fileId: string, input: WithdrawCategoryDto): Promise<ConsentWithdrawalView> {
    return this.gateway.write(actor, fileId, { action: 'consent.withdraw' }, async ({ manager, now }) => {
      const standing: { id: string }[] = await manager.query('SELECT id FROM consent WHERE file_id = $1 AND category = $2 AND withdrawn_at IS NULL FOR UPDATE', [
        fileId,
        input.category,
      ]);
      const ids = standing.map((row) => row.id);
      const [interview]: { given_by: string; given_on: string }[] = await manager.query(
        `SELECT i.consents -> $2 ->> 'by' AS given_by, to_char(i.conducted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS given_on
           FROM interview i
          WHERE i.file_id = $1 AND (i.consents -> $2 ->> 'given') = 'true'
            AND NOT EXISTS (SELECT 1 FROM consent k WHERE k.file_id = $1 AND k.category = $2 AND k.withdrawn_at IS NOT NULL)`,
        [fileId, input.category],
      );
      if (interview) {
        const [{ id }]: { id: string }[] = await manager.query(
          `INSERT INTO consent (file_id, category, given_by, given_on, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, '询问时给予 / given at the interview', $5, $6) RETURNING id`,
          [fileId, input.category, interview.given_by, interview.given_on, actor.userId, now],
        );
        ids.push(id);
      }
      if (ids.length === 0) throw new AppError(ReferralErrors.NO_STANDING_CONSENT, { details: { category: input.category } });
      await manager.query('UPDATE consent SET withdrawn_at = $2, withdrawn_by = $3, withdraw_reason = $4 WHERE id = ANY($1::uuid[])', [ids, now, actor.userId, input.reason]);
      const items: ConsentView[] = await manager.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE k.id = ANY($1::uuid[]) ORDER BY k.recorded_at, k.id`, [ids]);
      return {
        result: { category: input.category, items },
        entityType: 'consent',
        entityId: ids[0],
        details: { category: input.category, consentIds: ids },
        purpose: input.reason,
      };
    });
  }

  private async one(manager: EntityManager, id: string): Promise<ConsentView> {
    const [view]: ConsentView[] = await manager.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE k.id = $1`, [id]);
    return view;
  }
}
