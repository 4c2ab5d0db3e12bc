import type { EntityManager } from 'typeorm';
import type { AuditSink, Outbox } from '#app/platform';
import type { Actor } from '#app/access';
import { CaseErrors } from '../errors.js';

/** The records an approval can be bound to (R5, R6, R23): what the supervisor is shown and approves. */
export type BoundRecord = 'returnHome' | 'guardians';

/**
 * A digest of each record as it stands, in one query: the fields that decide
 * the step (who receives the person, where; who the guardians are), not
 * contact details. jsonb's text form is canonical, so the same data gives the
 * same digest.
 */
const DIGESTS: Record<BoundRecord, string> = {
  returnHome: `(SELECT encode(sha256(convert_to(jsonb_build_array(recipient_name, relation, recipient_id_index, recipient_id_verified, address, place_code,
                                                                planned_on, travel_arrangements, escorted_by)::text, 'UTF8')), 'hex')
                  FROM return_home WHERE file_id = $1)`,
  guardians: `(SELECT encode(sha256(convert_to(COALESCE(jsonb_agg(jsonb_build_array(id, kind, name, relation, id_number_index, id_number_verified, birth_date,
                                                                                   address, organisation_id, since, until) ORDER BY id), '[]'::jsonb)::text, 'UTF8')), 'hex')
                 FROM guardian WHERE file_id = $1 AND removed_at IS NULL)`,
};

export type BoundDigest = Partial<Record<BoundRecord, string | null>>;

/** The digests of `records` for the file now; null when the step is bound to nothing. */
export async function boundDigest(manager: EntityManager, fileId: string, records: readonly BoundRecord[]): Promise<BoundDigest | null> {
  if (records.length === 0) return null;
  const [row]: BoundDigest[] = await manager.query(`SELECT ${records.map((record) => `${DIGESTS[record]} AS "${record}"`).join(', ')}`, [fileId]);
  return row;
}

/** The records that changed since the request (an approval applies only to the data it was asked for). */
export function changedSince(requested: BoundDigest | null, current: BoundDigest | null): BoundRecord[] {
  if (!requested) return [];
  return (Object.keys(requested) as BoundRecord[]).filter((record) => (current?.[record] ?? null) !== requested[record]);
}

/** Sets a pending request aside as `stale` (its data changed since it was asked for), on record; a request already decided stays as it is. */
export async function setAsideStale(
  manager: EntityManager,
  sinks: { audit: AuditSink; outbox: Outbox },
  stale: { approvalId: string; fileId: string; actor: Actor; now: Date },
): Promise<void> {
  const [rows]: [{ event: string }[], number] = await manager.query(
    `UPDATE approval SET status = 'stale', decided_by = $2, decided_at = $3, reason = $4 WHERE id = $1 AND status = 'pending' RETURNING event`,
    [stale.approvalId, stale.actor.userId, stale.now, CaseErrors.APPROVAL_DATA_CHANGED.message],
  );
  if (rows.length === 0) return;
  await sinks.outbox.emit(manager, { type: 'file.approval_stale', subjectId: stale.fileId, data: { approvalId: stale.approvalId, event: rows[0].event } });
  await sinks.audit.record(
    {
      action: 'file.approval_stale',
      outcome: 'allowed',
      entityType: 'approval',
      entityId: stale.approvalId,
      fileIds: [stale.fileId],
      details: { code: CaseErrors.APPROVAL_DATA_CHANGED.code },
    },
    manager,
  );
}
