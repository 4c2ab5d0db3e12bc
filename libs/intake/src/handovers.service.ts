import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AUDIT_SINK, keysetPage, type AuditSink, type Page, type PageQuery } from '#app/platform';
import type { Actor } from '#app/access';
import type { PoliceHandoverListItem } from './handovers.view.js';

/**
 * The police unit's own handovers (R1), the newest first: scoped in SQL to
 * the handovers the caller's unit made, whoever recorded them; one query per page.
 */
@Injectable()
export class HandoversService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
  ) {}

  async list(actor: Actor, query: PageQuery): Promise<Page<PoliceHandoverListItem>> {
    const page = await keysetPage(
      this.dataSource,
      {
        select: `i.file_id AS "fileId", f.reference AS "fileReference", i.police_case_number AS "policeCaseNumber",
                 to_char(i.occurred_on, 'YYYY-MM-DD') AS "handoverDate", i.place_code AS "placeCode", j.name AS place,
                 o.name AS "receivingBureau", f.state AS "fileState", jsonb_array_length(i.materials) AS "materialsCount"`,
        from: `intake i JOIN victim_file f ON f.id = i.file_id JOIN jurisdiction j ON j.code = i.place_code
               JOIN organisation o ON o.id = f.responsible_organisation_id`,
        where: [`i.kind = 'police_handover'`, 'i.reporting_organisation_id = $1'],
        params: [actor.organisationId],
        keys: [
          { expr: 'i.occurred_on', cast: 'date' },
          { expr: 'i.recorded_at', cast: 'timestamptz' },
          { expr: 'i.file_id', cast: 'uuid' },
        ],
        direction: 'desc',
      },
      query,
      (row: PoliceHandoverListItem) => row,
    );
    await this.audit.record({
      action: 'intake.handovers_list',
      outcome: 'allowed',
      entityType: 'intake',
      fileIds: page.items.map((item) => item.fileId),
    });
    return page;
  }
}
