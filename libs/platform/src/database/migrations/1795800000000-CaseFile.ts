import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The victim file in full (R1–R7, R19, R23): the person and their names,
 * contacts, the intake, the one interview and its addenda, the buying
 * household, guardians, mandatory reports, placements, assistance measures,
 * the return home, repatriation, transfers, approvals and the history of the
 * state machine. Identifiers (ID, phone, document numbers) are stored only
 * encrypted, beside a blind index.
 */
export class CaseFile1795800000000 implements MigrationInterface {
  name = 'CaseFile1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name                    text NULL,
        sex                     text NOT NULL CHECK (sex IN ('female', 'male', 'unknown')),
        birth_date_from         date NULL,
        birth_date_to           date NULL,
        identity_status         text NOT NULL CHECK (identity_status IN ('confirmed', 'claimed', 'unknown')),
        id_number_cipher        bytea NULL,
        id_number_index         bytea NULL,
        nationality             text NULL CHECK (nationality ~ '^[A-Z]{2}$'),
        travel_document_type    text NULL,
        travel_document_country text NULL CHECK (travel_document_country ~ '^[A-Z]{2}$'),
        travel_document_cipher  bytea NULL,
        travel_document_index   bytea NULL,
        languages               text[] NOT NULL DEFAULT '{}',
        disability              text NULL,
        origin_place_code       text NULL REFERENCES jurisdiction (code),
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CHECK ((birth_date_from IS NULL) = (birth_date_to IS NULL)),
        CHECK (birth_date_from <= birth_date_to),
        CHECK ((id_number_cipher IS NULL) = (id_number_index IS NULL))
      )`);
    await q.query(`CREATE INDEX person_id_number_idx ON person (id_number_index) WHERE id_number_index IS NOT NULL`);
    await q.query(`CREATE INDEX person_travel_document_idx ON person (travel_document_index) WHERE travel_document_index IS NOT NULL`);
    await q.query(`CREATE INDEX person_birth_idx ON person (birth_date_from, birth_date_to)`);

    // Every name a person is known by, with its pinyin, for search (R3, R4, and R8's childhood names).
    await q.query(`
      CREATE TABLE person_name (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id      uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        kind           text NOT NULL CHECK (kind IN ('name', 'alias', 'childhood_name')),
        name           text NOT NULL,
        pinyin         text NOT NULL,
        pinyin_compact text NOT NULL,
        initials       text NOT NULL
      )`);
    await q.query(`CREATE INDEX person_name_person_idx ON person_name (person_id)`);
    await q.query(`CREATE INDEX person_name_name_idx ON person_name (name text_pattern_ops)`);
    await q.query(`CREATE INDEX person_name_pinyin_idx ON person_name (pinyin_compact text_pattern_ops)`);
    await q.query(`CREATE INDEX person_name_initials_idx ON person_name (initials text_pattern_ops)`);

    await q.query(`
      CREATE TABLE person_contact (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id    uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        label        text NOT NULL,
        phone_cipher bytea NULL,
        phone_index  bytea NULL,
        address      text NULL,
        note         text NULL,
        CHECK (phone_cipher IS NOT NULL OR address IS NOT NULL OR note IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX person_contact_person_idx ON person_contact (person_id)`);
    await q.query(`CREATE INDEX person_contact_phone_idx ON person_contact (phone_index) WHERE phone_index IS NOT NULL`);

    await q.query(`ALTER TABLE victim_file ADD COLUMN person_id uuid NOT NULL REFERENCES person (id)`);
    await q.query(`ALTER TABLE victim_file ADD COLUMN intake_kind text NOT NULL CHECK (intake_kind IN ('police_handover', 'institution_discovery'))`);
    await q.query(`ALTER TABLE victim_file ADD COLUMN place_code text NOT NULL REFERENCES jurisdiction (code)`);
    await q.query(`ALTER TABLE victim_file ADD COLUMN closed_at timestamptz NULL`);
    await q.query(`CREATE INDEX victim_file_person_idx ON victim_file (person_id)`);
    await q.query(`CREATE INDEX victim_file_state_idx ON victim_file (state, responsible_jurisdiction_code text_pattern_ops)`);
    await q.query(`CREATE INDEX victim_file_opened_idx ON victim_file (responsible_jurisdiction_code text_pattern_ops, opened_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE file_reference_counter (
        prefix text NOT NULL,
        year   integer NOT NULL,
        last   integer NOT NULL,
        PRIMARY KEY (prefix, year)
      )`);

    await q.query(`
      CREATE TABLE intake (
        file_id                   uuid PRIMARY KEY REFERENCES victim_file (id),
        kind                      text NOT NULL CHECK (kind IN ('police_handover', 'institution_discovery')),
        reporting_organisation_id uuid NOT NULL REFERENCES organisation (id),
        police_case_number        text NULL,
        occurred_on               date NOT NULL,
        place_code                text NOT NULL REFERENCES jurisdiction (code),
        materials                 jsonb NOT NULL DEFAULT '[]',
        circumstances             text NOT NULL,
        recorded_by               uuid NOT NULL REFERENCES user_account (id),
        recorded_at               timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'police_handover' OR police_case_number IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE interview (
        file_id       uuid PRIMARY KEY REFERENCES victim_file (id),
        conducted_at  timestamptz NOT NULL,
        place         text NULL,
        language      text NOT NULL,
        interpreter   jsonb NULL,
        attendees     jsonb NOT NULL,
        circumstances text NOT NULL,
        needs         text[] NOT NULL DEFAULT '{}',
        needs_note    text NULL,
        risks         text NULL,
        wishes        text NULL,
        consents      jsonb NOT NULL DEFAULT '{}',
        recorded_by   uuid NOT NULL REFERENCES user_account (id),
        recorded_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE interview_addendum (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id     uuid NOT NULL REFERENCES interview (file_id),
        section     text NOT NULL,
        text        text NOT NULL,
        reason      text NOT NULL,
        recorded_by uuid NOT NULL REFERENCES user_account (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX interview_addendum_file_idx ON interview_addendum (file_id, recorded_at)`);

    await q.query(`
      CREATE TABLE buyer_household_member (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id            uuid NOT NULL REFERENCES victim_file (id),
        name               text NULL,
        name_normalised    text NULL,
        relation           text NULL,
        id_number_cipher   bytea NULL,
        id_number_index    bytea NULL,
        address            text NULL,
        address_normalised text NULL,
        place_code         text NULL REFERENCES jurisdiction (code),
        recorded_by        uuid NOT NULL REFERENCES user_account (id),
        recorded_at        timestamptz NOT NULL DEFAULT now(),
        CHECK (name IS NOT NULL OR id_number_index IS NOT NULL OR address IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX buyer_household_file_idx ON buyer_household_member (file_id)`);
    await q.query(`CREATE INDEX buyer_household_id_idx ON buyer_household_member (id_number_index) WHERE id_number_index IS NOT NULL`);

    await q.query(`
      CREATE TABLE guardian (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id          uuid NOT NULL REFERENCES victim_file (id),
        kind             text NOT NULL CHECK (kind IN ('parent', 'relative', 'institution', 'civil_affairs', 'other')),
        name             text NOT NULL,
        relation         text NULL,
        id_number_cipher bytea NULL,
        id_number_index  bytea NULL,
        phone_cipher     bytea NULL,
        address          text NULL,
        organisation_id  uuid NULL REFERENCES organisation (id),
        since            date NOT NULL,
        until            date NULL,
        recorded_by      uuid NOT NULL REFERENCES user_account (id),
        recorded_at      timestamptz NOT NULL DEFAULT now(),
        CHECK (until IS NULL OR until >= since)
      )`);
    await q.query(`CREATE INDEX guardian_file_idx ON guardian (file_id)`);

    await q.query(`
      CREATE TABLE mandatory_report (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id                     uuid NOT NULL REFERENCES victim_file (id),
        suspected_harm              text NOT NULL,
        reported_to                 text NOT NULL,
        reported_to_organisation_id uuid NULL REFERENCES organisation (id),
        reported_at                 timestamptz NOT NULL,
        reference                   text NULL,
        recorded_by                 uuid NOT NULL REFERENCES user_account (id),
        recorded_at                 timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mandatory_report_file_idx ON mandatory_report (file_id)`);

    await q.query(`
      CREATE TABLE placement (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id        uuid NOT NULL REFERENCES victim_file (id),
        institution_id uuid NOT NULL REFERENCES organisation (id),
        from_date      date NOT NULL,
        to_date        date NULL,
        reason         text NULL,
        approval_id    uuid NULL,
        recorded_by    uuid NOT NULL REFERENCES user_account (id),
        recorded_at    timestamptz NOT NULL DEFAULT now(),
        CHECK (to_date IS NULL OR to_date >= from_date)
      )`);
    await q.query(`CREATE INDEX placement_file_idx ON placement (file_id, from_date)`);
    await q.query(`CREATE UNIQUE INDEX placement_one_open_idx ON placement (file_id) WHERE to_date IS NULL`);

    await q.query(`
      CREATE TABLE assistance_measure (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id                     uuid NOT NULL REFERENCES victim_file (id),
        kind                        text NOT NULL CHECK (kind IN ('shelter', 'food', 'clothing', 'medical', 'psychological', 'travel_home',
                                      'minimum_living_allowance', 'extreme_poverty_support', 'temporary_assistance', 'other')),
        description                 text NOT NULL,
        provided_on                 date NOT NULL,
        provided_by_organisation_id uuid NULL REFERENCES organisation (id),
        amount_yuan                 numeric(12, 2) NULL CHECK (amount_yuan >= 0),
        recorded_by                 uuid NOT NULL REFERENCES user_account (id),
        recorded_at                 timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX assistance_measure_file_idx ON assistance_measure (file_id, provided_on)`);

    await q.query(`
      CREATE TABLE return_home (
        file_id                   uuid PRIMARY KEY REFERENCES victim_file (id),
        recipient_name            text NOT NULL,
        recipient_name_normalised text NOT NULL,
        relation                  text NOT NULL,
        recipient_id_cipher       bytea NULL,
        recipient_id_index        bytea NULL,
        recipient_phone_cipher    bytea NULL,
        address                   text NOT NULL,
        address_normalised        text NOT NULL,
        place_code                text NOT NULL REFERENCES jurisdiction (code),
        planned_on                date NULL,
        travel_arrangements       text NULL,
        escorted_by               text NULL,
        handed_over_at            timestamptz NULL,
        recorded_by               uuid NOT NULL REFERENCES user_account (id),
        recorded_at               timestamptz NOT NULL DEFAULT now(),
        updated_at                timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE repatriation (
        file_id                         uuid PRIMARY KEY REFERENCES victim_file (id),
        country                         text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        foreign_affairs_organisation_id uuid NOT NULL REFERENCES organisation (id),
        transit_care                    text NOT NULL,
        handed_over_at                  timestamptz NULL,
        handed_over_to                  text NULL,
        reference                       text NULL,
        recorded_by                     uuid NOT NULL REFERENCES user_account (id),
        recorded_at                     timestamptz NOT NULL DEFAULT now(),
        updated_at                      timestamptz NOT NULL DEFAULT now(),
        CHECK ((handed_over_at IS NULL) = (handed_over_to IS NULL))
      )`);

    await q.query(`
      CREATE TABLE file_transfer (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id              uuid NOT NULL REFERENCES victim_file (id),
        from_organisation_id uuid NOT NULL REFERENCES organisation (id),
        to_organisation_id   uuid NOT NULL REFERENCES organisation (id),
        reason               text NOT NULL,
        status               text NOT NULL CHECK (status IN ('awaiting_acceptance', 'accepted', 'declined')),
        requested_by         uuid NOT NULL REFERENCES user_account (id),
        requested_at         timestamptz NOT NULL DEFAULT now(),
        decided_by           uuid NULL REFERENCES user_account (id),
        decided_at           timestamptz NULL,
        decision_reason      text NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX file_transfer_one_open_idx ON file_transfer (file_id) WHERE status = 'awaiting_acceptance'`);
    await q.query(`CREATE INDEX file_transfer_to_idx ON file_transfer (to_organisation_id) WHERE status = 'awaiting_acceptance'`);

    await q.query(`
      CREATE TABLE approval (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id            uuid NOT NULL REFERENCES victim_file (id),
        event              text NOT NULL,
        payload            jsonb NOT NULL DEFAULT '{}',
        requested_in_state text NOT NULL,
        requested_by       uuid NOT NULL REFERENCES user_account (id),
        requested_at       timestamptz NOT NULL DEFAULT now(),
        status             text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
        decided_by         uuid NULL REFERENCES user_account (id),
        decided_at         timestamptz NULL,
        reason             text NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX approval_one_pending_idx ON approval (file_id, event) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX approval_pending_idx ON approval (requested_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE file_history (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        file_id       uuid NOT NULL REFERENCES victim_file (id),
        event         text NOT NULL,
        from_state    text NULL,
        to_state      text NOT NULL,
        actor_user_id uuid NULL REFERENCES user_account (id),
        approval_id   uuid NULL REFERENCES approval (id),
        note          text NULL,
        at            timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX file_history_file_idx ON file_history (file_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'file_history',
      'approval',
      'file_transfer',
      'repatriation',
      'return_home',
      'assistance_measure',
      'placement',
      'mandatory_report',
      'guardian',
      'buyer_household_member',
      'interview_addendum',
      'interview',
      'intake',
      'file_reference_counter',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP INDEX victim_file_state_idx`);
    await q.query(`DROP INDEX victim_file_opened_idx`);
    await q.query(`DELETE FROM file_access_grant`);
    await q.query(`DELETE FROM emergency_access`);
    await q.query(`DELETE FROM victim_file`);
    for (const column of ['closed_at', 'place_code', 'intake_kind', 'person_id']) await q.query(`ALTER TABLE victim_file DROP COLUMN ${column}`);
    for (const table of ['person_contact', 'person_name', 'person']) await q.query(`DROP TABLE ${table}`);
  }
}
