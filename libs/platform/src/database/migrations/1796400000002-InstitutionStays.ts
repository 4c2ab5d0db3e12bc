import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stay in an institution (issue 13; R5, R7, R22): it begins when a
 * placement takes effect (one stay per placement), then records the arrival
 * (when, room, unit), daily care notes (appended; a correction is a new note
 * naming the old one, never an edit), leaves and returns, and the departure,
 * linked to the file's transition that ended the placement where there is one.
 */
export class InstitutionStays1796400000002 implements MigrationInterface {
  name = 'InstitutionStays1796400000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE institution_stay (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id               uuid NOT NULL REFERENCES victim_file (id),
        placement_id          uuid NOT NULL UNIQUE REFERENCES placement (id),
        institution_id        uuid NOT NULL REFERENCES organisation (id),
        begins_on             date NOT NULL,
        arrived_at            timestamptz NULL,
        room                  text NULL,
        unit                  text NULL,
        arrival_recorded_by   uuid NULL REFERENCES user_account (id),
        departed_at           timestamptz NULL,
        departure_reason      text NULL CHECK (departure_reason IN ('reunified', 'resettled', 'repatriated', 'transferred', 'left_without_notice', 'other')),
        departure_note        text NULL,
        departure_recorded_by uuid NULL REFERENCES user_account (id),
        departure_event       text NULL,
        departure_history_id  bigint NULL REFERENCES file_history (id),
        created_at            timestamptz NOT NULL DEFAULT now(),
        CHECK ((departed_at IS NULL) = (departure_reason IS NULL)),
        CHECK (departed_at IS NULL OR arrived_at IS NULL OR departed_at >= arrived_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX institution_stay_one_open_idx ON institution_stay (file_id) WHERE departed_at IS NULL`);
    await q.query(`CREATE INDEX institution_stay_institution_idx ON institution_stay (institution_id) WHERE departed_at IS NULL`);
    await q.query(`CREATE INDEX institution_stay_file_idx ON institution_stay (file_id, begins_on)`);

    await q.query(`
      CREATE TABLE stay_care_note (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        stay_id          uuid NOT NULL REFERENCES institution_stay (id),
        file_id          uuid NOT NULL REFERENCES victim_file (id),
        author_id        uuid NOT NULL REFERENCES user_account (id),
        noted_at         timestamptz NOT NULL,
        text             text NOT NULL,
        corrects_note_id uuid NULL REFERENCES stay_care_note (id),
        recorded_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX stay_care_note_stay_idx ON stay_care_note (stay_id, noted_at)`);
    // A care note is never edited nor deleted: a correction is a new note naming the old one.
    await q.query(`
      CREATE FUNCTION stay_care_note_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'stay_care_note is append-only: correct a note with a new note';
      END $$`);
    await q.query(`CREATE TRIGGER stay_care_note_no_change BEFORE UPDATE OR DELETE ON stay_care_note FOR EACH ROW EXECUTE FUNCTION stay_care_note_refuse_change()`);

    await q.query(`
      CREATE TABLE stay_leave (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        stay_id            uuid NOT NULL REFERENCES institution_stay (id),
        file_id            uuid NOT NULL REFERENCES victim_file (id),
        left_at            timestamptz NOT NULL,
        expected_back_at   timestamptz NOT NULL,
        reason             text NOT NULL,
        recorded_by        uuid NOT NULL REFERENCES user_account (id),
        returned_at        timestamptz NULL,
        return_recorded_by uuid NULL REFERENCES user_account (id),
        CHECK (expected_back_at > left_at),
        CHECK (returned_at IS NULL OR returned_at >= left_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX stay_leave_one_open_idx ON stay_leave (stay_id) WHERE returned_at IS NULL`);
    await q.query(`CREATE INDEX stay_leave_overdue_idx ON stay_leave (expected_back_at) WHERE returned_at IS NULL`);

    // The people staying today: a stay for every open placement (its arrival is theirs to record).
    await q.query(`
      INSERT INTO institution_stay (file_id, placement_id, institution_id, begins_on)
      SELECT p.file_id, p.id, p.institution_id, p.from_date FROM placement p WHERE p.to_date IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stay_leave`);
    await q.query(`DROP TABLE stay_care_note`);
    await q.query(`DROP FUNCTION stay_care_note_refuse_change()`);
    await q.query(`DROP TABLE institution_stay`);
  }
}
