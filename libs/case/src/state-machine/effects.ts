import type { EntityManager } from 'typeorm';
import { AppError, PlatformErrors, type DomainEventInput } from '#app/platform';
import { INSTITUTION_KINDS } from '#app/access';
import { CaseErrors } from '../errors.js';
import { endGrants, POLICE_GRANT_SOURCES } from './closure.js';
import type { TransitionContext } from './guard.js';
import type { PlaceInInstitutionPayload, ReunifyPayload, TransferPayload } from './payloads.dto.js';
import type { EffectName } from './transitions.js';

async function endOpenPlacement(manager: EntityManager, fileId: string, day: string): Promise<void> {
  await manager.query('UPDATE placement SET to_date = greatest(from_date, $2::date) WHERE file_id = $1 AND to_date IS NULL', [fileId, day]);
}

/** What transitions do besides moving the state, in the transition's transaction; the events an effect answers are emitted in it too. */
export const EFFECTS: Record<EffectName, (context: TransitionContext, approvalId: string | null) => Promise<void | DomainEventInput[]>> = {
  /** R5: placement in an institution, with dates; the person now stays there. */
  async place(context, approvalId) {
    const { manager, file, actor } = context;
    const payload = context.payload as unknown as PlaceInInstitutionPayload;
    const [institution]: { kind: string }[] = await manager.query('SELECT kind FROM organisation WHERE id = $1 AND active', [payload.institutionId]);
    if (!institution || !INSTITUTION_KINDS.includes(institution.kind as never)) throw AppError.field(CaseErrors.NOT_AN_INSTITUTION, 'payload.institutionId');
    if (payload.fromDate > context.today)
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'payload.fromDate', '安置开始日期不能晚于今天 / fromDate must not be in the future');
    await endOpenPlacement(manager, file.id, payload.fromDate);
    await manager.query('INSERT INTO placement (file_id, institution_id, from_date, reason, approval_id, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)', [
      file.id,
      payload.institutionId,
      payload.fromDate,
      payload.reason ?? null,
      approvalId,
      actor.userId,
    ]);
    await manager.query('UPDATE victim_file SET current_institution_id = $2 WHERE id = $1', [file.id, payload.institutionId]);
  },

  /** R5, R7: the handover to the family completes the return home. */
  async reunify(context) {
    const payload = context.payload as unknown as ReunifyPayload;
    await context.manager.query('UPDATE return_home SET handed_over_at = $2, updated_at = now() WHERE file_id = $1', [context.file.id, payload.handedOverAt ?? context.now]);
  },

  /** The person leaves the institution they stayed in. */
  async leave_institution({ manager, file, today }) {
    await endOpenPlacement(manager, file.id, today);
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
