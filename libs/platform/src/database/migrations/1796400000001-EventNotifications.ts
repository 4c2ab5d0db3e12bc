import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Everyone's inbox gets the events that concern them (issue 13):
 * - `notification.event_id`: the domain event (outbox row) a notification
 *   announces; one per event and person, so a relayed-again or retried event
 *   adds nothing. `subject_type`/`subject_id`: what it is about besides the
 *   file (a referral, an approval, a transfer, a DNA comparison).
 * - Users' contact for the outgoing channel, encrypted at rest with the field
 *   cipher like other identifiers: `email_cipher`, `mobile_cipher`. The
 *   plain-text `email` column (never settable through the API) goes: an
 *   address typed into it by hand must be set again through PATCH /users/:id.
 */
export class EventNotifications1796400000001 implements MigrationInterface {
  name = 'EventNotifications1796400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification ADD COLUMN event_id text NULL, ADD COLUMN subject_type text NULL, ADD COLUMN subject_id uuid NULL`);
    await q.query(`CREATE UNIQUE INDEX notification_event_once_idx ON notification (event_id, recipient_user_id) WHERE event_id IS NOT NULL`);
    await q.query(`ALTER TABLE user_account DROP COLUMN email, ADD COLUMN email_cipher bytea NULL, ADD COLUMN mobile_cipher bytea NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_account DROP COLUMN mobile_cipher, DROP COLUMN email_cipher`);
    await q.query(`ALTER TABLE user_account ADD COLUMN email text NULL CHECK (email ~ '^[^[:space:]@]+@[^[:space:]@]+$')`);
    await q.query(`DROP INDEX notification_event_once_idx`);
    await q.query(`ALTER TABLE notification DROP COLUMN subject_id, DROP COLUMN subject_type, DROP COLUMN event_id`);
  }
}
