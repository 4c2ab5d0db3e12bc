import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, FieldCipher, keysetPage, type AuditSink, type Page } from '#app/platform';
import type { Actor } from '#app/access';
import { TracingErrors } from '../errors.js';
import { requestReadScope } from './request-scope.js';
import type { TracingRequestQuery } from './requests.dto.js';
import type { TracingRequestListItem, TracingRequestView } from './request.view.js';

type ViewRow = Omit<TracingRequestView, 'familyPhone'> & { family_phone_cipher: Buffer | null };

/** Reading tracing requests in one's scope (R22, in SQL): a page of them, newest first, or one with the family's contact. */
@Injectable()
export class RequestsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  /** One query per page whatever its size: names and open candidates are computed in it. */
  async list(actor: Actor, query: TracingRequestQuery): Promise<Page<TracingRequestListItem>> {
    const status = query.status ?? 'open';
    const params: unknown[] = [];
    const where = [requestReadScope(actor, params, this.clock.now())];
    if (status !== 'all') where.push(`t.status = $${params.push(status)}`);
    const page = await keysetPage(
      this.dataSource,
      {
        select: `t.id, t.reference, t.sex, to_char(t.missing_on, 'YYYY-MM-DD') AS "missingOn", t.missing_place_code AS "missingPlaceCode", j.name AS "missingPlace",
                 t.status, t.created_at AS "createdAt",
                 (SELECT string_agg(n.name, '、' ORDER BY n.kind DESC, n.name) FROM tracing_request_name n WHERE n.request_id = t.id) AS names,
                 (SELECT count(*)::int FROM match_candidate c WHERE c.request_id = t.id AND c.status = 'open') AS "openCandidates"`,
        from: 'tracing_request t JOIN jurisdiction j ON j.code = t.missing_place_code',
        where,
        params,
        keys: [
          { expr: 't.created_at', cast: 'timestamptz' },
          { expr: 't.id', cast: 'uuid' },
        ],
        direction: 'desc',
      },
      query,
      (row: TracingRequestListItem) => row,
    );
    await this.audit.record({ action: 'tracing.request_list', outcome: 'allowed', entityType: 'tracing_request', details: { status, count: page.items.length } });
    return page;
  }

  async get(actor: Actor, id: string): Promise<TracingRequestView> {
    const params: unknown[] = [id];
    const scope = requestReadScope(actor, params, this.clock.now());
    const [row]: ViewRow[] = await this.dataSource.query(
      `SELECT t.id, t.reference, t.sex, to_char(t.birth_date_from, 'YYYY-MM-DD') AS "birthDateFrom", to_char(t.birth_date_to, 'YYYY-MM-DD') AS "birthDateTo",
              to_char(t.missing_on, 'YYYY-MM-DD') AS "missingOn", t.missing_place_code AS "missingPlaceCode", j.name AS "missingPlace", t.marks,
              t.family_contact_name AS "familyContactName", t.family_contact_relation AS "familyContactRelation", t.family_phone_cipher,
              t.police_report_reference AS "policeReportReference", t.status, t.closed_reason AS "closedReason", t.created_at AS "createdAt",
              coalesce((SELECT jsonb_agg(jsonb_build_object('name', n.name, 'kind', n.kind) ORDER BY n.kind DESC, n.name) FROM tracing_request_name n WHERE n.request_id = t.id), '[]') AS names
         FROM tracing_request t JOIN jurisdiction j ON j.code = t.missing_place_code WHERE t.id = $1 AND ${scope}`,
      params,
    );
    if (!row) {
      await this.audit.record({ action: 'tracing.request_read', outcome: 'denied', entityType: 'tracing_request', entityId: id });
      throw new AppError(TracingErrors.REQUEST_NOT_FOUND);
    }
    const { family_phone_cipher, ...view } = row;
    await this.audit.record({ action: 'tracing.request_read', outcome: 'allowed', entityType: 'tracing_request', entityId: id });
    return { ...view, familyPhone: this.cipher.open(family_phone_cipher) };
  }
}
