import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users and organisations carry a version: an edit may name the version it
 * saw (409 when someone changed the record meanwhile).
 */
export class AccessVersions1796200000005 implements MigrationInterface {
  name = 'AccessVersions1796200000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_account ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE organisation ADD COLUMN version integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisation DROP COLUMN version`);
    await q.query(`ALTER TABLE user_account DROP COLUMN version`);
  }
}
