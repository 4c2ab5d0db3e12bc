import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, keysetPage, type Page, type PageQuery } from '#app/platform';
import { prefixOf, type Actor } from '#app/access';
import type { OverdueSummary, OverdueWorkerView } from './overdue.view.js';

/** The rows of `reminder r` (joined to the assignee's organisation `o`) overdue and unacknowledged in the actor's jurisdiction; $1 and $2 are taken. */
const OVERDUE = `reminder r JOIN organisation o ON o.id = r.assignee_organisation_id
                 WHERE r.status IN ('scheduled', 'delivered') AND r.due_at < $2 AND o.jurisdiction_code LIKE $1`;

/** Nobody in particular: the organisation's reminders, as a key that sorts. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

interface WorkerRow {
  organisation_id: string;
  organisation: string;
  user_id: string | null;
  display_name: string | null;
  count: number;
}

/** R17: what is overdue and who holds it, for the supervisors of a jurisdiction (the clock decides "overdue"). */
@Injectable()
export class OverdueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async summary(actor: Actor): Promise<OverdueSummary> {
    const rows: { kind: string; count: number }[] = await this.dataSource.query(`SELECT r.kind, count(*)::int AS count FROM ${OVERDUE} GROUP BY r.kind ORDER BY r.kind`, [
      prefixOf(actor.jurisdictionCode) + '%',
      this.clock.now(),
    ]);
    return { total: rows.reduce((sum, row) => sum + row.count, 0), byKind: Object.fromEntries(rows.map((row) => [row.kind, row.count])) };
  }

  /** The holders, most overdue first (the keyset runs over (-count, organisation, user) ascending); one query per page. */
  byWorker(actor: Actor, query: PageQuery): Promise<Page<OverdueWorkerView>> {
    return keysetPage(
      this.dataSource,
      {
        select: 'w.organisation_id, o.name AS organisation, w.user_id, u.display_name, w.count',
        from: `(SELECT r.assignee_organisation_id AS organisation_id, r.assignee_user_id AS user_id,
                       coalesce(r.assignee_user_id, '${NOBODY}'::uuid) AS user_key, count(*)::int AS count
                  FROM ${OVERDUE}
                 GROUP BY r.assignee_organisation_id, r.assignee_user_id) w
               JOIN organisation o ON o.id = w.organisation_id LEFT JOIN user_account u ON u.id = w.user_id`,
        where: [],
        params: [prefixOf(actor.jurisdictionCode) + '%', this.clock.now()],
        keys: [
          { expr: '-w.count', cast: 'int' },
          { expr: 'w.organisation_id', cast: 'uuid' },
          { expr: 'w.user_key', cast: 'uuid' },
        ],
      },
      query,
      (row: WorkerRow): OverdueWorkerView => ({
        userId: row.user_id,
        displayName: row.display_name ?? `(${row.organisation})`,
        organisationId: row.organisation_id,
        organisation: row.organisation,
        count: row.count,
      }),
    );
  }
}
