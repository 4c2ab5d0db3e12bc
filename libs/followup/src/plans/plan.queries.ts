import type { EntityManager } from 'typeorm';
import type { FollowupPlanView, FollowupVisitView, VisitCorrectionView } from './followup.view.js';

type PlanRow = Pick<FollowupPlanView, 'startsOn' | 'endsOn' | 'status'>;
type VisitRow = Omit<FollowupVisitView, 'corrections'>;

/**
 * The SQL of a follow-up plan's view: the plan, its visits and their
 * corrections — three queries whatever the number of visits.
 */
export const PlanQueries = {
  async plan(manager: EntityManager, fileId: string): Promise<PlanRow | undefined> {
    const [plan]: PlanRow[] = await manager.query(
      `SELECT to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", status FROM followup_plan WHERE file_id = $1`,
      [fileId],
    );
    return plan;
  },

  /** The file's visits in order, with their corrections; `visitId` narrows them to one. */
  async visits(manager: EntityManager, fileId: string, visitId?: string): Promise<FollowupVisitView[]> {
    const params: unknown[] = [fileId];
    const one = visitId ? `AND v.id = $${params.push(visitId)}` : '';
    const visits: VisitRow[] = await manager.query(
      `SELECT v.id, v.seq, to_char(v.due_on, 'YYYY-MM-DD') AS "dueOn", v.status, u.display_name AS assignee, to_char(v.visited_on, 'YYYY-MM-DD') AS "visitedOn",
              v.living_situation AS "livingSituation", v.schooling_employment AS "schoolingEmployment", v.problems, v.actions_agreed AS "actionsAgreed",
              rb.display_name AS "recordedBy", v.recorded_at AS "recordedAt", r.status AS "reminderStatus", r.escalation_level AS "escalationLevel"
         FROM followup_visit v
         LEFT JOIN user_account u ON u.id = v.assignee_user_id
         LEFT JOIN user_account rb ON rb.id = v.recorded_by
         LEFT JOIN reminder r ON r.id = v.reminder_id
        WHERE v.file_id = $1 ${one} ORDER BY v.seq`,
      params,
    );
    const corrections: (VisitCorrectionView & { visitId: string })[] = await manager.query(
      `SELECT c.visit_id AS "visitId", c.corrected_at AS at, u.display_name AS by, c.reason, c.previous
         FROM followup_visit_correction c JOIN user_account u ON u.id = c.corrected_by
        WHERE c.file_id = $1 ${visitId ? 'AND c.visit_id = $2' : ''} ORDER BY c.corrected_at, c.id`,
      params,
    );
    const byVisit = new Map<string, VisitCorrectionView[]>();
    for (const { visitId: id, ...correction } of corrections) byVisit.set(id, [...(byVisit.get(id) ?? []), correction]);
    return visits.map((visit) => ({ ...visit, corrections: byVisit.get(visit.id) ?? [] }));
  },
};
