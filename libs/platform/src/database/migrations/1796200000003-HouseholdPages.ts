import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Household registration tasks page with a keyset (libs/household): the
 * to-do lists run over (due_on, file_id) among the open tasks not excused,
 * a bureau's under its file scope, a police unit's by its own id.
 */
export class HouseholdPages1796200000003 implements MigrationInterface {
  name = 'HouseholdPages1796200000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX household_registration_police_idx`);
    await q.query(
      `CREATE INDEX household_registration_police_idx ON household_registration (police_organisation_id, due_on, file_id)
        WHERE status IN ('counting', 'application_prepared') AND exception_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX household_registration_due_idx ON household_registration (due_on, file_id) WHERE status IN ('counting', 'application_prepared') AND exception_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX household_registration_due_idx`);
    await q.query(`DROP INDEX household_registration_police_idx`);
    await q.query(`CREATE INDEX household_registration_police_idx ON household_registration (police_organisation_id, due_on) WHERE status IN ('counting', 'application_prepared')`);
  }
}
