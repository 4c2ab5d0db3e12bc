import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit record's verifications (issue 14): an administrator asks
 * (POST /audit/verification, a row of audit_verification), the worker walks
 * every chain and checks the checkpoints (queue `audit-verifications`), and
 * writes what it found once (audit_verification_result). Both append-only like
 * the other audit tables: huijia_app may read and insert, never change or
 * remove a verification or its result (LeastPrivilege, 1796300000006, revoked
 * that on the audit tables of its day; a later one does it itself).
 */
export class AuditVerifications1796500000014 implements MigrationInterface {
  name = 'AuditVerifications1796500000014';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_verification (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requested_by  uuid NOT NULL REFERENCES user_account (id),
        requested_at  timestamptz NOT NULL,
        request_id    text
      )`);
    await queryRunner.query(`CREATE INDEX audit_verification_newest ON audit_verification (requested_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE audit_verification_result (
        verification_id      uuid PRIMARY KEY REFERENCES audit_verification (id),
        started_at           timestamptz NOT NULL,
        finished_at          timestamptz NOT NULL,
        intact               boolean NOT NULL,
        records              bigint NOT NULL,
        chains               integer NOT NULL,
        first_broken         jsonb,
        checkpoints          jsonb
      )`);
    for (const table of ['audit_verification', 'audit_verification_result']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
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
    await queryRunner.query(`DROP TABLE audit_verification_result`);
    await queryRunner.query(`DROP TABLE audit_verification`);
  }
}
