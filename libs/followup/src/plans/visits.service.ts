import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, Clock, dueAtNine, PlatformErrors } from '#app/platform';
import type { Actor } from '#app/access';
import { CaseErrors, FileGateway } from '#app/case';
import { FollowupErrors } from '../errors.js';
import { RemindersService } from '../reminders/reminders.service.js';
import type { CorrectVisitDto, VisitDto, VisitRecordDto } from './followup.dto.js';
import type { CorrectedVisit, FollowupPlanView, RecordedVisit, VisitRecordView } from './followup.view.js';
import { PlanQueries } from './plan.queries.js';

interface VisitLock {
  id: string;
  seq: number;
  status: 'scheduled' | 'done' | 'cancelled';
  reminder_id: string | null;
  previous: VisitRecordView;
}

/**
 * R17 on the file kernel: the plan is read, a visit recorded or corrected
 * through FileGateway (the file in the actor's scope, locked for writes,
 * closed files refused, every read and write audited, 404 out of scope).
 *
 * A visit recorded by mistake is corrected by an audited edit, versioned by
 * the file: the record is replaced, and what it said before, who corrected
 * it, when and why stay in followup_visit_correction, shown with the visit.
 */
@Injectable()
export class VisitsService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly reminders: RemindersService,
    private readonly clock: Clock,
  ) {}

  plan(actor: Actor, fileId: string): Promise<FollowupPlanView> {
    return this.gateway.read(actor, fileId, { action: 'followup.read' }, async ({ manager, file }) => {
      const plan = await PlanQueries.plan(manager, fileId);
      if (!plan) throw new AppError(FollowupErrors.PLAN_NOT_FOUND);
      return { fileId, version: file.version, ...plan, visits: await PlanQueries.visits(manager, fileId) };
    });
  }

  /** R17: the visit record; it acknowledges the visit's reminder, and may move the next visit. */
  recordVisit(actor: Actor, fileId: string, visitId: string, input: VisitDto): Promise<RecordedVisit> {
    this.refuseFuture(input);
    if (input.nextVisitOn && input.nextVisitOn <= input.visitedOn) {
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'nextVisitOn', '须晚于本次回访 / must be after the visit');
    }
    return this.gateway.write(actor, fileId, { action: 'followup.visit', auditRefusals: [FollowupErrors.VISIT_NOT_FOUND.code] }, async ({ manager, now }) => {
      const visit = await this.lockVisit(manager, fileId, visitId);
      if (visit.status !== 'scheduled') throw new AppError(CaseErrors.RECORD_EXISTS, { details: { status: visit.status } });
      await this.writeRecord(manager, visitId, input);
      await manager.query(`UPDATE followup_visit SET status = 'done', recorded_by = $2, recorded_at = $3 WHERE id = $1`, [visitId, actor.userId, now]);
      if (visit.reminder_id) await this.reminders.acknowledge(manager, [visit.reminder_id], actor.userId);
      let nextVisitOn: string | null = null;
      const [next]: { id: string; reminder_id: string | null; due_on: string }[] = await manager.query(
        `SELECT id, reminder_id, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM followup_visit WHERE file_id = $1 AND status = 'scheduled' AND seq > $2 ORDER BY seq LIMIT 1`,
        [fileId, visit.seq],
      );
      if (next && input.nextVisitOn) {
        await manager.query('UPDATE followup_visit SET due_on = $2 WHERE id = $1', [next.id, input.nextVisitOn]);
        if (next.reminder_id) {
          // Moved: back to the schedule, out of Redis if it was already there (the relay enqueues it again in time).
          await manager.query(`UPDATE reminder SET due_at = $2, enqueued_at = NULL WHERE id = $1 AND status = 'scheduled'`, [next.reminder_id, dueAtNine(input.nextVisitOn)]);
        }
        nextVisitOn = input.nextVisitOn;
      } else if (next) {
        nextVisitOn = next.due_on;
      }
      return { result: { visitId, nextVisitOn }, entityType: 'followup_visit', entityId: visitId, details: { nextVisitOn } };
    });
  }

  /** R17, R21: an audited edit of a recorded visit, versioned by the file; the record it replaces is kept. */
  correctVisit(actor: Actor, fileId: string, visitId: string, input: CorrectVisitDto): Promise<CorrectedVisit> {
    this.refuseFuture(input);
    const reason = input.reason.trim();
    return this.gateway.write(
      actor,
      fileId,
      { action: 'followup.visit_correct', expectedVersion: input.expectedVersion, auditRefusals: [FollowupErrors.VISIT_NOT_FOUND.code] },
      async ({ manager, file, now }) => {
        const visit = await this.lockVisit(manager, fileId, visitId);
        if (visit.status !== 'done') throw new AppError(FollowupErrors.VISIT_NOT_RECORDED, { details: { status: visit.status } });
        await manager.query(`INSERT INTO followup_visit_correction (visit_id, file_id, corrected_by, corrected_at, reason, previous) VALUES ($1, $2, $3, $4, $5, $6)`, [
          visitId,
          fileId,
          actor.userId,
          now,
          reason,
          JSON.stringify(visit.previous),
        ]);
        await this.writeRecord(manager, visitId, input);
        const changed = (Object.keys(visit.previous) as (keyof VisitRecordView)[]).filter((key) => visit.previous[key] !== ((input[key] as string | undefined) ?? null));
        const [corrected] = await PlanQueries.visits(manager, fileId, visitId);
        return { result: { version: file.version, visit: corrected }, entityType: 'followup_visit', entityId: visitId, details: { changed }, purpose: reason };
      },
    );
  }

  private refuseFuture(input: VisitRecordDto): void {
    if (input.visitedOn > this.clock.today()) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'visitedOn', '不能晚于今天 / must not be in the future');
  }

  /** The visit of this file, locked; another file's (or none) is VISIT_NOT_FOUND, on record. */
  private async lockVisit(manager: EntityManager, fileId: string, visitId: string): Promise<VisitLock> {
    const [visit]: VisitLock[] = await manager.query(
      `SELECT id, seq, status, reminder_id,
              json_build_object('visitedOn', to_char(visited_on, 'YYYY-MM-DD'), 'livingSituation', living_situation, 'schoolingEmployment', schooling_employment,
                                'problems', problems, 'actionsAgreed', actions_agreed) AS previous
         FROM followup_visit WHERE id = $1 AND file_id = $2 FOR UPDATE`,
      [visitId, fileId],
    );
    if (!visit) throw new AppError(FollowupErrors.VISIT_NOT_FOUND);
    return visit;
  }

  private async writeRecord(manager: EntityManager, visitId: string, input: VisitRecordDto): Promise<void> {
    await manager.query(`UPDATE followup_visit SET visited_on = $2, living_situation = $3, schooling_employment = $4, problems = $5, actions_agreed = $6 WHERE id = $1`, [
      visitId,
      input.visitedOn,
      input.livingSituation,
      input.schoolingEmployment ?? null,
      input.problems ?? null,
      input.actionsAgreed ?? null,
    ]);
  }
}
