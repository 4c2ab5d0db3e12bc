import type { EntityManager } from 'typeorm';
import { AppError } from '#app/platform';
import { CaseErrors } from '../errors.js';
import { matchBuyerHousehold, type HouseholdCandidate, type HouseholdMember } from '../records/buyer-household-match.js';
import type { Guard, GuardRefusal } from './guard.js';

interface MemberRow {
  id: string;
  file_id: string;
  name: string | null;
  aliases: string[];
  relation: string | null;
  id_number_index: Buffer | null;
  id_number_verified: boolean;
  address: string | null;
}

/**
 * R6: never with the buyers. The candidates (a return-home recipient, the
 * guardians) against the buying household of this file — and, by ID number,
 * against the buying households of every file — through the one matcher
 * (records/buyer-household-match.ts). A refusal is BUYER_HOUSEHOLD, which no
 * role can override; a name that only sounds alike is
 * BUYER_HOUSEHOLD_HOMOPHONE, until the person's verified ID number is given.
 */
export async function buyerHouseholdRefusal(manager: EntityManager, fileId: string, candidates: readonly HouseholdCandidate[]): Promise<GuardRefusal | undefined> {
  if (candidates.length === 0) return undefined;
  const indexes = candidates.map((candidate) => candidate.idNumberIndex).filter((index): index is Buffer => !!index);
  const rows: MemberRow[] = await manager.query(
    `SELECT id, file_id, name, aliases, relation, id_number_index, id_number_verified, address
       FROM buyer_household_member
      WHERE removed_at IS NULL AND (file_id = $1 OR id_number_index = ANY($2::bytea[]))
      ORDER BY recorded_at, id`,
    [fileId, indexes],
  );
  const members: HouseholdMember[] = rows.map((row) => ({
    id: row.id,
    fileId: row.file_id,
    name: row.name,
    aliases: row.aliases,
    relation: row.relation,
    idNumberIndex: row.id_number_index,
    idNumberVerified: row.id_number_verified,
    address: row.address,
  }));
  const matches = candidates.map((candidate) => matchBuyerHousehold(candidate, members, fileId)).filter((match) => match !== undefined);
  const match = matches.find((found) => found.verdict === 'refuse') ?? matches[0];
  if (!match) return undefined;
  return {
    error: match.verdict === 'refuse' ? CaseErrors.BUYER_HOUSEHOLD : CaseErrors.BUYER_HOUSEHOLD_HOMOPHONE,
    details: { matchedBy: match.matchedBy, field: match.field, member: match.member },
  };
}

/** The same check where a record is written: throws the refusal. */
export async function refuseBuyerHousehold(manager: EntityManager, fileId: string, candidates: readonly HouseholdCandidate[]): Promise<void> {
  const refusal = await buyerHouseholdRefusal(manager, fileId, candidates);
  if (refusal) throw new AppError(refusal.error, { details: refusal.details });
}

/** R6: the return home never goes to the buying household — checked again when it is approved (the household may be known only since). */
export const notToBuyerHousehold: Guard = {
  name: 'not_to_buyer_household',
  async check({ manager, file }) {
    const [recipient]: { recipient_name: string; recipient_id_index: Buffer | null; recipient_id_verified: boolean; address: string }[] = await manager.query(
      'SELECT recipient_name, recipient_id_index, recipient_id_verified, address FROM return_home WHERE file_id = $1',
      [file.id],
    );
    if (!recipient) return undefined;
    return buyerHouseholdRefusal(manager, file.id, [
      {
        name: recipient.recipient_name,
        idNumberIndex: recipient.recipient_id_index,
        idNumberVerified: recipient.recipient_id_verified,
        address: recipient.address,
        fields: { name: 'returnHome.recipientName', idNumber: 'returnHome.recipientIdNumber', address: 'returnHome.address' },
      },
    ]);
  },
};

/** R6, R23: none of the buying household is the guardian of the person placed, returned or resettled — a household recorded after the guardian counts too. */
export const noBuyerAsGuardian: Guard = {
  name: 'no_buyer_as_guardian',
  async check({ manager, file, today }) {
    const guardians: { id: string; name: string; id_number_index: Buffer | null; id_number_verified: boolean; address: string | null }[] = await manager.query(
      `SELECT id, name, id_number_index, id_number_verified, address FROM guardian
        WHERE file_id = $1 AND removed_at IS NULL AND (until IS NULL OR until >= $2::date) ORDER BY since, id`,
      [file.id, today],
    );
    return buyerHouseholdRefusal(
      manager,
      file.id,
      guardians.map((guardian) => ({
        name: guardian.name,
        idNumberIndex: guardian.id_number_index,
        idNumberVerified: guardian.id_number_verified,
        address: guardian.address,
        fields: { name: `guardians.${guardian.id}.name`, idNumber: `guardians.${guardian.id}.idNumber`, address: `guardians.${guardian.id}.address` },
      })),
    );
  },
};
