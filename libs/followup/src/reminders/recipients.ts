import type { EntityManager } from 'typeorm';
import { nearestOrganisationSql } from '#app/access';

export type LadderStep = 'assignee' | 'supervisor' | 'parent_bureau';

export interface ReminderRow {
  id: string;
  kind: string;
  title: string;
  file_id: string | null;
  due_at: Date;
  assignee_user_id: string | null;
  assignee_organisation_id: string;
  escalate_to_organisation_id: string | null;
  status: string;
  escalation_level: number;
  jurisdiction_code: string;
  organisation_kind: string;
}

/**
 * Who of an organisation's staff hears of a reminder: its casework staff — and,
 * for a reminder without a file (a reporting deadline, R20), which holds no
 * person, its statisticians too. Never an administrator.
 */
const STAFF = `active AND role <> 'administrator' AND (role <> 'statistician' OR $2::uuid IS NULL)`;

/**
 * Who a step of the ladder tells: the assignee (or, without one, the
 * organisation's staff); then the supervisors of the assignee's organisation;
 * then those of the civil affairs bureau of the level above — for a
 * joint-meeting office's deadline, the statisticians of the office above
 * (R20, P-35).
 */
export async function recipientsOf(manager: EntityManager, reminder: ReminderRow, step: LadderStep): Promise<string[]> {
  let rows: { id: string }[];
  switch (step) {
    case 'assignee':
      rows = reminder.assignee_user_id ? await manager.query('SELECT id FROM user_account WHERE id = $1 AND active', [reminder.assignee_user_id]) : [];
      if (rows.length === 0) {
        rows = await manager.query(`SELECT id FROM user_account WHERE organisation_id = $1 AND ${STAFF}`, [reminder.assignee_organisation_id, reminder.file_id]);
      }
      break;
    case 'supervisor':
      // The assignee organisation's supervisors (a partner without any: all its staff, its head among them),
      // and the supervisors of the organisation that asked (a referral's bureau, R18).
      rows = await manager.query(
        `WITH own AS (SELECT id FROM user_account WHERE organisation_id = $1 AND active AND role = 'supervisor')
         SELECT id FROM own
         UNION SELECT id FROM user_account WHERE organisation_id = $1 AND ${STAFF} AND NOT EXISTS (SELECT 1 FROM own)
         UNION SELECT id FROM user_account WHERE organisation_id = $3 AND active AND role = 'supervisor'`,
        [reminder.assignee_organisation_id, reminder.file_id, reminder.escalate_to_organisation_id],
      );
      break;
    case 'parent_bureau':
      if (reminder.organisation_kind === 'joint_meeting_office') {
        // An office reports to the office above (P-35): its statisticians hear that this one is late.
        rows = await manager.query(
          `SELECT u.id FROM user_account u WHERE u.organisation_id = ${nearestOrganisationSql('$1', `'joint_meeting_office'`, true)} AND u.active AND u.role = 'statistician'`,
          [reminder.jurisdiction_code],
        );
        break;
      }
      // The nearest division strictly above the organisation's that has a civil affairs bureau.
      rows = await manager.query(
        `SELECT u.id FROM user_account u WHERE u.organisation_id = ${nearestOrganisationSql('$1', `'civil_affairs_bureau'`, true)} AND u.active AND u.role = 'supervisor'`,
        [reminder.jurisdiction_code],
      );
      break;
  }
  return rows.map((row) => row.id);
}

export const SELECT_REMINDER = `SELECT r.id, r.kind, r.title, r.file_id, r.due_at, r.assignee_user_id, r.assignee_organisation_id, r.escalate_to_organisation_id,
                                       r.status, r.escalation_level,
                                       o.jurisdiction_code, o.kind AS organisation_kind
                                  FROM reminder r JOIN organisation o ON o.id = r.assignee_organisation_id`;
