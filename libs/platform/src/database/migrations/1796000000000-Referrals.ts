import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals to partners (R12–R16, R18, R19): the referral and its small state
 * machine's history, the partner's notes and visits, consents to disclose
 * (R16), and the records of the kinds — disability assessments (R12), support
 * from organisations and individuals (R13), school enrolments (R14).
 */
export class Referrals1796000000000 implements MigrationInterface {
  name = 'Referrals1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consent (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id     uuid NOT NULL REFERENCES victim_file (id),
        category    text NOT NULL,
        given_by    text NOT NULL CHECK (given_by IN ('person', 'guardian')),
        given_on    date NOT NULL,
        note        text NULL,
        recorded_by uuid NOT NULL REFERENCES user_account (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX consent_file_idx ON consent (file_id, category) WHERE withdrawn_at IS NULL`);

    await q.query(`
      CREATE TABLE referral (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id              uuid NOT NULL REFERENCES victim_file (id),
        kind                 text NOT NULL CHECK (kind IN ('medical_care', 'psychological_counselling', 'disability_assessment', 'rehabilitation',
                                                         'schooling', 'technical_school', 'job_training', 'job_placement', 'legal_aid', 'repatriation')),
        organisation_id      uuid NOT NULL REFERENCES organisation (id),
        referring_organisation_id uuid NOT NULL REFERENCES organisation (id),
        purpose              text NOT NULL,
        status               text NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'in_progress', 'completed', 'withdrawn')),
        green_channel        boolean NOT NULL DEFAULT false,
        disclosed            text[] NOT NULL DEFAULT '{}',
        details              jsonb NOT NULL DEFAULT '{}',
        accept_by            timestamptz NULL,
        complete_by          date NULL,
        outcome              jsonb NULL,
        decline_reason       text NULL,
        withdraw_reason      text NULL,
        version              integer NOT NULL DEFAULT 1,
        created_by           uuid NOT NULL REFERENCES user_account (id),
        created_at           timestamptz NOT NULL DEFAULT now(),
        sent_at              timestamptz NULL,
        decided_at           timestamptz NULL,
        completed_at         timestamptz NULL,
        updated_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX referral_file_idx ON referral (file_id, created_at)`);
    await q.query(`CREATE INDEX referral_inbox_idx ON referral (organisation_id, green_channel DESC, sent_at) WHERE status IN ('sent', 'accepted', 'in_progress')`);
    await q.query(`CREATE INDEX referral_organisation_idx ON referral (organisation_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE referral_history (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        referral_id   uuid NOT NULL REFERENCES referral (id),
        event         text NOT NULL,
        from_status   text NULL,
        to_status     text NOT NULL,
        actor_user_id uuid NULL REFERENCES user_account (id),
        note          text NULL,
        at            timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX referral_history_idx ON referral_history (referral_id, id)`);

    await q.query(`
      CREATE TABLE referral_note (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id            uuid NOT NULL REFERENCES referral (id),
        kind                   text NOT NULL CHECK (kind IN ('progress', 'visit')),
        text                   text NOT NULL,
        visited_on             date NULL,
        author_user_id         uuid NOT NULL REFERENCES user_account (id),
        author_organisation_id uuid NOT NULL REFERENCES organisation (id),
        created_at             timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'visit') = (visited_on IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX referral_note_idx ON referral_note (referral_id, created_at)`);

    await q.query(`
      CREATE TABLE disability_assessment (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES referral (id),
        file_id     uuid NOT NULL REFERENCES victim_file (id),
        category    text NOT NULL CHECK (category IN ('visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple')),
        grade       smallint NOT NULL CHECK (grade BETWEEN 1 AND 4),
        assessed_on date NOT NULL,
        assessed_by text NOT NULL,
        recorded_by uuid NOT NULL REFERENCES user_account (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE support_contribution (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id     uuid NOT NULL REFERENCES victim_file (id),
        referral_id uuid NULL REFERENCES referral (id),
        source_kind text NOT NULL CHECK (source_kind IN ('organisation', 'individual')),
        source_name text NOT NULL,
        amount_yuan numeric(12, 2) NULL CHECK (amount_yuan >= 0),
        in_kind     text NULL,
        purpose     text NOT NULL,
        received_on date NOT NULL,
        recorded_by uuid NOT NULL REFERENCES user_account (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (amount_yuan IS NOT NULL OR in_kind IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX support_contribution_file_idx ON support_contribution (file_id)`);

    await q.query(`
      CREATE TABLE enrolment (
        referral_id  uuid PRIMARY KEY REFERENCES referral (id),
        file_id      uuid NOT NULL REFERENCES victim_file (id),
        school_id    uuid NOT NULL REFERENCES organisation (id),
        grade        text NOT NULL,
        class_name   text NULL,
        enrolled_on  date NOT NULL,
        recorded_by  uuid NOT NULL REFERENCES user_account (id),
        recorded_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX enrolment_file_idx ON enrolment (file_id)`);

    // Escalation may also reach the organisation that asked (the referring bureau's supervisors, R18).
    await q.query(`ALTER TABLE reminder ADD COLUMN escalate_to_organisation_id uuid NULL REFERENCES organisation (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE reminder DROP COLUMN escalate_to_organisation_id');
    for (const table of ['enrolment', 'support_contribution', 'disability_assessment', 'referral_note', 'referral_history', 'referral', 'consent']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
