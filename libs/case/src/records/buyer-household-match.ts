import { nameForms } from '../person/names.js';
import { normaliseText, sameAddress } from './buyer-household-text.js';

/** A member (or the address) of a buying household as recorded (R6); ID numbers by their blind index. */
export interface HouseholdMember {
  id: string;
  fileId: string;
  name: string | null;
  aliases: readonly string[];
  relation: string | null;
  idNumberIndex: Buffer | null;
  idNumberVerified: boolean;
  address: string | null;
}

/** Someone the person would go to or be raised by — a return-home recipient, a guardian — and the fields that name them in the request. */
export interface HouseholdCandidate {
  name?: string | null;
  idNumberIndex?: Buffer | null;
  idNumberVerified?: boolean;
  address?: string | null;
  fields: { name: string; idNumber: string; address: string };
}

export type MatchedBy = 'id_number' | 'name' | 'alias' | 'address' | 'homophone';

/**
 * `refuse`: the buying household, no override (R6). `verify_id`: a name that
 * only sounds like a member's (王芳 / 汪芳) — the person's verified ID number
 * must be given before it can go on.
 */
export interface HouseholdMatch {
  verdict: 'refuse' | 'verify_id';
  matchedBy: MatchedBy;
  /** The field of the request that matched. */
  field: string;
  member: { id: string; name: string | null; relation: string | null };
}

function verifiedAndDifferent(candidate: HouseholdCandidate, member: HouseholdMember): boolean {
  return !!candidate.idNumberVerified && !!candidate.idNumberIndex && member.idNumberVerified && !!member.idNumberIndex && !candidate.idNumberIndex.equals(member.idNumberIndex);
}

/**
 * R6, the one matcher every place uses (the return home, its approval,
 * guardians, placement): the candidate against the buying household of the
 * file (`members` of other files count by ID number only).
 *  - the same ID number → refuse;
 *  - the same address (divisions given agree, same street and number) → refuse;
 *  - the same name in characters, or one of the member's aliases → refuse,
 *    unless both carry verified, different ID numbers;
 *  - the same pinyin in other characters (a homophone) → ask for the
 *    candidate's verified ID number; once it is given and differs from the
 *    member's, it passes.
 * Refusals come before a homophone.
 */
export function matchBuyerHousehold(candidate: HouseholdCandidate, members: readonly HouseholdMember[], fileId: string): HouseholdMatch | undefined {
  const hit = (member: HouseholdMember, verdict: HouseholdMatch['verdict'], matchedBy: MatchedBy, field: string): HouseholdMatch => ({
    verdict,
    matchedBy,
    field,
    member: { id: member.id, name: member.name, relation: member.relation },
  });
  const name = candidate.name ? normaliseText(candidate.name) : null;
  const homophones: HouseholdMatch[] = [];
  for (const member of members) {
    if (candidate.idNumberIndex && member.idNumberIndex?.equals(candidate.idNumberIndex)) return hit(member, 'refuse', 'id_number', candidate.fields.idNumber);
    if (member.fileId !== fileId) continue;
    if (candidate.address && member.address && sameAddress(candidate.address, member.address)) return hit(member, 'refuse', 'address', candidate.fields.address);
    if (!name || verifiedAndDifferent(candidate, member)) continue;
    const names = [member.name, ...member.aliases].filter((entry): entry is string => !!entry);
    const identical = names.findIndex((entry) => normaliseText(entry) === name);
    if (identical >= 0) return hit(member, 'refuse', member.name && identical === 0 ? 'name' : 'alias', candidate.fields.name);
    const verifiedOther = !!candidate.idNumberVerified && !!candidate.idNumberIndex;
    if (!verifiedOther && names.some((entry) => soundsAlike(entry, candidate.name!))) homophones.push(hit(member, 'verify_id', 'homophone', candidate.fields.idNumber));
  }
  return homophones[0];
}

/** The same toneless pinyin (surname readings), e.g. 王芳 / 汪芳 → wangfang. */
function soundsAlike(a: string, b: string): boolean {
  const left = nameForms(a).compact;
  return left.length > 0 && left === nameForms(b).compact;
}
