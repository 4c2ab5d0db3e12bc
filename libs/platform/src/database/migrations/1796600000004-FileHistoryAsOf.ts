import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R20: a file's state on a given day — the last history row before it —
 * read for every file of a province when a year's "still in care at year end"
 * is counted (bench:statistics: most of the report's time without it). One
 * index probe per file, its state read from the index.
 */
export class FileHistoryAsOf1796600000004 implements MigrationInterface {
  name = 'FileHistoryAsOf1796600000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX file_history_as_of_idx ON file_history (file_id, at DESC, id DESC) INCLUDE (to_state)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX file_history_as_of_idx`);
  }
}
