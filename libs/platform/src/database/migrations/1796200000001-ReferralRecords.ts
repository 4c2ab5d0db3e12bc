import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals read what they write (issue 11): a consent can be withdrawn, with
 * the reason and who recorded it (R16); a partner's note recorded by mistake
 * is corrected by an addendum, the note itself never changes; and the keyset
 * indexes of the lists that page — the partner inbox (open first, green
 * channel first, then by deadline), a file's referrals, its consents and its
 * support contributions (R13).
 */
export class ReferralRecords1796200000001 implements MigrationInterface {
  name = 'ReferralRecords1796200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consent ADD COLUMN withdraw_reason text NULL`);
    await q.query(`ALTER TABLE consent ADD COLUMN withdrawn_by uuid NULL REFERENCES user_account (id)`);
    await q.query(
      `ALTER TABLE consent ADD CONSTRAINT consent_withdrawal_check CHECK ((withdrawn_at IS NULL) = (withdraw_reason IS NULL) AND (withdrawn_at IS NULL) = (withdrawn_by IS NULL))`,
    );
    await q.query(`CREATE INDEX consent_list_idx ON consent (file_id, recorded_at, id)`);

    await q.query(`
      CREATE TABLE referral_note_correction (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        note_id                uuid NOT NULL REFERENCES referral_note (id),
        referral_id            uuid NOT NULL REFERENCES referral (id),
        text                   text NOT NULL,
        visited_on             date NULL,
        reason                 text NOT NULL,
        author_user_id         uuid NOT NULL REFERENCES user_account (id),
        author_organisation_id uuid NOT NULL REFERENCES organisation (id),
        created_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX referral_note_correction_idx ON referral_note_correction (note_id, created_at)`);

    await q.query(`DROP INDEX referral_inbox_idx`);
    await q.query(`
      CREATE INDEX referral_inbox_idx ON referral (
        organisation_id, (status NOT IN ('sent', 'accepted', 'in_progress')), (NOT green_channel), (COALESCE(accept_by, 'infinity'::timestamptz)), sent_at, id
      ) WHERE status <> 'draft'`);
    await q.query(`DROP INDEX referral_file_idx`);
    await q.query(`CREATE INDEX referral_file_idx ON referral (file_id, created_at, id)`);
    await q.query(`DROP INDEX support_contribution_file_idx`);
    await q.query(`CREATE INDEX support_contribution_file_idx ON support_contribution (file_id, recorded_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX support_contribution_file_idx`);
    await q.query(`CREATE INDEX support_contribution_file_idx ON support_contribution (file_id)`);
    await q.query(`DROP INDEX referral_file_idx`);
    await q.query(`CREATE INDEX referral_file_idx ON referral (file_id, created_at)`);
    await q.query(`DROP INDEX referral_inbox_idx`);
    await q.query(`CREATE INDEX referral_inbox_idx ON referral (organisation_id, green_channel DESC, sent_at) WHERE status IN ('sent', 'accepted', 'in_progress')`);
    await q.query(`DROP TABLE referral_note_correction`);
    await q.query(`DROP INDEX consent_list_idx`);
    await q.query(`ALTER TABLE consent DROP CONSTRAINT consent_withdrawal_check`);
    await q.query(`ALTER TABLE consent DROP COLUMN withdrawn_by`);
    await q.query(`ALTER TABLE consent DROP COLUMN withdraw_reason`);
  }
}
