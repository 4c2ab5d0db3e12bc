import pg from 'pg';

/**
 * The role the api, the worker and the CLI connect as (R21): LOGIN, no
 * superuser, owns nothing; its privileges come from the LeastPrivilege
 * migration (DML on ordinary tables, SELECT on the audit tables, EXECUTE on
 * audit_append). Migrations run as the owner of the schema.
 */
export const APP_ROLE = 'huijia_app';

const ATTRIBUTES = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

/**
 * Lets huijia_app log in with this password: creates the role when missing,
 * else gives it LOGIN and the password (a role the migration created NOLOGIN,
 * or one of an earlier start). `adminUrl` is a connection of a role that may
 * create roles (the owner or the cluster's superuser), to any database.
 */
export async function provisionAppRole(adminUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const attributes = `${ATTRIBUTES} PASSWORD ${client.escapeLiteral(password)}`;
    const existing = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    if (existing.rowCount === 0) {
      try {
        await client.query(`CREATE ROLE ${APP_ROLE} ${attributes}`);
        return;
      } catch (error) {
        // Created by someone else in the meantime (another test run on the same cluster): alter it below.
        if ((error as { code?: string }).code !== '42710') throw error;
      }
    }
    await client.query(`ALTER ROLE ${APP_ROLE} ${attributes}`);
  } finally {
    await client.end();
  }
}

/** The same server and database as `url`, as another role. */
export function urlAsRole(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password;
  return parsed.toString();
}

/** Who a connection string logs in as, and whether that role could rewrite the audit record. */
export interface DatabaseRole {
  user: string;
  superuser: boolean;
  /** The owner of audit_record, or a member of the owner's role (undefined before the audit migration). */
  ownsAuditRecord: boolean;
}

export async function databaseRole(client: { query(sql: string): Promise<{ rows: unknown[] }> }): Promise<DatabaseRole> {
  const { rows } = await client.query(
    `SELECT current_user AS user, r.rolsuper AS superuser,
            COALESCE((SELECT pg_has_role(current_user, c.relowner, 'MEMBER') FROM pg_class c WHERE c.oid = to_regclass('audit_record')), false) AS owns
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const [row] = rows as { user: string; superuser: boolean; owns: boolean }[];
  return { user: row.user, superuser: row.superuser, ownsAuditRecord: row.owns };
}
