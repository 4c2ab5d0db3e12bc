import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Least privilege (R21, R22): the api, the worker and the CLI connect as
 * `huijia_app`, which owns nothing and is no superuser; migrations run as the
 * owner. huijia_app may read and write the ordinary tables, read the audit
 * tables, and append to the audit record only through `audit_append`, which
 * runs as the owner (SECURITY DEFINER, fixed search_path). So whoever holds
 * the application's credentials cannot disable the audit triggers, delete or
 * re-hash a record, or move a chain head.
 *
 * The role is provisioned with a password by whoever sets up the cluster
 * (`npm start`, the test harness, compose's init script, the DBA); on a bare
 * cluster this migration creates it NOLOGIN so the grants never fail.
 *
 * Later tables created by the owner get huijia_app's DML by default (ALTER
 * DEFAULT PRIVILEGES); a later audit table must REVOKE UPDATE, DELETE,
 * TRUNCATE itself, as this one does for the audit tables of today.
 */
export class LeastPrivilege1796300000006 implements MigrationInterface {
  name = 'LeastPrivilege1796300000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'huijia_app') THEN
          CREATE ROLE huijia_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
        END IF;
      END $$`);
    const schema = await this.schema(queryRunner);
    // Nothing but what is granted below: no CREATE in the schema (PostgreSQL 15+ already; older ones granted it to PUBLIC).
    await queryRunner.query(`REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA ${schema} TO huijia_app`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM huijia_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO huijia_app`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO huijia_app`);
    // The schema's history is the owner's: the app may read it, never rewrite it.
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE ON migrations FROM huijia_app`);
    // Every audit table: read only. Appends go through audit_append, which runs as the owner.
    const auditTables: { name: string }[] = await queryRunner.query(
      `SELECT quote_ident(c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname LIKE 'audit\\_%' ORDER BY c.relname`,
    );
    for (const { name } of auditTables) await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON ${name} FROM huijia_app`);

    await queryRunner.query(`ALTER FUNCTION audit_append(jsonb) SECURITY DEFINER SET search_path = ${schema}, pg_temp`);
    await queryRunner.query(`REVOKE EXECUTE ON FUNCTION audit_append(jsonb) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION audit_append(jsonb) TO huijia_app`);

    // Tables and sequences the owner creates later: the same DML, nothing more.
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO huijia_app`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO huijia_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = await this.schema(queryRunner);
    // The role is cluster-wide (other databases may use it): only this database's grants go.
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} REVOKE ALL ON SEQUENCES FROM huijia_app`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} REVOKE ALL ON TABLES FROM huijia_app`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION audit_append(jsonb) TO PUBLIC`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION audit_append(jsonb) FROM huijia_app`);
    await queryRunner.query(`ALTER FUNCTION audit_append(jsonb) SECURITY INVOKER RESET search_path`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM huijia_app`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM huijia_app`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA ${schema} FROM huijia_app`);
  }

  private async schema(queryRunner: QueryRunner): Promise<string> {
    const [{ schema }]: { schema: string }[] = await queryRunner.query('SELECT quote_ident(current_schema()) AS schema');
    return schema;
  }
}
