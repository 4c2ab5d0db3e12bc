import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainEventSubscriptions, type DomainEventType, type TypedDomainEvent } from '#app/platform';
import { halves, InboxWriter } from '#app/followup';
import { KIND_RULES, type ReferralKind } from '../kinds.js';

/** A kind's label in its halves (`入学 / schooling (R14)`), so a title quoting it keeps one ` / ` between its own: readers show one language. */
const kindLabel = (kind: ReferralKind) => halves(KIND_RULES[kind].label);

interface Facts {
  kind: ReferralKind;
  organisation_id: string;
  organisation_name: string;
  green_channel: boolean;
  accept_by: string | null;
  decline_reason: string | null;
  reference: string;
  responsible_caseworker_id: string | null;
  responsible_organisation_id: string;
}

const ANSWERS = {
  'referral.accepted': { kind: 'referral_accepted', zh: '已接收转介', en: 'referral accepted' },
  'referral.declined': { kind: 'referral_declined', zh: '转介被拒', en: 'referral declined' },
  'referral.completed': { kind: 'referral_completed', zh: '转介已完成', en: 'referral completed' },
} as const satisfies Partial<Record<DomainEventType, { kind: string; zh: string; en: string }>>;

/**
 * A referral's moves in the inbox of those they concern, once each (R12–R18):
 * sent → every staff member of the partner organisation (also through the
 * outgoing channel; the text names the kind and the file's reference, the
 * minimal view, never the person's history, R16, R22); accepted, declined,
 * completed → the file's responsible caseworker (none: the bureau's
 * caseworkers and supervisors). The deadlines themselves (accept-by, the
 * green channel's 3 working days, R18) are reminders that escalate.
 */
@Injectable()
export class ReferralNotifications implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly subscriptions: DomainEventSubscriptions,
    private readonly inbox: InboxWriter,
  ) {}

  onModuleInit(): void {
    this.subscriptions.subscribe('referral.sent', 'inbox.referral_sent', async (event) => {
      const facts = await this.facts(event.subjectId);
      if (!facts) return;
      const acceptBy = facts.accept_by ? `请于 ${facts.accept_by} 前接收 / accept it by ${facts.accept_by}` : '请及时接收 / please accept it';
      const [zh, en] = kindLabel(facts.kind);
      await this.inbox.deliver({
        eventId: event.eventId,
        to: { organisations: [{ id: facts.organisation_id }] },
        kind: 'referral_sent',
        title: `${facts.green_channel ? '【绿色通道】' : ''}新转介：${zh}，档案 ${facts.reference} / ${facts.green_channel ? '[green channel] ' : ''}new referral: ${en}, file ${facts.reference}`,
        body: acceptBy,
        fileId: event.data.fileId,
        subjectType: 'referral',
        subjectId: event.subjectId,
        outgoing: true,
      });
    });
    for (const type of Object.keys(ANSWERS) as (keyof typeof ANSWERS)[]) {
      this.subscriptions.subscribe(type, `inbox.${ANSWERS[type].kind}`, (event) => this.answered(type, event));
    }
  }

  private async answered(type: keyof typeof ANSWERS, event: TypedDomainEvent<keyof typeof ANSWERS>): Promise<void> {
    const facts = await this.facts(event.subjectId);
    if (!facts) return;
    const answer = ANSWERS[type];
    const [zh, en] = kindLabel(facts.kind);
    const to = facts.responsible_caseworker_id
      ? { users: [facts.responsible_caseworker_id] }
      : { organisations: [{ id: facts.responsible_organisation_id, roles: ['caseworker', 'supervisor'] as const }] };
    await this.inbox.deliver({
      eventId: event.eventId,
      to,
      kind: answer.kind,
      title: `${answer.zh}：${zh}，档案 ${facts.reference} / ${answer.en}: ${en}, file ${facts.reference}`,
      body:
        type === 'referral.declined'
          ? `${facts.organisation_name}；理由：${facts.decline_reason ?? '—'} / ${facts.organisation_name}; reason: ${facts.decline_reason ?? '—'}`
          : `${facts.organisation_name}`,
      fileId: event.data.fileId,
      subjectType: 'referral',
      subjectId: event.subjectId,
    });
  }

  private async facts(referralId: string): Promise<Facts | undefined> {
    const [row]: Facts[] = await this.dataSource.query(
      `SELECT r.kind, r.organisation_id, o.name AS organisation_name, r.green_channel, to_char(r.accept_by AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS accept_by,
              r.decline_reason, f.reference, f.responsible_caseworker_id, f.responsible_organisation_id
         FROM referral r JOIN organisation o ON o.id = r.organisation_id JOIN victim_file f ON f.id = r.file_id WHERE r.id = $1`,
      [referralId],
    );
    return row;
  }
}
