import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access to files beyond one's own jurisdiction or institution (R16, R22):
 * grants to a partner organisation (written by the referral engine while a
 * referral is open) and time-limited emergency access ("break the glass")
 * of a supervisor, reviewed by the next level.
 */
export class FileAccess1795700000002 implements MigrationInterface {
  name = 'FileAccess1795700000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE file_access_grant (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id         uuid NOT NULL REFERENCES victim_file (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        source          text NOT NULL CHECK (source IN ('referral', 'police_handover', 'dna_comparison', 'household_registration')),
        source_id       uuid NULL,
        granted_at      timestamptz NOT NULL DEFAULT now(),
        revoked_at      timestamptz NULL
      )`);
    await queryRunner.query(`CREATE INDEX file_access_grant_open_idx ON file_access_grant (organisation_id, file_id) WHERE revoked_at IS NULL`);
    await queryRunner.query(`CREATE INDEX file_access_grant_file_idx ON file_access_grant (file_id)`);

    await queryRunner.query(`
      CREATE TABLE emergency_access (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id     uuid NOT NULL REFERENCES user_account (id),
        file_id     uuid NOT NULL REFERENCES victim_file (id),
        reason      text NOT NULL CHECK (length(btrim(reason)) >= 10),
        granted_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL,
        reviewed_by uuid NULL REFERENCES user_account (id),
        reviewed_at timestamptz NULL,
        review_note text NULL,
        CHECK (expires_at > granted_at)
      )`);
    await queryRunner.query(`CREATE INDEX emergency_access_user_idx ON emergency_access (user_id, expires_at)`);
    await queryRunner.query(`CREATE INDEX emergency_access_unreviewed_idx ON emergency_access (granted_at) WHERE reviewed_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE emergency_access`);
    await queryRunner.query(`DROP TABLE file_access_grant`);
  }
}
