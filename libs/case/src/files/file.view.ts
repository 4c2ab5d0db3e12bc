import { ApiProperty } from '@nestjs/swagger';
import { AgeRange, CodeName, IdName, UserRef } from '#app/platform';
import { PartnerPersonView, PersonView } from '../person/person.view.js';
import { FILE_STATES, type FileState } from '../state-machine/states.js';

export class MaterialView {
  item!: string;
  quantity?: number;
  note?: string;
}

/** How the file began (R1): the police handover or the institution's own discovery. */
export class IntakeView {
  kind!: 'police_handover' | 'institution_discovery';
  reportingOrganisationId!: string;
  reportingOrganisation!: string;
  policeCaseNumber!: string | null;
  occurredOn!: string;
  placeCode!: string;
  placeName!: string;
  materials!: MaterialView[];
  circumstances!: string;
  recordedAt!: Date;
}

export class GuardianView {
  id!: string;
  kind!: 'parent' | 'relative' | 'institution' | 'civil_affairs' | 'other';
  name!: string;
  relation!: string | null;
  idNumber!: string | null;
  /** The ID number was checked against the identity card or the household register. */
  idNumberVerified!: boolean;
  birthDate!: string | null;
  phone!: string | null;
  address!: string | null;
  organisationId!: string | null;
  since!: string;
  until!: string | null;
}

/** R23: a suspected harm reported to the police or the authorities. */
export class MandatoryReportView {
  id!: string;
  suspectedHarm!: string;
  reportedTo!: string;
  reportedToOrganisationId!: string | null;
  reportedAt!: Date;
  reference!: string | null;
}

/** R6: a member of the household that bought the person, as the police established it. */
export class BuyerHouseholdMemberView {
  id!: string;
  name!: string | null;
  aliases!: string[];
  relation!: string | null;
  idNumber!: string | null;
  idNumberVerified!: boolean;
  address!: string | null;
  placeCode!: string | null;
  recordedAt!: Date;
}

/** R5: a stay in an institution, with its dates. */
export class PlacementView {
  id!: string;
  institutionId!: string;
  institution!: string;
  fromDate!: string;
  toDate!: string | null;
  reason!: string | null;
}

/** The stay under way (issue 13): where the person sleeps, whether they are out, and overdue; the whole record at GET /files/{id}/stay. */
export class FileStayView {
  id!: string;
  institutionId!: string;
  institution!: string;
  beginsOn!: string;
  arrivedAt!: Date | null;
  room!: string | null;
  unit!: string | null;
  onLeave!: boolean;
  /** On leave past the expected time of return (by the server's clock). */
  overdueLeave!: boolean;
  notes!: number;
  lastNoteAt!: Date | null;
}

/** R7: assistance given (shelter, food, medical, psychological, living allowance…). */
export class AssistanceMeasureView {
  id!: string;
  kind!: string;
  description!: string;
  providedOn!: string;
  providedByOrganisationId!: string | null;
  amountYuan!: number | null;
}

/** R5, R7: the return home: to whom, where, how, and the handover. */
export class ReturnHomeView {
  recipientName!: string;
  relation!: string;
  recipientIdNumber!: string | null;
  /** The recipient's ID number was checked against the identity card or the household register. */
  recipientIdNumberVerified!: boolean;
  recipientPhone!: string | null;
  address!: string;
  placeCode!: string;
  plannedOn!: string | null;
  travelArrangements!: string | null;
  escortedBy!: string | null;
  handedOverAt!: Date | null;
}

/** R19: repatriation of a foreign national, coordinated with the foreign affairs office. */
export class RepatriationView {
  country!: string;
  foreignAffairsOrganisationId!: string;
  transitCare!: string;
  handedOverAt!: Date | null;
  handedOverTo!: string | null;
  reference!: string | null;
}

export class PendingApprovalView {
  id!: string;
  event!: string;
  /** The step's payload as requested (see the transition's payload schema). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload!: Record<string, unknown>;
  requestedAt!: Date;
  requestedBy!: string;
}

export class OpenTransferView {
  id!: string;
  toOrganisationId!: string;
  toOrganisation!: string;
  reason!: string;
  requestedAt!: Date;
}

/** The whole file, as civil affairs and the institution where the person stays see it. */
export class FileView {
  audience!: 'full';
  id!: string;
  reference!: string;
  @ApiProperty({ enum: FILE_STATES })
  state!: FileState;
  /** The state in words, Chinese and English. */
  stateLabel!: string;
  /** Give it back as `expectedVersion` to change the file (409 when someone changed it meanwhile). */
  version!: number;
  intakeKind!: 'police_handover' | 'institution_discovery';
  openedAt!: Date;
  closedAt!: Date | null;
  responsibleJurisdiction!: CodeName;
  responsibleOrganisation!: IdName;
  responsibleCaseworker!: UserRef | null;
  currentInstitution!: IdName | null;
  person!: PersonView;
  intake!: IntakeView | null;
  interviewRecorded!: boolean;
  guardians!: GuardianView[];
  mandatoryReports!: MandatoryReportView[];
  buyerHousehold!: BuyerHouseholdMemberView[];
  placements!: PlacementView[];
  /** The stay under way in an institution, if any. */
  stay!: FileStayView | null;
  assistanceMeasures!: AssistanceMeasureView[];
  returnHome!: ReturnHomeView | null;
  repatriation!: RepatriationView | null;
  pendingApprovals!: PendingApprovalView[];
  openTransfer!: OpenTransferView | null;
}

/** What the police and partners see of a file (R16): enough to receive the person, nothing of their history. */
export class PartnerFileView {
  audience!: 'partner';
  id!: string;
  reference!: string;
  /** For the versioned records a partner keeps (the repatriation handover, R19). */
  version!: number;
  person!: PartnerPersonView;
}

/** A file in a list, for those who keep it. */
export class FileListItem {
  audience!: 'full';
  id!: string;
  reference!: string;
  @ApiProperty({ enum: FILE_STATES })
  state!: FileState;
  name!: string | null;
  sex!: 'female' | 'male' | 'unknown';
  age!: AgeRange | null;
  identityStatus!: 'confirmed' | 'claimed' | 'unknown';
  responsibleJurisdiction!: CodeName;
  currentInstitution!: string | null;
  caseworker!: string | null;
  openedAt!: Date;
}

/** A file in a partner's list: the minimal view. */
export class PartnerFileListItem {
  audience!: 'partner';
  id!: string;
  reference!: string;
  person!: PartnerPersonView;
}

/** One step of the file's history. */
export class FileHistoryEntry {
  id!: number;
  event!: string;
  from!: string | null;
  to!: string;
  at!: Date;
  note!: string | null;
  approvalId!: string | null;
  actor!: string | null;
}
