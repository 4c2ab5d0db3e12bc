import { ApiProperty } from '@nestjs/swagger';

/** One message in a person's inbox: a reminder reaching them, its escalation, or an event that concerns them. */
export class NotificationView {
  id!: string;
  /** What it is about: a reminder kind (followup_visit, referral_accept_by …) or an event's (referral_sent, approval_requested, approval_approved, approval_rejected, referral_accepted, referral_declined, referral_completed, dna_comparison_requested, transfer_incoming, statistics_report_submitted, statistics_report_accepted, statistics_report_returned). */
  kind!: string;
  title!: string;
  body!: string;
  fileId!: string | null;
  fileReference!: string | null;
  reminderId!: string | null;
  /** What an event's notice is about besides the file: referral, approval, file_transfer, dna_comparison (null for reminders). */
  subjectType!: string | null;
  subjectId!: string | null;
  /** 0: to the assignee; 1: the supervisors; 2: the bureau of the level above. */
  escalationLevel!: number;
  /** Where the reminder stands now (it may have been acknowledged since). */
  reminderStatus!: 'scheduled' | 'delivered' | 'acknowledged' | 'cancelled' | null;
  createdAt!: Date;
  readAt!: Date | null;
}

export class NotificationCounts {
  unread!: number;
  total!: number;
  /** Unread notifications per kind (kinds without any unread are left out). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { followup_visit: 2 } })
  unreadByKind!: Record<string, number>;
}
