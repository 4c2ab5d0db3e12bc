import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Family tracing (R8–R10) and household registration (R11): families'
 * tracing requests, leads on files, match candidates with their score per
 * feature, DNA comparisons as the police report them (never genetic data),
 * refused private paternity tests, duty-of-care notices; the household
 * registration task, its steps and social security.
 */
export class TracingHousehold1796100000000 implements MigrationInterface {
  name = 'TracingHousehold1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tracing_request (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference               text NOT NULL UNIQUE,
        sex                     text NOT NULL CHECK (sex IN ('female', 'male', 'unknown')),
        birth_date_from         date NOT NULL,
        birth_date_to           date NOT NULL,
        missing_on              date NOT NULL,
        missing_place_code      text NOT NULL REFERENCES jurisdiction (code),
        marks                   text NULL,
        family_contact_name     text NOT NULL,
        family_contact_relation text NULL,
        family_phone_cipher     bytea NULL,
        police_report_reference text NULL,
        status                  text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'found', 'closed')),
        closed_reason           text NULL,
        recorded_by             uuid NOT NULL REFERENCES user_account (id),
        organisation_id         uuid NOT NULL REFERENCES organisation (id),
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CHECK (birth_date_from <= birth_date_to),
        CHECK (missing_on >= birth_date_from)
      )`);
    // A new request is matched against the people still unidentified: few among all files.
    await q.query(`CREATE INDEX person_unidentified_idx ON person (sex, birth_date_from) WHERE identity_status IN ('unknown', 'claimed')`);
    // The matcher's place block: the same prefecture, then sex and age (libs/tracing requestsFor).
    await q.query(`CREATE INDEX tracing_request_prefecture_idx ON tracing_request (left(missing_place_code, 4), sex, birth_date_from) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE tracing_request_name (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id     uuid NOT NULL REFERENCES tracing_request (id) ON DELETE CASCADE,
        kind           text NOT NULL CHECK (kind IN ('name', 'alias', 'childhood_name')),
        name           text NOT NULL,
        pinyin         text NOT NULL,
        pinyin_compact text NOT NULL,
        initials       text NOT NULL,
        -- The given name in pinyin: a homophone under a changed surname still meets it (see matcher.ts givenPinyin).
        given_pinyin   text NULL
      )`);
    await q.query(`CREATE INDEX tracing_request_name_given_idx ON tracing_request_name (given_pinyin) WHERE given_pinyin IS NOT NULL`);
    await q.query(`CREATE INDEX tracing_request_name_request_idx ON tracing_request_name (request_id)`);
    await q.query(`CREATE INDEX tracing_request_name_name_idx ON tracing_request_name (name)`);
    await q.query(`CREATE INDEX tracing_request_name_pinyin_idx ON tracing_request_name (pinyin_compact)`);
    await q.query(`CREATE INDEX tracing_request_name_initials_idx ON tracing_request_name (initials)`);
    await q.query(`CREATE INDEX tracing_request_name_given_chars_idx ON tracing_request_name (right(name, 2))`);

    await q.query(`
      CREATE TABLE tracing_lead (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id     uuid NOT NULL REFERENCES victim_file (id),
        kind        text NOT NULL CHECK (kind IN ('dialect', 'place_name', 'person', 'event', 'mark', 'other')),
        text        text NOT NULL,
        source      text NOT NULL CHECK (source IN ('person', 'interview', 'institution_staff', 'police', 'family', 'other')),
        place_code  text NULL REFERENCES jurisdiction (code),
        recorded_by uuid NOT NULL REFERENCES user_account (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX tracing_lead_file_idx ON tracing_lead (file_id)`);

    await q.query(`
      CREATE TABLE match_candidate (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id          uuid NOT NULL REFERENCES victim_file (id),
        request_id       uuid NOT NULL REFERENCES tracing_request (id),
        score            numeric(4, 3) NOT NULL,
        features         jsonb NOT NULL,
        status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'referred_to_police', 'confirmed', 'ruled_out')),
        dismissed_reason text NULL,
        decided_by       uuid NULL REFERENCES user_account (id),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (file_id, request_id)
      )`);
    await q.query(`CREATE INDEX match_candidate_request_idx ON match_candidate (request_id)`);

    await q.query(`
      CREATE TABLE dna_comparison (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        candidate_id           uuid NOT NULL REFERENCES match_candidate (id),
        file_id                uuid NOT NULL REFERENCES victim_file (id),
        police_organisation_id uuid NOT NULL REFERENCES organisation (id),
        police_reference       text NOT NULL,
        requested_on           date NOT NULL,
        outcome                text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'match', 'no_match', 'inconclusive')),
        reported_on            date NULL,
        report_reference       text NULL,
        requested_by           uuid NOT NULL REFERENCES user_account (id),
        reported_by            uuid NULL REFERENCES user_account (id),
        created_at             timestamptz NOT NULL DEFAULT now(),
        CHECK ((outcome = 'pending') = (reported_on IS NULL))
      )`);
    await q.query(`CREATE INDEX dna_comparison_file_idx ON dna_comparison (file_id)`);

    // R10: offered, refused, never a basis for reunification.
    await q.query(`
      CREATE TABLE private_paternity_test (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id     uuid NOT NULL REFERENCES victim_file (id),
        offered_by  text NOT NULL,
        offered_on  date NOT NULL,
        note        text NULL,
        refused     boolean NOT NULL DEFAULT true CHECK (refused),
        recorded_by uuid NOT NULL REFERENCES user_account (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE duty_of_care_notice (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id     uuid NOT NULL REFERENCES victim_file (id),
        relatives   text NOT NULL,
        notified_on date NOT NULL,
        method      text NOT NULL CHECK (method IN ('in_person', 'phone', 'letter', 'video')),
        note        text NULL,
        recorded_by uuid NOT NULL REFERENCES user_account (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE identity_confirmation (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id         uuid NOT NULL REFERENCES victim_file (id),
        basis           text NOT NULL CHECK (basis IN ('police_dna_match', 'police_verification', 'documents', 'household_registration')),
        basis_reference text NOT NULL,
        confirmed_by    uuid NOT NULL REFERENCES user_account (id),
        confirmed_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE household_registration (
        file_id                 uuid PRIMARY KEY REFERENCES victim_file (id),
        -- R11: the first day of the current uninterrupted stay in institutions with identity unknown.
        clock_started_on        date NOT NULL,
        due_on                  date NOT NULL,
        -- The public security unit that registers households for the file's place; none found: the bureau alone is told.
        police_organisation_id  uuid NULL REFERENCES organisation (id),
        status                  text NOT NULL CHECK (status IN ('counting', 'application_prepared', 'registered', 'cancelled')),
        cancelled_reason        text NULL,
        documents               text[] NULL,
        application_on          date NULL,
        application_note        text NULL,
        registered_on           date NULL,
        household_number_cipher bytea NULL,
        -- For a child of unknown origin the police check the DNA database before registering (C-3.7): their reference only, never data.
        dna_database_check_reference text NULL,
        registration_recorded_by uuid NULL REFERENCES user_account (id),
        exception_reason        text NULL,
        exception_by            uuid NULL REFERENCES user_account (id),
        exception_at            timestamptz NULL,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'registered') = (registered_on IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX household_registration_police_idx ON household_registration (police_organisation_id, due_on) WHERE status IN ('counting', 'application_prepared')`);
    await q.query(`
      CREATE TABLE social_security_enrolment (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id     uuid NOT NULL REFERENCES victim_file (id),
        kind        text NOT NULL CHECK (kind IN ('basic_medical_insurance', 'minimum_living_allowance', 'extreme_poverty_support', 'other_assistance')),
        enrolled_on date NOT NULL,
        reference   text NULL,
        recorded_by uuid NOT NULL REFERENCES user_account (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (file_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX person_unidentified_idx');
    for (const table of [
      'social_security_enrolment',
      'household_registration',
      'identity_confirmation',
      'duty_of_care_notice',
      'private_paternity_test',
      'dna_comparison',
      'match_candidate',
      'tracing_lead',
      'tracing_request_name',
      'tracing_request',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
