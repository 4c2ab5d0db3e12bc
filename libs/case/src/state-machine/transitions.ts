import type { Role } from '#app/access';
import {
  dutyOfCareNotice,
  foreignNational,
  householdRegistered,
  interviewRecorded,
  minorHasGuardian,
  noTransferAwaiting,
  notForeignNational,
  policeReportedMatch,
  repatriationHandedOver,
  returnHomeRecorded,
} from './builtin-guards.js';
import { noBuyerAsGuardian, notToBuyerHousehold } from './buyer-household-guards.js';
import type { BoundRecord } from './approval-binding.js';
import { noOpenReferrals } from './closure.js';
import type { Guard } from './guard.js';
import { NotePayload, PlaceInInstitutionPayload, ReasonPayload, ReunifyPayload, TransferPayload } from './payloads.dto.js';
import type { FileState } from './states.js';

export type EffectName = 'place' | 'reunify' | 'leave_institution' | 'end_police_views' | 'transfer' | 'close';

export interface TransitionDefinition {
  event: string;
  label: string;
  from: readonly FileState[];
  /** 'same': the state does not change (a transfer changes who is responsible, not where the person is). */
  to: FileState | 'same';
  roles: readonly Role[];
  /** A supervisor's approval is needed: the event is requested, then approved or rejected. */
  approval: boolean;
  /** The records the approval is bound to: changed after the request, it is refused (409 APPROVAL_DATA_CHANGED) and must be asked again. */
  boundTo?: readonly BoundRecord[];
  guards: readonly Guard[];
  payload: new () => object;
  /** What the transition does besides moving the state, in the same transaction (see effects.ts). */
  effects: readonly EffectName[];
}

const CIVIL_AFFAIRS: readonly Role[] = ['caseworker', 'supervisor'];
const ACTIVE: readonly FileState[] = ['received', 'in_care', 'returning_home', 'tracing', 'repatriation', 'reunified', 'locally_resettled', 'repatriated', 'follow_up'];

/**
 * THE state machine of the victim file: the only table of how a file moves.
 * Validated at boot (state-machine.validation.ts); applied only by CaseStateMachine.
 * Every transition refuses while a transfer awaits acceptance.
 */
export const TRANSITIONS: readonly TransitionDefinition[] = [
  {
    event: 'place_in_institution',
    label: '安置到救助机构 / place in an institution (R5)',
    from: ['received', 'in_care', 'returning_home', 'tracing'],
    to: 'in_care',
    roles: CIVIL_AFFAIRS,
    approval: true,
    boundTo: ['guardians'],
    guards: [noTransferAwaiting, minorHasGuardian, noBuyerAsGuardian],
    payload: PlaceInInstitutionPayload,
    effects: ['place'],
  },
  {
    event: 'start_return_home',
    label: '安排返家（优先送回父母） / arrange the return home, parents first (R5)',
    from: ['received', 'in_care', 'tracing'],
    to: 'returning_home',
    roles: CIVIL_AFFAIRS,
    approval: false,
    guards: [noTransferAwaiting, interviewRecorded, notForeignNational],
    payload: NotePayload,
    effects: [],
  },
  {
    event: 'abandon_return',
    label: '返家未成，另行安排 / the return home fell through',
    from: ['returning_home'],
    to: 'in_care',
    roles: CIVIL_AFFAIRS,
    approval: false,
    guards: [noTransferAwaiting],
    payload: ReasonPayload,
    effects: [],
  },
  {
    event: 'reunify',
    label: '返家团聚 / reunify with the family (R5, R6, R7)',
    from: ['returning_home'],
    to: 'reunified',
    roles: CIVIL_AFFAIRS,
    approval: true,
    boundTo: ['returnHome', 'guardians'],
    guards: [noTransferAwaiting, interviewRecorded, returnHomeRecorded, notToBuyerHousehold, minorHasGuardian, noBuyerAsGuardian, policeReportedMatch, dutyOfCareNotice],
    payload: ReunifyPayload,
    effects: ['reunify', 'leave_institution', 'end_police_views'],
  },
  {
    event: 'start_tracing',
    label: '开展寻亲 / start family tracing (R8)',
    from: ['received', 'in_care'],
    to: 'tracing',
    roles: CIVIL_AFFAIRS,
    approval: false,
    guards: [noTransferAwaiting, interviewRecorded, notForeignNational],
    payload: NotePayload,
    effects: [],
  },
  {
    event: 'family_found',
    label: '找到亲属 / relatives found (R8)',
    from: ['tracing'],
    to: 'returning_home',
    roles: CIVIL_AFFAIRS,
    approval: false,
    guards: [noTransferAwaiting, policeReportedMatch],
    payload: NotePayload,
    effects: [],
  },
  {
    event: 'resettle_locally',
    label: '就地安置 / resettle locally (R7, R11)',
    from: ['in_care', 'tracing'],
    to: 'locally_resettled',
    roles: CIVIL_AFFAIRS,
    approval: true,
    boundTo: ['guardians'],
    guards: [noTransferAwaiting, interviewRecorded, notForeignNational, minorHasGuardian, noBuyerAsGuardian, householdRegistered],
    payload: NotePayload,
    effects: [],
  },
  {
    event: 'start_repatriation',
    label: '启动遣返（中转康复，外事协调） / start repatriation with transit care (R19)',
    from: ['received', 'in_care'],
    to: 'repatriation',
    roles: CIVIL_AFFAIRS,
    approval: false,
    guards: [noTransferAwaiting, interviewRecorded, foreignNational],
    payload: NotePayload,
    effects: [],
  },
  {
    event: 'repatriate',
    label: '安全遣返交接 / hand over safely to the home country (R19)',
    from: ['repatriation'],
    to: 'repatriated',
    roles: CIVIL_AFFAIRS,
    approval: false,
    guards: [noTransferAwaiting, repatriationHandedOver, minorHasGuardian],
    payload: NotePayload,
    effects: ['leave_institution', 'end_police_views'],
  },
  {
    event: 'start_follow_up',
    label: '进入长期跟踪回访 / start long-term follow-up (R17)',
    from: ['reunified', 'locally_resettled'],
    to: 'follow_up',
    roles: CIVIL_AFFAIRS,
    approval: false,
    guards: [noTransferAwaiting],
    payload: NotePayload,
    effects: [],
  },
  {
    event: 'transfer',
    label: '移交其他辖区 / transfer to another jurisdiction',
    from: ACTIVE,
    to: 'same',
    roles: CIVIL_AFFAIRS,
    approval: true,
    guards: [noTransferAwaiting],
    payload: TransferPayload,
    effects: ['transfer'],
  },
  {
    event: 'close',
    label: '结案 / close the file',
    from: ['reunified', 'locally_resettled', 'repatriated', 'follow_up'],
    to: 'closed',
    roles: CIVIL_AFFAIRS,
    approval: true,
    guards: [noTransferAwaiting, minorHasGuardian, noOpenReferrals],
    payload: ReasonPayload,
    effects: ['close', 'leave_institution'],
  },
];
