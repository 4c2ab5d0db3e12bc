import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R6, R23: the buying household matched by name, alias and address as well as
 * by ID number; ID numbers that were checked against a document (verified);
 * a guardian's birth date (an adult, R23); guardians and household members
 * corrected or removed with a reason (kept, not deleted); an approval bound to
 * the data it was asked for (digests of the return home and the guardians) and
 * set aside as `stale` when that data changed.
 */
export class BuyerHouseholdRules1796300000003 implements MigrationInterface {
  name = 'BuyerHouseholdRules1796300000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE buyer_household_member
        ADD COLUMN aliases            text[] NOT NULL DEFAULT '{}',
        ADD COLUMN id_number_verified boolean NOT NULL DEFAULT false,
        ADD COLUMN updated_at         timestamptz NULL,
        ADD COLUMN removed_at         timestamptz NULL,
        ADD COLUMN removed_by         uuid NULL REFERENCES user_account (id),
        ADD COLUMN removal_reason     text NULL,
        ADD CONSTRAINT buyer_household_verified_has_id CHECK (NOT id_number_verified OR id_number_index IS NOT NULL),
        ADD CONSTRAINT buyer_household_removal_complete CHECK ((removed_at IS NULL) = (removal_reason IS NULL))`);
    await q.query(`
      ALTER TABLE guardian
        ADD COLUMN birth_date         date NULL,
        ADD COLUMN id_number_verified boolean NOT NULL DEFAULT false,
        ADD COLUMN removed_at         timestamptz NULL,
        ADD COLUMN removed_by         uuid NULL REFERENCES user_account (id),
        ADD COLUMN removal_reason     text NULL,
        ADD CONSTRAINT guardian_verified_has_id CHECK (NOT id_number_verified OR id_number_index IS NOT NULL),
        ADD CONSTRAINT guardian_removal_complete CHECK ((removed_at IS NULL) = (removal_reason IS NULL))`);
    await q.query(`
      ALTER TABLE return_home
        ADD COLUMN recipient_id_verified boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT return_home_verified_has_id CHECK (NOT recipient_id_verified OR recipient_id_index IS NOT NULL)`);
    await q.query(`ALTER TABLE approval ADD COLUMN bound_digest jsonb NULL`);
    await q.query(`ALTER TABLE approval DROP CONSTRAINT approval_status_check`);
    await q.query(`ALTER TABLE approval ADD CONSTRAINT approval_status_check CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'stale'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE approval SET status = 'withdrawn' WHERE status = 'stale'`);
    await q.query(`ALTER TABLE approval DROP CONSTRAINT approval_status_check`);
    await q.query(`ALTER TABLE approval ADD CONSTRAINT approval_status_check CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn'))`);
    await q.query(`ALTER TABLE approval DROP COLUMN bound_digest`);
    await q.query(`ALTER TABLE return_home DROP CONSTRAINT return_home_verified_has_id, DROP COLUMN recipient_id_verified`);
    await q.query(`
      ALTER TABLE guardian DROP CONSTRAINT guardian_verified_has_id, DROP CONSTRAINT guardian_removal_complete,
        DROP COLUMN birth_date, DROP COLUMN id_number_verified, DROP COLUMN removed_at, DROP COLUMN removed_by, DROP COLUMN removal_reason`);
    await q.query(`
      ALTER TABLE buyer_household_member DROP CONSTRAINT buyer_household_verified_has_id, DROP CONSTRAINT buyer_household_removal_complete,
        DROP COLUMN aliases, DROP COLUMN id_number_verified, DROP COLUMN updated_at, DROP COLUMN removed_at, DROP COLUMN removed_by, DROP COLUMN removal_reason`);
  }
}
