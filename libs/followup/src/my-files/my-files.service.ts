import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ageRange, AUDIT_SINK, Clock, keysetPage, type AuditSink, type Page, type PageQuery } from '#app/platform';
import { fileScope, type Actor } from '#app/access';
import type { FileState } from '#app/case';
import type { ReminderKind } from '../reminders/reminders.service.js';
import type { MyFileView } from './my-files.view.js';

interface MyFileRow {
  id: string;
  reference: string;
  state: FileState;
  name: string | null;
  birth_date_from: string | null;
  birth_date_to: string | null;
  due_kind: ReminderKind | null;
  due_at: Date | null;
  due_on: string | null;
  due_title: string | null;
}

/**
 * The earliest open thing due on file `f`, as `n (kind, due_at, title)`:
 * - a follow-up visit still to be made (R17), whatever became of its reminder —
 *   acknowledging one ("I am on it") does not make the visit;
 * - every other open reminder of the file (scheduled, or delivered and not yet
 *   acknowledged): a referral's accept-by or complete-by deadline (R18), the
 *   household registration's day and its next steps (R11), an age milestone.
 *   Each capability settles its reminders when the thing is done.
 */
const NEXT_DUE = `LEFT JOIN LATERAL (
    SELECT d.kind, d.due_at, d.title FROM (
      SELECT 'followup_visit' AS kind, (v.due_on + time '09:00') AT TIME ZONE 'Asia/Shanghai' AS due_at,
             coalesce(r.title, '跟踪回访 ' || v.seq || ' / follow-up visit ' || v.seq) AS title
        FROM followup_visit v LEFT JOIN reminder r ON r.id = v.reminder_id
       WHERE v.file_id = f.id AND v.status = 'scheduled'
      UNION ALL
      SELECT r.kind, r.due_at, r.title FROM reminder r
       WHERE r.file_id = f.id AND r.status IN ('scheduled', 'delivered') AND r.subject_type IS DISTINCT FROM 'followup_visit'
    ) d ORDER BY d.due_at, d.kind LIMIT 1
  ) n ON true`;

/** 工作台「我的个案」: the files one is responsible for (open ones), the nearest due first, then those with nothing due. One query per page. */
@Injectable()
export class MyFilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: PageQuery): Promise<Page<MyFileView>> {
    const today = this.clock.today();
    const params: unknown[] = [];
    const scope = fileScope(actor, 'f', params, this.clock.now());
    const page = await keysetPage(
      this.dataSource,
      {
        select: `f.id, f.reference, f.state, p.name, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
                 n.kind AS due_kind, n.due_at, to_char(n.due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS due_on, n.title AS due_title`,
        from: `victim_file f JOIN person p ON p.id = f.person_id ${NEXT_DUE}`,
        where: [scope.where, `f.responsible_caseworker_id = $${params.push(actor.userId)}`, `f.state <> 'closed'`],
        params,
        keys: [
          { expr: `coalesce(n.due_at, 'infinity')`, cast: 'timestamptz' },
          { expr: 'f.id', cast: 'uuid' },
        ],
      },
      query,
      (row: MyFileRow): MyFileView => ({
        id: row.id,
        reference: row.reference,
        state: row.state,
        name: row.name,
        age: ageRange(row.birth_date_from, row.birth_date_to, today) ?? null,
        nextDue:
          row.due_kind && row.due_at && row.due_on && row.due_title
            ? { kind: row.due_kind, dueOn: row.due_on, dueAt: row.due_at, title: row.due_title, overdue: row.due_on < today }
            : null,
      }),
    );
    await this.audit.record({ action: 'file.list', outcome: 'allowed', entityType: 'victim_file', fileIds: page.items.map((item) => item.id), details: { view: 'my_files' } });
    return page;
  }
}
