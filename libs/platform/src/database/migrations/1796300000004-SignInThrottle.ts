import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttled per account and client, not per account for everybody:
 * - `login_attempt.device_hash`: the device cookie the attempt came with when
 *   that browser had signed in to the account before (NULL: the client was
 *   its address); `succeeded` NULL while the attempt is under way (reserved
 *   before the password is checked, so parallel guesses count at once);
 *   `kind`: a sign-in or a password change (throttled alike).
 * - `login_device`: the browsers (SHA-256 of their random cookie) each account
 *   signed in from.
 * - `user_account.password_change_required`: set by an administrator's reset,
 *   cleared by the user's own change; until then the API refuses the rest.
 */
export class SignInThrottle1796300000004 implements MigrationInterface {
  name = 'SignInThrottle1796300000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE login_attempt ALTER COLUMN succeeded DROP NOT NULL`);
    await q.query(`ALTER TABLE login_attempt ADD COLUMN device_hash bytea NULL`);
    await q.query(`ALTER TABLE login_attempt ADD COLUMN kind text NOT NULL DEFAULT 'login' CHECK (kind IN ('login', 'password_change'))`);
    await q.query(`DROP INDEX login_attempt_username_idx`);
    await q.query(`DROP INDEX login_attempt_ip_idx`);
    await q.query(`CREATE INDEX login_attempt_username_idx ON login_attempt (username, at)`);
    await q.query(`CREATE INDEX login_attempt_ip_idx ON login_attempt (ip, at) WHERE succeeded IS NOT TRUE`);
    await q.query(`CREATE INDEX login_attempt_at_idx ON login_attempt (at)`);
    await q.query(`
      CREATE TABLE login_device (
        token_hash   bytea NOT NULL,
        user_id      uuid NOT NULL REFERENCES user_account (id),
        created_at   timestamptz NOT NULL,
        last_used_at timestamptz NOT NULL,
        PRIMARY KEY (token_hash, user_id)
      )`);
    await q.query(`CREATE INDEX login_device_last_used_idx ON login_device (last_used_at)`);
    await q.query(`ALTER TABLE user_account ADD COLUMN password_change_required boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_account DROP COLUMN password_change_required`);
    await q.query(`DROP TABLE login_device`);
    await q.query(`DELETE FROM login_attempt WHERE succeeded IS NULL`);
    await q.query(`DROP INDEX login_attempt_at_idx`);
    await q.query(`DROP INDEX login_attempt_ip_idx`);
    await q.query(`DROP INDEX login_attempt_username_idx`);
    await q.query(`CREATE INDEX login_attempt_username_idx ON login_attempt (username, at) WHERE NOT succeeded`);
    await q.query(`CREATE INDEX login_attempt_ip_idx ON login_attempt (ip, at) WHERE NOT succeeded`);
    await q.query(`ALTER TABLE login_attempt DROP COLUMN kind`);
    await q.query(`ALTER TABLE login_attempt DROP COLUMN device_hash`);
    await q.query(`ALTER TABLE login_attempt ALTER COLUMN succeeded SET NOT NULL`);
  }
}
