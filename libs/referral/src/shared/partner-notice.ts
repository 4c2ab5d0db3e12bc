import type { EntityManager } from 'typeorm';
import { QUEUES, type AppConfig, type Outbox } from '#app/platform';
import { halves } from '#app/followup';
import { KIND_RULES } from '../kinds.js';
import type { ReferralRow } from './referral-row.js';

/**
 * R16: a partner whose referral is withdrawn is told, in the inbox of each of
 * its staff (and through the outgoing channel), with the reason — it no longer
 * sees the person, so the notice names the referral and the file's reference only.
 * Answers who was told: their open streams are told after the commit.
 */
export async function tellPartnerOfWithdrawal(
  manager: EntityManager,
  outbox: Outbox,
  config: AppConfig,
  referral: ReferralRow,
  fileReference: string,
  reason: string,
  now: Date,
): Promise<string[]> {
  // The kind's label in its halves (`入学 / schooling (R14)`), so the title keeps one ` / ` between its own.
  const [kindZh, kindEn] = halves(KIND_RULES[referral.kind].label);
  const rows: { id: string; recipient_user_id: string }[] = await manager.query(
    `INSERT INTO notification (recipient_user_id, kind, title, body, created_at)
     SELECT u.id, 'referral_withdrawn', $2, $3, $4 FROM user_account u
      WHERE u.organisation_id = $1 AND u.active AND u.role NOT IN ('statistician', 'administrator')
     RETURNING id, recipient_user_id`,
    [
      referral.organisation_id,
      `转介已撤回：${kindZh} / referral withdrawn: ${kindEn}`,
      `档案 ${fileReference} 的转介（${referral.id}）已由转介方撤回，请停止办理。原因：${reason} / The referral ${referral.id} of file ${fileReference} was withdrawn by the referring bureau: please stop work on it. Reason: ${reason}`,
      now,
    ],
  );
  if (config.notify.channel !== 'none') {
    for (const row of rows) await outbox.publish(manager, QUEUES.outgoingNotifications, 'send', { notificationId: row.id });
  }
  return rows.map((row) => row.recipient_user_id);
}
