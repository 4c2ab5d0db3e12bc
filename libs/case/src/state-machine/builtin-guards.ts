import type { EntityManager } from 'typeorm';
import { normaliseText } from '../household/normalise.js';
import { mayBeMinor } from '#app/platform';
import type { Guard, GuardRefusal, TransitionContext } from './guard.js';

function refusal(code: string, message: string, status: 409 | 422 = 409, details?: Record<string, unknown>): GuardRefusal {
  return { code, message, status, details };
}

/** R2: decisions rest on the one-stop interview, recorded once. */
export const interviewRecorded: Guard = {
  name: 'interview_recorded',
  needs: ['interview_recorded'],
  async check({ file }) {
    if (file.checks.interview_recorded) return undefined;
    return refusal('INTERVIEW_REQUIRED', '须先完成一站式询问 / The one-stop interview must be recorded first (R2)');
  },
};

/** R23: every minor has a guardian on record before they are placed, returned, resettled, repatriated or the file closes. */
export const minorHasGuardian: Guard = {
  name: 'minor_has_guardian',
  needs: ['guardian_on_record'],
  async check({ file, today }) {
    if (!mayBeMinor(file.person.birthDateFrom, file.person.birthDateTo, today)) return undefined;
    if (file.checks.guardian_on_record) return undefined;
    return refusal('GUARDIAN_REQUIRED', '未成年人须有监护人记录 / A minor must have a guardian on record (R23)', 422);
  },
};

/** R19: a foreign national follows the repatriation path. */
export const notForeignNational: Guard = {
  name: 'not_foreign_national',
  async check({ file }) {
    const nationality = file.person.nationality;
    if (nationality === null || nationality === 'CN') return undefined;
    return refusal('FOREIGN_NATIONAL', `外国籍人员应走遣返程序 / A foreign national (${nationality}) follows the repatriation path (R19)`);
  },
};

export const foreignNational: Guard = {
  name: 'foreign_national',
  async check({ file }) {
    const nationality = file.person.nationality;
    if (nationality !== null && nationality !== 'CN') return undefined;
    return refusal('NOT_FOREIGN_NATIONAL', '只有外国籍人员走遣返程序 / Only foreign nationals are repatriated (R19)');
  },
};

export const returnHomeRecorded: Guard = {
  name: 'return_home_recorded',
  needs: ['return_home_recorded'],
  async check({ file }) {
    if (file.checks.return_home_recorded) return undefined;
    return refusal('RETURN_HOME_REQUIRED', '须先登记返家安排（接收人、地址） / Record the return home (who receives the person, where) first (R5, R7)');
  },
};

export const repatriationHandedOver: Guard = {
  name: 'repatriation_handed_over',
  needs: ['repatriation_handed_over'],
  async check({ file }) {
    if (file.checks.repatriation_handed_over) return undefined;
    return refusal('REPATRIATION_HANDOVER_REQUIRED', '须先登记遣返交接 / Record the handover of the repatriation first (R19)');
  },
};

export const noTransferAwaiting: Guard = {
  name: 'no_transfer_awaiting',
  needs: ['transfer_awaiting'],
  async check({ file }) {
    if (!file.checks.transfer_awaiting) return undefined;
    return refusal('TRANSFER_AWAITING', '档案移交待接收方确认 / The file awaits acceptance by another bureau');
  },
};

/**
 * R6: never with the buyers. A person (by ID number, or by name and address)
 * or an address recorded as part of the buying household of this file — or an
 * ID number recorded in any file's buying household — can never receive the
 * person. No role can override it.
 */
export async function buyerHouseholdMatch(
  manager: EntityManager,
  fileId: string,
  candidate: { name?: string | null; idNumberIndex?: Buffer | null; address?: string | null },
): Promise<GuardRefusal | undefined> {
  const name = candidate.name ? normaliseText(candidate.name) : null;
  const address = candidate.address ? normaliseText(candidate.address) : null;
  const rows: { via: string }[] = await manager.query(
    `SELECT CASE WHEN $2::bytea IS NOT NULL AND id_number_index = $2 THEN 'id_number'
                 WHEN $3::text IS NOT NULL AND name_normalised = $3 AND $4::text IS NOT NULL AND address_normalised = $4 THEN 'name_and_address'
                 ELSE 'address' END AS via
       FROM buyer_household_member
      WHERE ($2::bytea IS NOT NULL AND id_number_index = $2)
         OR (file_id = $1 AND $4::text IS NOT NULL AND address_normalised = $4)
      LIMIT 1`,
    [fileId, candidate.idNumberIndex ?? null, name, address],
  );
  if (rows.length === 0) return undefined;
  return refusal('BUYER_HOUSEHOLD', '不得交由收买家庭（或其成员、地址）抚养或接收 / The person may never go to the buying household, its members or its address (R6)', 422, {
    matchedBy: rows[0].via,
  });
}

export const notToBuyerHousehold: Guard = {
  name: 'not_to_buyer_household',
  async check({ manager, file }) {
    const [recipient]: { recipient_name: string; recipient_id_index: Buffer | null; address: string }[] = await manager.query(
      'SELECT recipient_name, recipient_id_index, address FROM return_home WHERE file_id = $1',
      [file.id],
    );
    if (!recipient) return undefined;
    return buyerHouseholdMatch(manager, file.id, { name: recipient.recipient_name, idNumberIndex: recipient.recipient_id_index, address: recipient.address });
  },
};

export const BUILTIN_GUARDS: Guard[] = [
  interviewRecorded,
  minorHasGuardian,
  notForeignNational,
  foreignNational,
  returnHomeRecorded,
  repatriationHandedOver,
  noTransferAwaiting,
  notToBuyerHousehold,
];

export type GuardContext = TransitionContext;
