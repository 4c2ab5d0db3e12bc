import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, FieldCipher, keysetPage, type AuditSink, type Page } from '#app/platform';
import type { Actor } from '#app/access';
import { TracingErrors } from '../errors.js';
import { requestAccess } from './request-scope.js';
import type { TracingRequestQuery } from './requests.dto.js';
import type { TracingRequestListItem, TracingRequestView } from './request.view.js';

type ViewRow = Omit<TracingRequestView, 'familyPhone' | 'holder'> & { family_phone_cipher: Buffer | null; holder_id: string; holder_name: string };

/** Selects `expr` as `alias`, or null for a caller who only has a candidate (R22: the family's details never leave the database for them). */
const unlessCandidate = (expr: string, alias: string) => `CASE WHEN a.access = 'candidate' THEN NULL ELSE ${expr} END AS ${alias}`;

/**
 * Reading tracing requests in one's scope (R22, in SQL): a page of them,
 * newest first, or one with the family's contact — for a bureau whose file is
 * only a candidate, who holds it and nothing of the family until released.
 */
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
    const scope = requestAccess(actor, params, this.clock.now());
    const where = [scope.where];
    if (status !== 'all') where.push(`t.status = $${params.push(status)}`);
    const page = await keysetPage(
      this.dataSource,
      {
        select: `t.id, t.reference, t.sex, to_char(t.missing_on, 'YYYY-MM-DD') AS "missingOn", t.missing_place_code AS "missingPlaceCode", j.name AS "missingPlace",
                 t.status, t.created_at AS "createdAt", a.access, json_build_object('id', h.id, 'name', h.name) AS holder,
                 ${unlessCandidate(`(SELECT string_agg(n.name, '、' ORDER BY n.kind DESC, n.name) FROM tracing_request_name n WHERE n.request_id = t.id)`, 'names')},
                 (SELECT count(*)::int FROM match_candidate c WHERE c.request_id = t.id AND c.status = 'open') AS "openCandidates"`,
        from: `tracing_request t JOIN jurisdiction j ON j.code = t.missing_place_code JOIN organisation h ON h.id = t.organisation_id
               CROSS JOIN LATERAL (SELECT ${scope.access} AS access) a`,
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
    const scope = requestAccess(actor, params, this.clock.now());
    const [row]: ViewRow[] = await this.dataSource.query(
      `SELECT t.id, t.reference, a.access, h.id AS holder_id, h.name AS holder_name, t.sex,
              to_char(t.birth_date_from, 'YYYY-MM-DD') AS "birthDateFrom", to_char(t.birth_date_to, 'YYYY-MM-DD') AS "birthDateTo",
              to_char(t.missing_on, 'YYYY-MM-DD') AS "missingOn", t.missing_place_code AS "missingPlaceCode", j.name AS "missingPlace", ${unlessCandidate('t.marks', 'marks')},
              ${unlessCandidate('t.family_contact_name', '"familyContactName"')}, ${unlessCandidate('t.family_contact_relation', '"familyContactRelation"')},
              ${unlessCandidate('t.family_phone_cipher', 'family_phone_cipher')}, ${unlessCandidate('t.police_report_reference', '"policeReportReference"')},
              t.status, t.closed_reason AS "closedReason", t.created_at AS "createdAt",
              CASE WHEN a.access = 'candidate' THEN '[]'::jsonb ELSE
                coalesce((SELECT jsonb_agg(jsonb_build_object('name', n.name, 'kind', n.kind) ORDER BY n.kind DESC, n.name) FROM tracing_request_name n WHERE n.request_id = t.id), '[]')
              END AS names
         FROM tracing_request t JOIN jurisdiction j ON j.code = t.missing_place_code JOIN organisation h ON h.id = t.organisation_id
              CROSS JOIN LATERAL (SELECT ${scope.access} AS access) a
        WHERE t.id = $1 AND ${scope.where}`,
      params,
    );
    if (!row) {
      await this.audit.record({ action: 'tracing.request_read', outcome: 'denied', entityType: 'tracing_request', entityId: id });
      throw new AppError(TracingErrors.REQUEST_NOT_FOUND);
    }
    const { family_phone_cipher, holder_id, holder_name, ...view } = row;
    await this.audit.record({ action: 'tracing.request_read', outcome: 'allowed', entityType: 'tracing_request', entityId: id, details: { access: view.access } });
    return { ...view, holder: { id: holder_id, name: holder_name }, familyPhone: this.cipher.open(family_phone_cipher) };
  }
}
