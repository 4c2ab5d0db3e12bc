import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDays, APP_CONFIG, endOfChinaDay, type AppConfig } from '#app/platform';
import { RemindersService, WorkingCalendar } from '#app/followup';
import { KIND_RULES } from '../kinds.js';
import type { ReferralRow } from './referral-row.js';

type Deadline = 'accept' | 'complete';

/**
 * What a referral's moves do besides moving it: sent, its deadlines become
 * reminders that escalate to the referring bureau (R18: the legal aid
 * centre's counted in working days) and the partner gets a grant on the
 * file; accepted, the accept-by reminder is done; closed (declined,
 * completed, withdrawn), the reminders stop and the grant ends.
 */
@Injectable()
export class ReferralDeadlines {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: RemindersService,
    private readonly calendar: WorkingCalendar,
  ) {}

  async sent(manager: EntityManager, referral: ReferralRow, file: { id: string; reference: string }, now: Date, today: string): Promise<void> {
    const acceptBy = referral.green_channel
      ? endOfChinaDay(this.calendar.addWorkingDays(today, this.config.referrals.legalAidAcceptWorkingDays))
      : (referral.accept_by ?? endOfChinaDay(addDays(today, this.config.referrals.acceptDays)));
    await manager.query('UPDATE referral SET sent_at = $3, accept_by = $2 WHERE id = $1', [referral.id, acceptBy, now]);
    await manager.query(`INSERT INTO file_access_grant (file_id, organisation_id, source, source_id, granted_at) VALUES ($1, $2, 'referral', $3, $4)`, [
      file.id,
      referral.organisation_id,
      referral.id,
      now,
    ]);
    const label = `${KIND_RULES[referral.kind].label}：档案 ${file.reference}`;
    const reminder = { assigneeUserId: null, assigneeOrganisationId: referral.organisation_id, escalateToOrganisationId: referral.referring_organisation_id, fileId: file.id };
    await this.reminders.schedule(manager, {
      ...reminder,
      kind: 'referral_accept_by',
      title: `请在期限内接收转介 / accept the referral by ${acceptBy.toISOString().slice(0, 10)}：${label}`,
      dueAt: acceptBy,
      subjectType: 'referral',
      subjectId: referral.id,
      dedupeKey: dedupeKey(referral.id, 'accept'),
    });
    if (referral.complete_by) {
      await this.reminders.schedule(manager, {
        ...reminder,
        kind: 'referral_complete_by',
        title: `请在期限内完成转介 / complete the referral by ${referral.complete_by}：${label}`,
        dueAt: endOfChinaDay(referral.complete_by),
        subjectType: 'referral',
        subjectId: referral.id,
        dedupeKey: dedupeKey(referral.id, 'complete'),
      });
    }
  }

  async accepted(manager: EntityManager, referralId: string, userId: string): Promise<void> {
    await this.reminders.acknowledge(manager, await this.reminderIds(manager, referralId, ['accept']), userId);
  }

  async closed(manager: EntityManager, referralId: string, now: Date): Promise<void> {
    await this.reminders.cancel(manager, { ids: await this.reminderIds(manager, referralId, ['accept', 'complete']) });
    await manager.query(`UPDATE file_access_grant SET revoked_at = $2 WHERE source = 'referral' AND source_id = $1 AND revoked_at IS NULL`, [referralId, now]);
  }

  private async reminderIds(manager: EntityManager, referralId: string, which: Deadline[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query('SELECT id FROM reminder WHERE dedupe_key = ANY($1::text[])', [which.map((deadline) => dedupeKey(referralId, deadline))]);
    return rows.map((row) => row.id);
  }
}

function dedupeKey(referralId: string, deadline: Deadline): string {
  return `referral:${referralId}:${deadline}`;
}
