import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainEventSubscriptions } from '#app/platform';
import { InboxWriter } from '#app/followup';

interface Facts {
  organisation: string;
  kind: 'bureau' | 'summary';
  receiving_code: string | null;
}

/**
 * R20: the reporting chain in the inbox, once each. A report submitted → the
 * statisticians of the office it goes to (a bureau's: the office of its
 * level; a summary: the office above; the province's summary goes outside
 * huijia); returned or accepted → the person who submitted it. The text names
 * the year, the unit and the version — reports hold no person.
 */
@Injectable()
export class ReportNotifications implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly subscriptions: DomainEventSubscriptions,
    private readonly inbox: InboxWriter,
  ) {}

  onModuleInit(): void {
    this.subscriptions.subscribe('statistics.report_submitted', 'inbox.statistics_report_submitted', async (event) => {
      const facts = await this.facts(event.subjectId);
      if (!facts?.receiving_code) return;
      // Statisticians are addressed by name: an organisation's notices go to its casework staff only.
      const statisticians: { id: string }[] = await this.dataSource.query(
        `SELECT u.id FROM user_account u JOIN organisation o ON o.id = u.organisation_id
          WHERE o.kind = 'joint_meeting_office' AND o.active AND o.jurisdiction_code = $1 AND u.role = 'statistician' AND u.active`,
        [facts.receiving_code],
      );
      const { year, version } = event.data;
      const [zh, en] = facts.kind === 'bureau' ? ['年度报表', 'annual report'] : ['汇总报表', 'summary'];
      await this.inbox.deliver({
        eventId: event.eventId,
        to: { users: statisticians.map((user) => user.id) },
        kind: 'statistics_report_submitted',
        title: `${year} 年度${zh}待审核：${facts.organisation}（第 ${version} 版） / ${year} ${en} to review: ${facts.organisation} (version ${version})`,
        body: '请审核：通过，或说明理由退回更正 / Please review it: accept it, or return it with the reason',
        fileId: null,
        subjectType: 'statistics_report',
        subjectId: event.subjectId,
      });
    });
    this.subscriptions.subscribe('statistics.report_reviewed', 'inbox.statistics_report_reviewed', async (event) => {
      const facts = await this.facts(event.subjectId);
      if (!facts) return;
      const { year, version, decision } = event.data;
      const [zh, en] = decision === 'accepted' ? ['已审核通过', 'accepted'] : ['被退回更正', 'returned for correction'];
      const [reason]: { reason: string | null }[] = await this.dataSource.query(`SELECT reason FROM statistics_report_review WHERE report_id = $1`, [event.subjectId]);
      await this.inbox.deliver({
        eventId: event.eventId,
        to: { users: [event.data.submittedBy] },
        kind: decision === 'accepted' ? 'statistics_report_accepted' : 'statistics_report_returned',
        title: `${year} 年度报表（第 ${version} 版）${zh} / ${year} report (version ${version}) ${en}`,
        body: reason?.reason ?? '',
        fileId: null,
        subjectType: 'statistics_report',
        subjectId: event.subjectId,
      });
    });
  }

  private async facts(reportId: string): Promise<Facts | undefined> {
    const [row]: Facts[] = await this.dataSource.query(
      `SELECT o.name AS organisation, r.kind, CASE r.kind WHEN 'bureau' THEN r.jurisdiction_code ELSE j.parent_code END AS receiving_code
         FROM statistics_report r JOIN organisation o ON o.id = r.organisation_id JOIN jurisdiction j ON j.code = r.jurisdiction_code
        WHERE r.id = $1`,
      [reportId],
    );
    return row;
  }
}
