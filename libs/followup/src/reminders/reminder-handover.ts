import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UserWorkloads } from '#app/access';

const OPEN = `status IN ('scheduled', 'delivered')`;

/**
 * The open reminders addressed to a person, as a workload: a user who still
 * has some cannot be deactivated (a reminder must never escalate to nobody);
 * the handover gives them, and the scheduled visits, to the colleague.
 */
@Injectable()
export class ReminderHandover implements OnModuleInit {
  constructor(private readonly workloads: UserWorkloads) {}

  onModuleInit(): void {
    this.workloads.register({
      name: 'reminders',
      held: async (manager, userId) => {
        const [{ count }]: { count: number }[] = await manager.query(`SELECT count(*)::int AS count FROM reminder WHERE assignee_user_id = $1 AND ${OPEN}`, [userId]);
        return count;
      },
      handOver: async (manager, _actor, from, to) => {
        await manager.query(`UPDATE followup_visit SET assignee_user_id = $2 WHERE assignee_user_id = $1 AND status = 'scheduled'`, [from.id, to.id]);
        const [, moved]: [unknown[], number] = await manager.query(
          `UPDATE reminder SET assignee_user_id = $2, assignee_organisation_id = $3 WHERE assignee_user_id = $1 AND ${OPEN}`,
          [from.id, to.id, to.organisationId],
        );
        return moved;
      },
    });
  }
}
