import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R20, R21: the reporting chain's reports. A bureau's year is submitted as a
 * frozen snapshot of its exact figures (statistics_report, one row per
 * version); the joint-meeting office of its level returns it for correction
 * or accepts it (statistics_report_review, one per version). Both are
 * append-only: a correction is a new version with its reason, never a change,
 * and huijia_app may read and insert only — not even the application can
 * rewrite a submitted report.
 */
export class StatisticsReports1796600000001 implements MigrationInterface {
  name = 'StatisticsReports1796600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE statistics_report (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year              smallint NOT NULL CHECK (year BETWEEN 2021 AND 2100),
        jurisdiction_code text NOT NULL REFERENCES jurisdiction (code),
        version           integer NOT NULL CHECK (version >= 1),
        organisation_id   uuid NOT NULL REFERENCES organisation (id),
        narrative         text NOT NULL,
        correction_reason text NULL,
        figures           jsonb NOT NULL,
        submitted_by      uuid NOT NULL REFERENCES user_account (id),
        submitted_at      timestamptz NOT NULL,
        UNIQUE (year, jurisdiction_code, version),
        CHECK ((version = 1) = (correction_reason IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX statistics_report_by_jurisdiction ON statistics_report (jurisdiction_code text_pattern_ops, year, version)`);
    await queryRunner.query(`
      CREATE TABLE statistics_report_review (
        report_id   uuid PRIMARY KEY REFERENCES statistics_report (id),
        decision    text NOT NULL CHECK (decision IN ('returned', 'accepted')),
        reason      text NULL CHECK (decision <> 'returned' OR reason IS NOT NULL),
        reviewed_by uuid NOT NULL REFERENCES user_account (id),
        reviewed_at timestamptz NOT NULL
      )`);
    for (const table of ['statistics_report', 'statistics_report_review']) {
      await queryRunner.query(`
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'huijia_app') THEN
            GRANT SELECT, INSERT ON ${table} TO huijia_app;
            REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON ${table} FROM huijia_app;
          END IF;
        END $$`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE statistics_report_review`);
    await queryRunner.query(`DROP TABLE statistics_report`);
  }
}
