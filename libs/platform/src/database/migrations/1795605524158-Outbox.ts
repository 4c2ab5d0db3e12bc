import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: domain code inserts a row in the same transaction
 * as its change; the worker's relay publishes it to its queue with a
 * deterministic job id. The trigger wakes the relay without waiting for its poll.
 */
export class Outbox1795605524158 implements MigrationInterface {
  name = 'Outbox1795605524158';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue        text        NOT NULL,
        job_name     text        NOT NULL,
        payload      jsonb       NOT NULL,
        request_id   text        NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz NULL,
        failed_at    timestamptz NULL,
        last_error   text        NULL
      )`);
    await queryRunner.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL AND failed_at IS NULL`);
    await queryRunner.query(`CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER outbox_notify ON outbox`);
    await queryRunner.query(`DROP FUNCTION outbox_notify()`);
    await queryRunner.query(`DROP TABLE outbox`);
  }
}
