import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R16, R22: what hangs on a file ends with it, and a family's request is
 * shown across jurisdictions only when released.
 * - Grants still open on closed files end now (closing ends them from now on),
 *   and so do the police's on files whose person went home or abroad.
 * - `tracing_request_release`: the holder of a tracing request released the
 *   family's contact and details to the bureau keeping a candidate's file.
 */
export class ClosureAndReleases1796300000005 implements MigrationInterface {
  name = 'ClosureAndReleases1796300000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE file_access_grant g SET revoked_at = now() FROM victim_file f WHERE f.id = g.file_id AND g.revoked_at IS NULL AND f.state = 'closed'`);
    await q.query(
      `UPDATE file_access_grant g SET revoked_at = now()
        WHERE g.revoked_at IS NULL AND g.source IN ('police_handover', 'dna_comparison')
          AND EXISTS (SELECT 1 FROM file_history h WHERE h.file_id = g.file_id AND h.to_state IN ('reunified', 'repatriated'))`,
    );
    await q.query(`
      CREATE TABLE tracing_request_release (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id  uuid NOT NULL REFERENCES tracing_request (id),
        file_id     uuid NOT NULL REFERENCES victim_file (id),
        reason      text NOT NULL CHECK (length(btrim(reason)) > 0),
        released_by uuid NOT NULL REFERENCES user_account (id),
        released_at timestamptz NOT NULL,
        UNIQUE (request_id, file_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tracing_request_release`);
  }
}
