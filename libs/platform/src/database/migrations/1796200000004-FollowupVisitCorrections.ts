import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R17, R21: a follow-up visit recorded by mistake is corrected by an audited
 * edit; what it said before, who corrected it, when and why stay on record.
 */
export class FollowupVisitCorrections1796200000004 implements MigrationInterface {
  name = 'FollowupVisitCorrections1796200000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE followup_visit_correction (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        visit_id     uuid NOT NULL REFERENCES followup_visit (id),
        file_id      uuid NOT NULL REFERENCES followup_plan (file_id),
        corrected_by uuid NOT NULL REFERENCES user_account (id),
        corrected_at timestamptz NOT NULL,
        reason       text NOT NULL CHECK (length(btrim(reason)) > 0),
        previous     jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX followup_visit_correction_file_idx ON followup_visit_correction (file_id, corrected_at)`);
    // The supervisors' overdue dashboard: open reminders past due, by the assignee's organisation.
    await q.query(`CREATE INDEX reminder_open_due_idx ON reminder (assignee_organisation_id, due_at) WHERE status IN ('scheduled', 'delivered')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reminder_open_due_idx`);
    await q.query(`DROP TABLE followup_visit_correction`);
  }
}
