import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R8: a tracing lead is followed up, and what that found is on record — it
 * held (confirmed) or it was ruled out — with the day, a note and who
 * recorded it. The leads of before stay open. New columns of an existing
 * table: huijia_app's table grants (LeastPrivilege) cover them.
 */
export class TracingLeadOutcomes1796400000011 implements MigrationInterface {
  name = 'TracingLeadOutcomes1796400000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tracing_lead
        ADD COLUMN status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'ruled_out')),
        ADD COLUMN checked_on   date NULL,
        ADD COLUMN outcome_note text NULL,
        ADD COLUMN checked_by   uuid NULL REFERENCES user_account (id),
        ADD CONSTRAINT tracing_lead_outcome_dated CHECK ((status = 'open') = (checked_on IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tracing_lead DROP CONSTRAINT tracing_lead_outcome_dated,
        DROP COLUMN checked_by, DROP COLUMN outcome_note, DROP COLUMN checked_on, DROP COLUMN status`);
  }
}
