import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A police unit's own handovers, newest first (GET /intake/police-handovers,
 * R22: the unit sees what it handed over): the list's filter and keyset
 * order in one index, so the page is read from the index and not by scanning
 * every intake.
 */
export class PoliceHandoverIndex1796500000001 implements MigrationInterface {
  name = 'PoliceHandoverIndex1796500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX intake_police_handovers_of_unit ON intake (reporting_organisation_id, occurred_on DESC, recorded_at DESC, file_id DESC)
        WHERE kind = 'police_handover'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX intake_police_handovers_of_unit`);
  }
}
