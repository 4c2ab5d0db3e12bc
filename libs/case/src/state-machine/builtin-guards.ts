import { mayBeMinor, type ErrorDefinition } from '#app/platform';
import { CaseErrors } from '../errors.js';
import { noBuyerAsGuardian, notToBuyerHousehold } from './buyer-household-guards.js';
import type { Guard, GuardRefusal, TransitionContext } from './guard.js';

function refusal(error: ErrorDefinition, details?: Record<string, unknown>): GuardRefusal {
  return { error, details };
}

/** R2: decisions rest on the one-stop interview, recorded once. */
export const interviewRecorded: Guard = {
  name: 'interview_recorded',
  needs: ['interview_recorded'],
  async check({ file }) {
    if (file.checks.interview_recorded) return undefined;
    return refusal(CaseErrors.INTERVIEW_REQUIRED);
  },
};

/** R23: every minor has a guardian on record before they are placed, returned, resettled, repatriated or the file closes. */
export const minorHasGuardian: Guard = {
  name: 'minor_has_guardian',
  needs: ['guardian_on_record'],
  async check({ file, today }) {
    if (!mayBeMinor(file.person.birthDateFrom, file.person.birthDateTo, today)) return undefined;
    if (file.checks.guardian_on_record) return undefined;
    return refusal(CaseErrors.GUARDIAN_REQUIRED);
  },
};

/** R19: a foreign national follows the repatriation path. */
export const notForeignNational: Guard = {
  name: 'not_foreign_national',
  async check({ file }) {
    const nationality = file.person.nationality;
    if (nationality === null || nationality === 'CN') return undefined;
    return refusal(CaseErrors.FOREIGN_NATIONAL, { nationality });
  },
};

export const foreignNational: Guard = {
  name: 'foreign_national',
  async check({ file }) {
    const nationality = file.person.nationality;
    if (nationality !== null && nationality !== 'CN') return undefined;
    return refusal(CaseErrors.NOT_FOREIGN_NATIONAL);
  },
};

export const returnHomeRecorded: Guard = {
  name: 'return_home_recorded',
  needs: ['return_home_recorded'],
  async check({ file }) {
    if (file.checks.return_home_recorded) return undefined;
    return refusal(CaseErrors.RETURN_HOME_REQUIRED);
  },
};

export const repatriationHandedOver: Guard = {
  name: 'repatriation_handed_over',
  needs: ['repatriation_handed_over'],
  async check({ file }) {
    if (file.checks.repatriation_handed_over) return undefined;
    return refusal(CaseErrors.REPATRIATION_HANDOVER_REQUIRED);
  },
};

export const noTransferAwaiting: Guard = {
  name: 'no_transfer_awaiting',
  needs: ['transfer_awaiting'],
  async check({ file }) {
    if (!file.checks.transfer_awaiting) return undefined;
    return refusal(CaseErrors.TRANSFER_AWAITING);
  },
};

/** R10: a file that was ever in tracing goes home to the family only on a DNA match the police reported; a private paternity test never counts. */
export const policeReportedMatch: Guard = {
  name: 'police_reported_match',
  needs: ['traced', 'police_reported_match'],
  async check({ file }) {
    if (!file.checks.traced || file.checks.police_reported_match) return undefined;
    return refusal(CaseErrors.POLICE_MATCH_REQUIRED);
  },
};

/** R8: relatives found by tracing are told of their duties of care before the person goes home to them. */
export const dutyOfCareNotice: Guard = {
  name: 'duty_of_care_notice',
  needs: ['traced', 'duty_notice_recorded'],
  async check({ file }) {
    if (!file.checks.traced || file.checks.duty_notice_recorded) return undefined;
    return refusal(CaseErrors.DUTY_OF_CARE_NOTICE_REQUIRED);
  },
};

/** R11: someone still unidentified is resettled locally once the household is registered, or with a supervisor's exception. */
export const householdRegistered: Guard = {
  name: 'household_registered',
  needs: ['household_registered'],
  async check({ file }) {
    if (file.person.identityStatus === 'confirmed' || file.checks.household_registered) return undefined;
    return refusal(CaseErrors.HOUSEHOLD_REGISTRATION_REQUIRED);
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
  noBuyerAsGuardian,
  policeReportedMatch,
  dutyOfCareNotice,
  householdRegistered,
];

export type GuardContext = TransitionContext;
