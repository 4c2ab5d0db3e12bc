import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, keysetPage, PageQuery, type AuditSink, type Page } from '#app/platform';
import { ROLE_FILE_REACH, type Actor } from '#app/access';
import { CaseErrors, FileGateway } from '#app/case';
import { ReferralErrors } from '../errors.js';
import { OPEN_STATES, type ReferralStatus } from '../lifecycle.js';
import { ReferralScopes } from '../shared/scopes.js';
import { ReferralViewsQuery, type ViewRow } from './referral-views.query.js';
import type { PartnerReferralView, ReferrerReferralView } from './referral.view.js';

/**
 * Reading referrals: a file's referrals for those who keep the file (through
 * the kernel, one query a page), and one referral — the partner's minimal
 * view to the organisation it was sent to (R16), the referring side's full
 * view to those who keep the file; anyone else gets 404, on record.
 */
@Injectable()
export class ReferralViewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly gateway: FileGateway,
    private readonly scopes: ReferralScopes,
    private readonly views: ReferralViewsQuery,
    private readonly clock: Clock,
  ) {}

  /** The file's referrals, oldest first, with their notes, history and records. */
  async forFile(actor: Actor, fileId: string, query: PageQuery): Promise<Page<ReferrerReferralView>> {
    return this.gateway.read(actor, fileId, { action: 'referral.list', details: (page) => ({ referralIds: page.items.map((item) => item.id) }) }, ({ manager }) =>
      keysetPage(
        manager,
        {
          select: this.views.referrerColumns(),
          from: this.views.from,
          where: ['r.file_id = $1'],
          params: [fileId],
          keys: [
            { expr: 'r.created_at', cast: 'timestamptz' },
            { expr: 'r.id', cast: 'uuid' },
          ],
        },
        query,
        (row: ViewRow) => this.views.toReferrer(row),
      ),
    );
  }

  async read(actor: Actor, referralId: string): Promise<ReferrerReferralView | PartnerReferralView> {
    const [row]: { file_id: string; organisation_id: string; status: ReferralStatus }[] = await this.dataSource.query(
      'SELECT file_id, organisation_id, status FROM referral WHERE id = $1',
      [referralId],
    );
    if (row && row.organisation_id === actor.organisationId && row.status !== 'draft') {
      const view = await this.views.partner(this.dataSource.manager, referralId, this.clock.today());
      await this.audit.record({
        action: 'referral.read',
        outcome: 'allowed',
        entityType: 'referral',
        entityId: referralId,
        fileIds: OPEN_STATES.includes(row.status) ? [row.file_id] : [],
        details: { view: 'partner' },
      });
      return view;
    }
    // The referring side: those who keep the file (civil affairs, the institution where the person stays), not other partners.
    if (row && ['jurisdiction', 'institution'].includes(ROLE_FILE_REACH[actor.role])) {
      try {
        return await this.gateway.read(actor, row.file_id, { action: 'referral.read', details: () => ({ view: 'referrer', referralId }) }, ({ manager }) =>
          this.views.referrer(manager, referralId),
        );
      } catch (error) {
        // The kernel recorded the denial.
        if (error instanceof AppError && error.code === CaseErrors.FILE_NOT_FOUND.code) throw new AppError(ReferralErrors.REFERRAL_NOT_FOUND);
        throw error;
      }
    }
    throw await this.scopes.notFound('referral.read', referralId);
  }
}
