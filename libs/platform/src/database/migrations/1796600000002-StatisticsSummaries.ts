import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R20: the reporting chain up the levels (P-35). Beside a bureau's report to
 * the joint-meeting office of its level, an office's summary to the office
 * above: made of the frozen reports it accepted — its own bureau's and the
 * summaries of the offices below — never of live data. `basis` holds what a
 * report's figures are made of (each jurisdiction's counts and day
 * histograms), so that a summary adds frozen reports up, medians included;
 * `sources` names the reports a summary was made of. Versions count per kind.
 */
export class StatisticsSummaries1796600000002 implements MigrationInterface {
  name = 'StatisticsSummaries1796600000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE statistics_report
        ADD COLUMN kind text NOT NULL DEFAULT 'bureau' CHECK (kind IN ('bureau', 'summary')),
        ADD COLUMN basis jsonb NULL,
        ADD COLUMN sources uuid[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE statistics_report ALTER COLUMN kind DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE statistics_report ADD CONSTRAINT statistics_report_summary_basis CHECK (kind = 'bureau' OR basis IS NOT NULL)`);
    await queryRunner.query(`ALTER TABLE statistics_report DROP CONSTRAINT statistics_report_year_jurisdiction_code_version_key`);
    await queryRunner.query(`ALTER TABLE statistics_report ADD CONSTRAINT statistics_report_version_key UNIQUE (year, jurisdiction_code, kind, version)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE statistics_report DROP CONSTRAINT statistics_report_version_key`);
    await queryRunner.query(`DELETE FROM statistics_report_review v USING statistics_report r WHERE r.id = v.report_id AND r.kind = 'summary'`);
    await queryRunner.query(`DELETE FROM statistics_report WHERE kind = 'summary'`);
    await queryRunner.query(`ALTER TABLE statistics_report DROP COLUMN sources, DROP COLUMN basis, DROP COLUMN kind`);
    await queryRunner.query(`ALTER TABLE statistics_report ADD CONSTRAINT statistics_report_year_jurisdiction_code_version_key UNIQUE (year, jurisdiction_code, version)`);
  }
}
