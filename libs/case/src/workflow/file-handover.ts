import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AUDIT_SINK, Clock, Outbox, type AuditSink } from '#app/platform';
import { UserWorkloads, type Actor, type WorkHolder } from '#app/access';

/**
 * The open files a caseworker is responsible for, as a workload: counted
 * before an administrator deactivates them, handed to a colleague of the same
 * bureau otherwise (in each file's history; the follow-up's visits and
 * reminders follow through file.caseworker_assigned). Closed files keep the
 * name of whoever closed them.
 */
@Injectable()
export class FileHandover implements OnModuleInit {
  constructor(
    private readonly workloads: UserWorkloads,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
  ) {}

  onModuleInit(): void {
    this.workloads.register({
      name: 'files',
      held: async (manager, userId) => {
        const [{ count }]: { count: number }[] = await manager.query(`SELECT count(*)::int AS count FROM victim_file WHERE responsible_caseworker_id = $1 AND state <> 'closed'`, [
          userId,
        ]);
        return count;
      },
      handOver: (manager, actor, from, to, reason) => this.handOver(manager, actor, from, to, reason),
    });
  }

  private async handOver(manager: EntityManager, actor: Actor, from: WorkHolder, to: WorkHolder, reason: string): Promise<number> {
    // UPDATE … RETURNING answers [rows, count]. The files change hands: their version moves as with any write through
    // the kernel, so a form still open on the old version gets 409 and reloads, not a silent save over the handover.
    const [files]: [{ id: string; state: string }[], number] = await manager.query(
      `UPDATE victim_file SET responsible_caseworker_id = $2, version = version + 1, updated_at = now()
        WHERE responsible_caseworker_id = $1 AND state <> 'closed' RETURNING id, state`,
      [from.id, to.id],
    );
    if (files.length === 0) return 0;
    const now = this.clock.now();
    for (const file of files) {
      await manager.query(`INSERT INTO file_history (file_id, event, from_state, to_state, actor_user_id, note, at) VALUES ($1, 'assign_caseworker', $2, $2, $3, $4, $5)`, [
        file.id,
        file.state,
        actor.userId,
        reason,
        now,
      ]);
      await this.outbox.emit(manager, { type: 'file.caseworker_assigned', subjectId: file.id, data: { caseworkerId: to.id, previousCaseworkerId: from.id } });
    }
    await this.audit.record(
      {
        action: 'file.assign_caseworker',
        outcome: 'allowed',
        entityType: 'user_account',
        entityId: from.id,
        fileIds: files.map((file) => file.id),
        purpose: reason,
        details: { caseworkerId: to.id, previousCaseworkerId: from.id, handover: true },
      },
      manager,
    );
    return files.length;
  }
}
