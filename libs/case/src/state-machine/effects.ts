import { AppError, PlatformErrors, type DomainEventInput } from '#app/platform';
import { INSTITUTION_KINDS } from '#app/access';
import { CaseErrors } from '../errors.js';
import { endGrants, POLICE_GRANT_SOURCES } from './closure.js';
import type { TransitionContext } from './guard.js';
import type { PlaceInInstitutionPayload, ReunifyPayload, TransferPayload } from './payloads.dto.js';
import type { EffectName } from './transitions.js';

/** Why a stay ended, by the transition that ended its placement (the institution may have recorded its own reason first). */
const DEPARTURE_REASONS: Record<string, string> = { place_in_institution: 'transferred', reunify: 'reunified', repatriate: 'repatriated' };

/**
 * The placement ends, and with it the stay: linked to the transition (its
 * history row is linked once written, see CaseStateMachine.apply); the
 * departure the institution recorded stays as they recorded it, otherwise the
 * transition's time and reason stand for it.
 */
async function endOpenPlacement(context: TransitionContext, day: string, event: string): Promise<void> {
  const { manager, file, actor, now } = context;
  await manager.query(
    `UPDATE institution_stay s SET departure_event = $2, departed_at = COALESCE(s.departed_at, greatest($3::timestamptz, s.arrived_at)),
            departure_reason = COALESCE(s.departure_reason, $4), departure_recorded_by = COALESCE(s.departure_recorded_by, $5)
       FROM placement p WHERE p.id = s.placement_id AND p.file_id = $1 AND p.to_date IS NULL AND s.departure_event IS NULL`,
    [file.id, event, now, DEPARTURE_REASONS[event] ?? 'other', actor.userId],
  );
  await manager.query('UPDATE placement SET to_date = greatest(from_date, $2::date) WHERE file_id = $1 AND to_date IS NULL', [file.id, day]);
}

/** What transitions do besides moving the state, in the transition's transaction; the events an effect answers are emitted in it too. */
export const EFFECTS: Record<EffectName, (context: TransitionContext, approvalId: string | null, event: string) => Promise<void | DomainEventInput[]>> = {
  /** R5: placement in an institution, with dates; the person now stays there. */
  async place(context, approvalId, event) {
    const { manager, file, actor } = context;
    const payload = context.payload as unknown as PlaceInInstitutionPayload;
    const [institution]: { kind: string }[] = await manager.query('SELECT kind FROM organisation WHERE id = $1 AND active', [payload.institutionId]);
    if (!institution || !INSTITUTION_KINDS.includes(institution.kind as never)) throw AppError.field(CaseErrors.NOT_AN_INSTITUTION, 'payload.institutionId');
    if (payload.fromDate > context.today)
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'payload.fromDate', '安置开始日期不能晚于今天 / fromDate must not be in the future');
    await endOpenPlacement(context, payload.fromDate, event);
    const [placement]: { id: string }[] = await manager.query(
      'INSERT INTO placement (file_id, institution_id, from_date, reason, approval_id, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [file.id, payload.institutionId, payload.fromDate, payload.reason ?? null, approvalId, actor.userId],
    );
    // The stay begins with the placement; the institution records the arrival.
    await manager.query('INSERT INTO institution_stay (file_id, placement_id, institution_id, begins_on) VALUES ($1, $2, $3, $4)', [
      file.id,
      placement.id,
      payload.institutionId,
      payload.fromDate,
    ]);
    await manager.query('UPDATE victim_file SET current_institution_id = $2 WHERE id = $1', [file.id, payload.institutionId]);
  },

  /** R5, R7: the handover to the family completes the return home. */
  async reunify(context) {
    const payload = context.payload as unknown as ReunifyPayload;
    await context.manager.query('UPDATE return_home SET handed_over_at = $2, updated_at = now() WHERE file_id = $1', [context.file.id, payload.handedOverAt ?? context.now]);
  },

  /** The person leaves the institution they stayed in. */
  async leave_institution(context, _approvalId, event) {
    const { manager, file, today } = context;
    await endOpenPlacement(context, today, event);
    await manager.query('UPDATE victim_file SET current_institution_id = NULL WHERE id = $1', [file.id]);
  },

  /** R22: the person went home or abroad: the police unit's views of the file end (what the police keep: closure.ts). */
  async end_police_views({ manager, file, now }) {
    await endGrants(manager, file.id, now, POLICE_GRANT_SOURCES);
  },

  /** A transfer waits for the receiving bureau to accept or decline it. */
  async transfer(context) {
    const { manager, file, actor } = context;
    const payload = context.payload as unknown as TransferPayload;
    const [target]: { kind: string; jurisdiction_code: string }[] = await manager.query('SELECT kind, jurisdiction_code FROM organisation WHERE id = $1 AND active', [
      payload.toOrganisationId,
    ]);
    if (!target || target.kind !== 'civil_affairs_bureau' || payload.toOrganisationId === file.responsibleOrganisationId) {
      throw AppError.field(CaseErrors.NOT_A_BUREAU, 'payload.toOrganisationId');
    }
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO file_transfer (file_id, from_organisation_id, to_organisation_id, reason, status, requested_by, requested_at)
       VALUES ($1, $2, $3, $4, 'awaiting_acceptance', $5, $6) RETURNING id`,
      [file.id, file.responsibleOrganisationId, payload.toOrganisationId, payload.reason, actor.userId, context.now],
    );
    return [
      {
        type: 'file.transfer_requested',
        subjectId: file.id,
        data: { transferId: id, fromOrganisationId: file.responsibleOrganisationId, toOrganisationId: payload.toOrganisationId },
      },
    ];
  },

  /** R16, R22: a closed file is seen only by those who keep it: every grant to the police and partners ends with it. */
  async close({ manager, file, now }) {
    await manager.query('UPDATE victim_file SET closed_at = $2 WHERE id = $1', [file.id, now]);
    await endGrants(manager, file.id, now);
  },
};
