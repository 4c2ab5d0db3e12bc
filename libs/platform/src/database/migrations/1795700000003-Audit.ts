import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit record (R21, R22): append-only, hash-chained per province.
 * Each record holds the SHA-256 of the previous record of its chain and of its
 * own canonical content; `audit_append` is the only way in, and triggers refuse
 * UPDATE, DELETE and TRUNCATE. `audit_chain` keeps each chain's head, so a
 * verifier also notices records cut from the end.
 */
export class Audit1795700000003 implements MigrationInterface {
  name = 'Audit1795700000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_chain (
        chain     text PRIMARY KEY,
        last_seq  bigint NOT NULL DEFAULT 0,
        last_hash bytea NOT NULL DEFAULT '\\x0000000000000000000000000000000000000000000000000000000000000000'
      )`);
    await queryRunner.query(`
      CREATE TABLE audit_record (
        id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        chain                 text NOT NULL,
        seq                   bigint NOT NULL,
        at                    timestamptz NOT NULL,
        actor_user_id         uuid NULL,
        actor_username        text NULL,
        actor_organisation_id uuid NULL,
        actor_role            text NULL,
        action                text NOT NULL,
        outcome               text NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
        entity_type           text NULL,
        entity_id             text NULL,
        file_ids              uuid[] NOT NULL DEFAULT '{}',
        purpose               text NULL,
        request_id            text NULL,
        details               jsonb NOT NULL DEFAULT '{}',
        prev_hash             bytea NOT NULL,
        hash                  bytea NOT NULL,
        UNIQUE (chain, seq)
      )`);
    await queryRunner.query(`CREATE INDEX audit_record_file_idx ON audit_record USING gin (file_ids)`);
    await queryRunner.query(`CREATE INDEX audit_record_actor_idx ON audit_record (actor_user_id, at)`);
    await queryRunner.query(`CREATE INDEX audit_record_at_idx ON audit_record (at)`);

    // The canonical text a record's hash covers: every column but id and the hashes, times in UTC.
    await queryRunner.query(`
      CREATE FUNCTION audit_canonical(r audit_record) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_object(
          'chain', r.chain, 'seq', r.seq,
          'at', to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'actorUserId', r.actor_user_id, 'actorUsername', r.actor_username,
          'actorOrganisationId', r.actor_organisation_id, 'actorRole', r.actor_role,
          'action', r.action, 'outcome', r.outcome, 'entityType', r.entity_type, 'entityId', r.entity_id,
          'fileIds', to_jsonb(r.file_ids), 'purpose', r.purpose, 'requestId', r.request_id, 'details', r.details
        )::text
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION audit_append(entry jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE
        r audit_record;
      BEGIN
        r.chain := entry->>'chain';
        -- The chain's head is locked until the surrounding transaction ends: one writer per chain at a time.
        SELECT last_seq + 1, last_hash INTO r.seq, r.prev_hash FROM audit_chain WHERE chain = r.chain FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO audit_chain (chain) VALUES (r.chain) ON CONFLICT (chain) DO NOTHING;
          SELECT last_seq + 1, last_hash INTO r.seq, r.prev_hash FROM audit_chain WHERE chain = r.chain FOR UPDATE;
        END IF;
        r.at := date_trunc('microseconds', clock_timestamp());
        r.actor_user_id := (entry->>'actorUserId')::uuid;
        r.actor_username := entry->>'actorUsername';
        r.actor_organisation_id := (entry->>'actorOrganisationId')::uuid;
        r.actor_role := entry->>'actorRole';
        r.action := entry->>'action';
        r.outcome := entry->>'outcome';
        r.entity_type := entry->>'entityType';
        r.entity_id := entry->>'entityId';
        r.file_ids := COALESCE(ARRAY(SELECT jsonb_array_elements_text(entry->'fileIds'))::uuid[], '{}');
        r.purpose := entry->>'purpose';
        r.request_id := entry->>'requestId';
        r.details := COALESCE(entry->'details', '{}'::jsonb);
        r.hash := sha256(r.prev_hash || convert_to(audit_canonical(r), 'UTF8'));
        INSERT INTO audit_record (chain, seq, at, actor_user_id, actor_username, actor_organisation_id, actor_role,
                                  action, outcome, entity_type, entity_id, file_ids, purpose, request_id, details,
                                  prev_hash, hash)
        VALUES (r.chain, r.seq, r.at, r.actor_user_id, r.actor_username, r.actor_organisation_id, r.actor_role,
                r.action, r.outcome, r.entity_type, r.entity_id, r.file_ids, r.purpose, r.request_id, r.details,
                r.prev_hash, r.hash);
        UPDATE audit_chain SET last_seq = r.seq, last_hash = r.hash WHERE chain = r.chain;
        RETURN r.seq;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit records are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_record_no_update BEFORE UPDATE OR DELETE ON audit_record FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await queryRunner.query(`CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION audit_append(jsonb)`);
    await queryRunner.query(`DROP FUNCTION audit_canonical(audit_record)`);
    await queryRunner.query(`DROP TABLE audit_record`);
    await queryRunner.query(`DROP TABLE audit_chain`);
    await queryRunner.query(`DROP FUNCTION audit_refuse_change()`);
  }
}
