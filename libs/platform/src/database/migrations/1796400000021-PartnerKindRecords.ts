import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The records particular to the remaining kinds of referral (issue 14), each
 * kept by the receiving organisation on its referral, beside the disability
 * assessment (R12) and the enrolment (R14): job training, its certificates and
 * the job found (R15, work in another place allowed); the steps of a
 * green-channel legal aid case (R18); the repatriation handover (R19). Each row
 * names the organisation that recorded it; appended, never edited. New tables:
 * huijia_app's default privileges (LeastPrivilege) cover them.
 */
export class PartnerKindRecords1796400000021 implements MigrationInterface {
  name = 'PartnerKindRecords1796400000021';

  async up(q: QueryRunner): Promise<void> {
    const common = `
        referral_id     uuid NOT NULL REFERENCES referral (id),
        file_id         uuid NOT NULL REFERENCES victim_file (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        recorded_by     uuid NOT NULL REFERENCES user_account (id),
        recorded_at     timestamptz NOT NULL`;
    await q.query(`
      CREATE TABLE training_course (
        id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),${common},
        name      text NOT NULL,
        provider  text NOT NULL,
        starts_on date NOT NULL,
        ends_on   date NULL CHECK (ends_on IS NULL OR ends_on >= starts_on),
        status    text NOT NULL CHECK (status IN ('enrolled', 'in_progress', 'completed', 'dropped_out'))
      )`);
    await q.query(`
      CREATE TABLE training_certificate (
        id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),${common},
        name      text NOT NULL,
        number    text NULL,
        issued_on date NOT NULL
      )`);
    await q.query(`
      CREATE TABLE job_placement_record (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),${common},
        employer   text NOT NULL,
        position   text NOT NULL,
        starts_on  date NOT NULL,
        place_code text NOT NULL REFERENCES jurisdiction (code)
      )`);
    await q.query(`
      CREATE TABLE legal_aid_step (
        id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),${common},
        kind     text NOT NULL CHECK (kind IN ('consultation', 'litigation_filed', 'hearing', 'judgment', 'non_litigation_service', 'other')),
        taken_on date NOT NULL,
        note     text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE repatriation_handover (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),${common},
        handed_over_on      date NOT NULL,
        place               text NOT NULL,
        receiving_authority text NOT NULL,
        receiving_country   text NOT NULL CHECK (receiving_country ~ '^[A-Z]{2}$'),
        travel_document_ref text NULL,
        UNIQUE (referral_id)
      )`);
    for (const table of ['training_course', 'training_certificate', 'job_placement_record', 'legal_aid_step']) {
      await q.query(`CREATE INDEX ${table}_referral_idx ON ${table} (referral_id, recorded_at)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['repatriation_handover', 'legal_aid_step', 'job_placement_record', 'training_certificate', 'training_course']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
