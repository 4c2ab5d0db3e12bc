import { createRequire } from 'node:module';
import type { MigrationInterface, QueryRunner } from 'typeorm';

interface ChineseDays {
  isWorkday(day: string): boolean;
  getDayDetail(day: string): { name: string };
}

/**
 * Long-term follow-up and reminders (R17): the calendar of working days with
 * 调休 (seeded from chinese-days, which ends with 2026; later years are loaded
 * by an administrator), follow-up plans and visits, reminders as data, and the
 * in-app inbox. Users get an optional email address for the outgoing channel.
 */
export class Followup1795900000000 implements MigrationInterface {
  name = 'Followup1795900000000';

  async up(q: QueryRunner): Promise<void> {
    // Only the days that break the weekend rule are stored: holidays on weekdays, 调休 working weekends.
    await q.query(`
      CREATE TABLE calendar_year (
        year      integer PRIMARY KEY,
        source    text NOT NULL CHECK (source IN ('chinese-days', 'administrator')),
        loaded_by uuid NULL REFERENCES user_account (id),
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE calendar_exception (
        day        date PRIMARY KEY,
        is_workday boolean NOT NULL,
        name       text NOT NULL
      )`);
    const require = createRequire(import.meta.url);
    const calendar = require('chinese-days') as ChineseDays & { default?: ChineseDays };
    const days = calendar.default ?? calendar;
    const rows: { day: string; is_workday: boolean; name: string }[] = [];
    const years: number[] = [];
    for (let year = 2004; year <= 2100; year++) {
      const before = rows.length;
      for (let date = new Date(Date.UTC(year, 0, 1)); date.getUTCFullYear() === year; date.setUTCDate(date.getUTCDate() + 1)) {
        const day = date.toISOString().slice(0, 10);
        const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
        const workday = days.isWorkday(day);
        if (workday === weekend) rows.push({ day, is_workday: workday, name: days.getDayDetail(day).name });
      }
      if (rows.length === before) break;
      years.push(year);
    }
    await q.query(`INSERT INTO calendar_year (year, source) SELECT unnest($1::int[]), 'chinese-days'`, [years]);
    await q.query(
      `INSERT INTO calendar_exception (day, is_workday, name) SELECT day, is_workday, name FROM jsonb_to_recordset($1::jsonb) AS r(day date, is_workday boolean, name text)`,
      [JSON.stringify(rows)],
    );

    await q.query(`ALTER TABLE user_account ADD COLUMN email text NULL CHECK (email ~ '^[^[:space:]@]+@[^[:space:]@]+$')`);

    await q.query(`
      CREATE TABLE reminder (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind                     text NOT NULL CHECK (kind IN ('followup_visit', 'referral_accept_by', 'referral_complete_by', 'household_registration',
                                                               'age_milestone', 'other')),
        dedupe_key               text NULL UNIQUE,
        title                    text NOT NULL,
        file_id                  uuid NULL REFERENCES victim_file (id),
        subject_type             text NULL,
        subject_id               uuid NULL,
        due_at                   timestamptz NOT NULL,
        assignee_user_id         uuid NULL REFERENCES user_account (id),
        assignee_organisation_id uuid NOT NULL REFERENCES organisation (id),
        status                   text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'delivered', 'acknowledged', 'cancelled')),
        enqueued_at              timestamptz NULL,
        delivered_at             timestamptz NULL,
        escalation_level         integer NOT NULL DEFAULT 0,
        next_escalation_at       timestamptz NULL,
        acknowledged_at          timestamptz NULL,
        acknowledged_by          uuid NULL REFERENCES user_account (id),
        cancelled_at             timestamptz NULL,
        created_at               timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reminder_window_idx ON reminder (due_at) WHERE status = 'scheduled' AND enqueued_at IS NULL`);
    await q.query(`CREATE INDEX reminder_due_idx ON reminder (due_at) WHERE status = 'scheduled'`);
    await q.query(`CREATE INDEX reminder_escalation_idx ON reminder (next_escalation_at) WHERE status = 'delivered'`);
    await q.query(`CREATE INDEX reminder_file_idx ON reminder (file_id) WHERE file_id IS NOT NULL`);
    await q.query(`CREATE INDEX reminder_assignee_idx ON reminder (assignee_organisation_id, status)`);

    await q.query(`
      CREATE TABLE notification (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_user_id uuid NOT NULL REFERENCES user_account (id),
        reminder_id       uuid NULL REFERENCES reminder (id),
        escalation_level  integer NOT NULL DEFAULT 0,
        kind              text NOT NULL,
        title             text NOT NULL,
        body              text NOT NULL,
        file_id           uuid NULL REFERENCES victim_file (id),
        created_at        timestamptz NOT NULL DEFAULT now(),
        read_at           timestamptz NULL
      )`);
    // One notification per reminder, step and person: a retried delivery adds nothing.
    await q.query(`CREATE UNIQUE INDEX notification_once_idx ON notification (reminder_id, escalation_level, recipient_user_id) WHERE reminder_id IS NOT NULL`);
    await q.query(`CREATE INDEX notification_inbox_idx ON notification (recipient_user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notification_unread_idx ON notification (recipient_user_id) WHERE read_at IS NULL`);

    await q.query(`
      CREATE TABLE followup_plan (
        file_id          uuid PRIMARY KEY REFERENCES victim_file (id),
        starts_on        date NOT NULL,
        ends_on          date NOT NULL,
        status           text NOT NULL CHECK (status IN ('active', 'cancelled', 'completed')),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE followup_visit (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id              uuid NOT NULL REFERENCES followup_plan (file_id),
        seq                  integer NOT NULL,
        due_on               date NOT NULL,
        assignee_user_id     uuid NULL REFERENCES user_account (id),
        status               text NOT NULL CHECK (status IN ('scheduled', 'done', 'cancelled')),
        reminder_id          uuid NULL REFERENCES reminder (id),
        visited_on           date NULL,
        living_situation     text NULL,
        schooling_employment text NULL,
        problems             text NULL,
        actions_agreed       text NULL,
        recorded_by          uuid NULL REFERENCES user_account (id),
        recorded_at          timestamptz NULL,
        UNIQUE (file_id, seq)
      )`);
    await q.query(`CREATE INDEX followup_visit_due_idx ON followup_visit (due_on) WHERE status = 'scheduled'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['followup_visit', 'followup_plan', 'notification', 'reminder', 'calendar_exception', 'calendar_year']) await q.query(`DROP TABLE ${table}`);
    await q.query('ALTER TABLE user_account DROP COLUMN email');
  }
}
