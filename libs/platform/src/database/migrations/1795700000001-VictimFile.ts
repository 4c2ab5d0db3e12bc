import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The core of a victim file: what access is decided on. Who is responsible
 * (jurisdiction, bureau, caseworker) and where the person stays (institution).
 * The person, the interview and the rest join in later migrations (libs/case).
 */
export class VictimFile1795700000001 implements MigrationInterface {
  name = 'VictimFile1795700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE victim_file (
        id                            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference                     text NOT NULL UNIQUE,
        state                         text NOT NULL,
        responsible_jurisdiction_code text NOT NULL REFERENCES jurisdiction (code),
        responsible_organisation_id   uuid NOT NULL REFERENCES organisation (id),
        responsible_caseworker_id     uuid NULL REFERENCES user_account (id),
        current_institution_id        uuid NULL REFERENCES organisation (id),
        version                       integer NOT NULL DEFAULT 1,
        opened_at                     timestamptz NOT NULL DEFAULT now(),
        created_at                    timestamptz NOT NULL DEFAULT now(),
        updated_at                    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX victim_file_jurisdiction_idx ON victim_file (responsible_jurisdiction_code text_pattern_ops, id)`);
    await queryRunner.query(`CREATE INDEX victim_file_institution_idx ON victim_file (current_institution_id) WHERE current_institution_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX victim_file_caseworker_idx ON victim_file (responsible_caseworker_id) WHERE responsible_caseworker_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE victim_file`);
  }
}
