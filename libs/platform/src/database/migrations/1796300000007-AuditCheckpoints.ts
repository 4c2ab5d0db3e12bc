import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints of the audit chains (R21, R22; issue 12 §2 "Anchoring").
 * Each row is an Ed25519-signed statement of every chain's head at an instant;
 * the private key never enters the database, so whoever holds the database
 * owner's credentials can rewrite records and re-hash the chain but cannot sign
 * a new checkpoint over it: `audit:verify` finds the record at a checkpoint's
 * position no longer has the signed hash. Append-only like audit_record, and
 * also written outside PostgreSQL (AUDIT_CHECKPOINT_FILE, the webhook).
 */
export class AuditCheckpoints1796300000007 implements MigrationInterface {
  name = 'AuditCheckpoints1796300000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_checkpoint (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        signed_at  timestamptz NOT NULL,
        key_id     text NOT NULL,
        statement  text NOT NULL,
        signature  text NOT NULL UNIQUE
      )`);
    await queryRunner.query(`CREATE INDEX audit_checkpoint_signed_at_idx ON audit_checkpoint (signed_at)`);
    await queryRunner.query(`CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE OR DELETE ON audit_checkpoint FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await queryRunner.query(`CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
    // The least-privilege application role (migration 1796300000006), where it exists: append and read only.
    await queryRunner.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'huijia_app') THEN
          GRANT SELECT, INSERT ON audit_checkpoint TO huijia_app;
          REVOKE UPDATE, DELETE, TRUNCATE ON audit_checkpoint FROM huijia_app;
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_checkpoint`);
  }
}
