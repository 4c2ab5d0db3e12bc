import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lists are newest first (opened_at DESC, id DESC) under a scope: an index in
 * that order lets a page be read by walking it and filtering, instead of
 * sorting every file in scope (bench/search).
 */
export class FileListIndexes1795800000001 implements MigrationInterface {
  name = 'FileListIndexes1795800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX victim_file_newest_idx ON victim_file (opened_at DESC, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX victim_file_newest_idx`);
  }
}
