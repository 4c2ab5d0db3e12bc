import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterCursor, AUDIT_SINK, Clock, Cursor, pageSize, toPage, type AuditSink, type Page } from '#app/platform';
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
const KEYS = [`(NOT ${OPEN})`, '(NOT r.green_channel)', `COALESCE(r.accept_by, 'infinity'::timestamptz)`, 'r.sent_at', 'r.id'];
const CASTS = ['boolean', 'boolean', 'timestamptz', 'timestamptz', 'uuid'];

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
    const cursor = Cursor.decode(query.cursor, KEYS.length);
    if (cursor) where.push(afterCursor(params, KEYS, cursor, CASTS));
    const limit = pageSize(query);
    const columns = this.views.partnerColumns(params, today, false);
    const rows: ViewRow[] = await this.dataSource.query(
      `SELECT ${columns}, COALESCE(r.accept_by, 'infinity'::timestamptz)::text AS accept_key, r.sent_at::text AS sent_key
         FROM ${this.views.partnerFrom}
        WHERE ${where.join(' AND ')}
        ORDER BY ${KEYS.join(', ')}
        LIMIT ${limit + 1}`,
      params,
    );
    const page = toPage(
      rows,
      limit,
      (row) => this.views.toPartnerItem(row, today),
      (row) => [!row.open, !row.green_channel, row.accept_key as string, row.sent_key as string, row.id],
    );
    await this.audit.record({
      action: 'referral.inbox',
      outcome: 'allowed',
      entityType: 'referral',
      fileIds: [...new Set(rows.slice(0, limit).map((row) => row.file_id))],
      details: { status: query.status ?? 'open', referralIds: page.items.map((item) => item.id) },
    });
    return page;
  }
}
