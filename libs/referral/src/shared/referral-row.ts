import type { EntityManager } from 'typeorm';
import type { DisclosureCategory, ReferralKind } from '../kinds.js';
import type { ReferralStatus } from '../lifecycle.js';

/** What the referral's details hold (the create input, with the destination of a school elsewhere added). */
export interface ReferralDetails {
  gradeLevel?: string;
  elsewhere?: { contactMade: string; destinationJurisdictionCode: string };
  matter?: string;
  trade?: string;
}

/** A referral row as the services work on it. */
export interface ReferralRow {
  id: string;
  file_id: string;
  kind: ReferralKind;
  organisation_id: string;
  referring_organisation_id: string;
  purpose: string;
  status: ReferralStatus;
  green_channel: boolean;
  disclosed: DisclosureCategory[];
  details: ReferralDetails;
  accept_by: Date | null;
  complete_by: string | null;
  version: number;
}

const COLUMNS = `r.id, r.file_id, r.kind, r.organisation_id, r.referring_organisation_id, r.purpose, r.status, r.green_channel, r.disclosed, r.details,
  r.accept_by, to_char(r.complete_by, 'YYYY-MM-DD') AS complete_by, r.version`;

/** The referral `id`, locked until the transaction ends, when `condition` (over `r`, parameters from $2) holds. */
export async function lockReferral(manager: EntityManager, id: string, condition = 'true', params: unknown[] = []): Promise<ReferralRow | undefined> {
  const [row]: ReferralRow[] = await manager.query(`SELECT ${COLUMNS} FROM referral r WHERE r.id = $1 AND ${condition} FOR UPDATE`, [id, ...params]);
  return row;
}

/** A timestamp as JSON inside SQL (json_build_object), exactly as JavaScript's toISOString writes it. */
export function isoSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A date as YYYY-MM-DD. */
export function daySql(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD')`;
}
