import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ageRange, APP_CONFIG, AUDIT_SINK, Clock, keysetPage, yearsBefore, type AppConfig, type AuditSink, type Page, type PageQuery } from '#app/platform';
import { fileWriteScope, type Actor } from '#app/access';
import type { FileState } from '#app/case';
import { FINAL_REFERRAL_STATES } from '../lifecycle.js';
import type { UnenrolledChildView } from './schooling.view.js';

/** The file states in which the child is in care (not yet home, not closed). */
const IN_CARE: readonly FileState[] = ['received', 'in_care', 'tracing', 'returning_home'];

interface Row {
  id: string;
  reference: string;
  state: FileState;
  name: string | null;
  birth_date_from: string;
  birth_date_to: string;
  open_referral: boolean;
}

/**
 * R14: children of compulsory-education age in care and not enrolled, in the
 * files the caller keeps (scoped in SQL), newest file first, a keyset page.
 */
@Injectable()
export class UnenrolledQuery {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly clock: Clock,
  ) {}

  async page(actor: Actor, query: PageQuery): Promise<Page<UnenrolledChildView>> {
    const { from, to } = this.config.referrals.compulsoryEducationAges;
    const today = this.clock.today();
    // Aged `from` to `to` today: born no later than `from` years ago, and less than `to + 1` years ago.
    const params: unknown[] = [yearsBefore(today, from), yearsBefore(today, to + 1), IN_CARE, FINAL_REFERRAL_STATES];
    const where = [
      fileWriteScope(actor, 'f', params),
      'f.state = ANY($3::text[])',
      'p.birth_date_from <= $1::date AND p.birth_date_to > $2::date',
      'NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.file_id = f.id)',
    ];
    const page = await keysetPage(
      this.dataSource,
      {
        select: `f.id, f.reference, f.state, p.name, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
                 EXISTS (SELECT 1 FROM referral r WHERE r.file_id = f.id AND r.kind IN ('schooling', 'technical_school') AND NOT r.status = ANY($4::text[])) AS open_referral`,
        from: 'victim_file f JOIN person p ON p.id = f.person_id',
        where,
        params,
        keys: [
          { expr: 'f.opened_at', cast: 'timestamptz' },
          { expr: 'f.id', cast: 'uuid' },
        ],
        direction: 'desc',
      },
      query,
      (row: Row): UnenrolledChildView => ({
        fileId: row.id,
        reference: row.reference,
        state: row.state,
        name: row.name,
        age: ageRange(row.birth_date_from, row.birth_date_to, today) ?? null,
        schoolingReferralOpen: row.open_referral,
      }),
    );
    await this.audit.record({ action: 'schooling.unenrolled', outcome: 'allowed', entityType: 'victim_file', fileIds: page.items.map((item) => item.fileId) });
    return page;
  }
}
