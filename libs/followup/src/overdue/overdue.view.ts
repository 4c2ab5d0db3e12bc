import { ApiProperty } from '@nestjs/swagger';

/** The supervisor's dashboard: overdue reminders nobody acknowledged, in one's jurisdiction. */
export class OverdueSummary {
  total!: number;
  /** Overdue reminders per kind (followup_visit, referral_accept_by …). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { followup_visit: 3 } })
  byKind!: Record<string, number>;
}

/** Who holds overdue reminders: a worker, or an organisation whose reminders have no single assignee. */
export class OverdueWorkerView {
  userId!: string | null;
  /** The worker's name, or the organisation's in brackets when nobody in particular holds them. */
  displayName!: string;
  organisationId!: string;
  organisation!: string;
  count!: number;
}
