import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R20: a reporting deadline is a reminder like the others (STATS_DEADLINES,
 * by level), held by the bureau or the joint-meeting office that reports; it
 * holds no file.
 */
export class StatisticsDeadlines1796600000003 implements MigrationInterface {
  name = 'StatisticsDeadlines1796600000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reminder DROP CONSTRAINT reminder_kind_check`);
    await queryRunner.query(`
      ALTER TABLE reminder ADD CONSTRAINT reminder_kind_check CHECK (kind IN ('followup_visit', 'referral_accept_by', 'referral_complete_by',
        'household_registration', 'age_milestone', 'statistics_deadline', 'other'))`);
    await queryRunner.query(`ALTER TABLE reminder ADD CONSTRAINT reminder_statistics_without_file CHECK (kind <> 'statistics_deadline' OR file_id IS NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM notification WHERE reminder_id IN (SELECT id FROM reminder WHERE kind = 'statistics_deadline')`);
    await queryRunner.query(`DELETE FROM reminder WHERE kind = 'statistics_deadline'`);
    await queryRunner.query(`ALTER TABLE reminder DROP CONSTRAINT reminder_statistics_without_file, DROP CONSTRAINT reminder_kind_check`);
    await queryRunner.query(`
      ALTER TABLE reminder ADD CONSTRAINT reminder_kind_check CHECK (kind IN ('followup_visit', 'referral_accept_by', 'referral_complete_by',
        'household_registration', 'age_milestone', 'other'))`);
  }
}
