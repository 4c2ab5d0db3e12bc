import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R20 history: the years before huijia (2021 on), imported from a workbook of
 * the report's shape, so that the trend since the action plan began is real.
 * One row per version: a workbook imported again replaces the year's figures
 * with a reason, and the earlier version stays. Append-only like the reports
 * (huijia_app reads and inserts); `imported_by` is null for the command line.
 */
export class StatisticsImports1796600000005 implements MigrationInterface {
  name = 'StatisticsImports1796600000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE statistics_import (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year              smallint NOT NULL CHECK (year BETWEEN 2021 AND 2100),
        jurisdiction_code text NOT NULL REFERENCES jurisdiction (code),
        version           integer NOT NULL CHECK (version >= 1),
        file_name         text NOT NULL,
        file_sha256       text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
        figures           jsonb NOT NULL,
        correction_reason text NULL,
        imported_by       uuid NULL REFERENCES user_account (id),
        imported_at       timestamptz NOT NULL,
        UNIQUE (year, jurisdiction_code, version),
        CHECK ((version = 1) = (correction_reason IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX statistics_import_by_jurisdiction ON statistics_import (jurisdiction_code text_pattern_ops, year, version)`);
    await queryRunner.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'huijia_app') THEN
          GRANT SELECT, INSERT ON statistics_import TO huijia_app;
          REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON statistics_import FROM huijia_app;
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE statistics_import`);
  }
}
