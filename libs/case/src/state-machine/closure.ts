import type { EntityManager } from 'typeorm';
import { CaseErrors } from '../errors.js';
import type { Guard } from './guard.js';

/** An open referral as a refused closure lists it: what the caseworker completes, withdraws or hands on first. */
export interface OpenReferral {
  id: string;
  kind: string;
  status: string;
  organisation: { id: string; name: string };
}

/**
 * R16, R22: a file closes only once nothing hangs on it — no referral a
 * partner still works (sent, accepted, in progress: a legal-aid case in court
 * is never abandoned by a click). Checked when the closure is requested and
 * again when it is approved (the state machine re-runs every guard).
 */
export const noOpenReferrals: Guard = {
  name: 'no_open_referrals',
  async check({ manager, file }) {
    const referrals = await openReferrals(manager, file.id);
    if (referrals.length === 0) return undefined;
    return { error: CaseErrors.OPEN_REFERRALS, details: { referrals } };
  },
};

async function openReferrals(manager: EntityManager, fileId: string): Promise<OpenReferral[]> {
  const rows: { id: string; kind: string; status: string; organisation_id: string; organisation_name: string }[] = await manager.query(
    `SELECT r.id, r.kind, r.status, o.id AS organisation_id, o.name AS organisation_name
       FROM referral r JOIN organisation o ON o.id = r.organisation_id
      WHERE r.file_id = $1 AND r.status IN ('sent', 'accepted', 'in_progress')
      ORDER BY r.created_at, r.id`,
    [fileId],
  );
  return rows.map((row) => ({ id: row.id, kind: row.kind, status: row.status, organisation: { id: row.organisation_id, name: row.organisation_name } }));
}

/**
 * R16, R22: the police and partners see a file only while their work needs
 * it. Once the person has gone home or abroad the police unit's views end
 * (the handover's, a comparison's); at closure every grant ends. The police
 * keep what is theirs by law and never came through a grant: their own
 * comparisons with the outcomes they reported (their worklist, R9, R10) and
 * the household-registration tasks raised to them (R11).
 */
export async function endGrants(manager: EntityManager, fileId: string, now: Date, sources?: readonly string[]): Promise<void> {
  await manager.query(`UPDATE file_access_grant SET revoked_at = $2 WHERE file_id = $1 AND revoked_at IS NULL AND ($3::text[] IS NULL OR source = ANY($3::text[]))`, [
    fileId,
    now,
    sources ?? null,
  ]);
}

/** The grants of the police: the handing-over unit's and those of units asked for a DNA comparison. */
export const POLICE_GRANT_SOURCES = ['police_handover', 'dna_comparison'] as const;
