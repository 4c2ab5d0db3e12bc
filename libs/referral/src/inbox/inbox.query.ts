import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AUDIT_SINK, Clock, keysetPage, type AuditSink, type Page, type SortKey } from '#app/platform';
import type { Actor } from '#app/access';
import { OPEN_STATES } from '../lifecycle.js';
import { ReferralViewsQuery, type ViewRow } from '../views/referral-views.query.js';
import type { PartnerReferralListItem } from '../views/referral.view.js';
import type { InboxQuery } from './inbox.dto.js';

const OPEN = `r.status IN (${OPEN_STATES.map((state) => `'${state}'`).join(', ')})`;

/**
 * The order of the inbox as keys that all sort ascending (one keyset): open
 * referrals first, green-channel legal aid first (R18), then the nearest
 * deadline to accept (none: last), then the oldest sent. The same expressions
 * as the referral_inbox_idx index.
 */
const KEYS: readonly SortKey[] = [
  { expr: `(NOT ${OPEN})`, cast: 'boolean' },
  { expr: '(NOT r.green_channel)', cast: 'boolean' },
  { expr: `COALESCE(r.accept_by, 'infinity'::timestamptz)`, cast: 'timestamptz' },
  { expr: 'r.sent_at', cast: 'timestamptz' },
  { expr: 'r.id', cast: 'uuid' },
];

/** The partner's inbox: referrals sent to its organisation, one query a page whatever its size (no N+1). */
@Injectable()
export class InboxQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly views: ReferralViewsQuery,
    private readonly clock: Clock,
  ) {}

  async page(actor: Actor, query: InboxQuery): Promise<Page<PartnerReferralListItem>> {
    const today = this.clock.today();
    const params: unknown[] = [actor.organisationId];
    const where = ['r.organisation_id = $1', `r.status <> 'draft'`];
    if ((query.status ?? 'open') === 'open') where.push(OPEN);
    // The files of the page's referrals, for the audit record (the items do not carry them).
    const fileIds = new Set<string>();
    const page = await keysetPage(
      this.dataSource,
      { select: this.views.partnerColumns(params, today, false), from: this.views.partnerFrom, where, params, keys: KEYS },
      query,
      (row: ViewRow) => {
        fileIds.add(row.file_id);
        return this.views.toPartnerItem(row, today);
      },
    );
    await this.audit.record({
      action: 'referral.inbox',
      outcome: 'allowed',
      entityType: 'referral',
      fileIds: [...fileIds],
      details: { status: query.status ?? 'open', referralIds: page.items.map((item) => item.id) },
    });
    return page;
  }
}
