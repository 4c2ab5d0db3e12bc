import { ApiProperty } from '@nestjs/swagger';
import { AgeRange, IdName } from '#app/platform';
import { DISCLOSURE_CATEGORIES, REFERRAL_KINDS, type DisclosureCategory, type ReferralKind } from '../kinds.js';
import { REFERRAL_STATES, type ReferralStatus } from '../lifecycle.js';

/** 异地就学: the school is in another place; the contact made to help the child in (R14). */
export class ElsewhereView {
  contactMade!: string;
  destinationJurisdictionCode!: string;
}

/** What the caseworker told the partner besides the purpose; each only where the kind uses it. */
export class ReferralDetailsView {
  /** Schooling: the grade the child should join. */
  gradeLevel?: string;
  elsewhere?: ElsewhereView;
  /** Legal aid: the matter. */
  matter?: string;
  /** Job training: the trade or course wanted. */
  trade?: string;
}

export class PlacementOutcomeView {
  employer!: string;
  place!: string;
  startDate!: string;
}

/** The outcome the partner reported; what is there depends on the kind (course, placement, legal service…). */
export class ReferralOutcomeView {
  summary?: string;
  course?: string;
  certificate?: string;
  placement?: PlacementOutcomeView;
  workElsewhere?: string;
  service?: 'litigation' | 'non_litigation';
  court?: string;
  stage?: string;
  result?: string;
}

/** A correction of a note recorded by mistake: an addendum; the note itself never changes. */
export class ReferralNoteCorrectionView {
  id!: string;
  text!: string;
  /** For a visit: the day it really took place, when that was wrong. */
  visitedOn!: string | null;
  reason!: string;
  author!: string;
  organisation!: string;
  createdAt!: Date;
}

/** A progress note or a visit record of the partner, with its corrections. */
export class ReferralNoteView {
  id!: string;
  kind!: 'progress' | 'visit';
  text!: string;
  visitedOn!: string | null;
  author!: string;
  organisation!: string;
  createdAt!: Date;
  corrections!: ReferralNoteCorrectionView[];
}

/** One move of the referral. */
export class ReferralHistoryEntry {
  event!: string;
  @ApiProperty({ enum: REFERRAL_STATES, nullable: true })
  from!: ReferralStatus | null;
  @ApiProperty({ enum: REFERRAL_STATES })
  to!: ReferralStatus;
  /** The reason given (declined, withdrawn). */
  note!: string | null;
  at!: Date;
  actor!: string | null;
}

/** R12: the disability category and grade (1 most severe – 4), as the hospital reported them. */
export class DisabilityAssessmentView {
  id!: string;
  category!: 'visual' | 'hearing' | 'speech' | 'physical' | 'intellectual' | 'mental' | 'multiple';
  grade!: number;
  assessedOn!: string;
  assessedBy!: string;
}

/** R14: the enrolment the school recorded. */
export class EnrolmentView {
  grade!: string;
  className!: string | null;
  enrolledOn!: string;
}

export const COURSE_STATUSES = ['enrolled', 'in_progress', 'completed', 'dropped_out'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];
export const LEGAL_AID_STEP_KINDS = ['consultation', 'litigation_filed', 'hearing', 'judgment', 'non_litigation_service', 'other'] as const;
export type LegalAidStepKind = (typeof LEGAL_AID_STEP_KINDS)[number];

/** R15: a training course the partner recorded. */
export class TrainingCourseView {
  id!: string;
  name!: string;
  provider!: string;
  startsOn!: string;
  endsOn!: string | null;
  @ApiProperty({ enum: COURSE_STATUSES })
  status!: CourseStatus;
  recordedAt!: Date;
}

/** R15: a certificate the partner recorded. */
export class TrainingCertificateView {
  id!: string;
  name!: string;
  number!: string | null;
  issuedOn!: string;
  recordedAt!: Date;
}

/** R15: a job the partner recorded; `elsewhere` when it is outside the file's jurisdiction (work in another place). */
export class JobPlacementView {
  id!: string;
  employer!: string;
  position!: string;
  startsOn!: string;
  placeCode!: string;
  placeName!: string;
  elsewhere!: boolean;
  recordedAt!: Date;
}

/** R18: one dated step of the green-channel legal aid case. */
export class LegalAidStepView {
  id!: string;
  @ApiProperty({ enum: LEGAL_AID_STEP_KINDS })
  kind!: LegalAidStepKind;
  takenOn!: string;
  note!: string;
  recordedAt!: Date;
}

/** R19: the handover of the person to the authority of the country of return. */
export class RepatriationHandoverView {
  id!: string;
  handedOverOn!: string;
  place!: string;
  receivingAuthority!: string;
  receivingCountry!: string;
  travelDocumentRef!: string | null;
  recordedAt!: Date;
}

/** The records of its kind the partner kept on the referral (R15, R18, R19); empty for other kinds. */
export class KindRecordsView {
  trainingCourses!: TrainingCourseView[];
  certificates!: TrainingCertificateView[];
  jobs!: JobPlacementView[];
  legalAidSteps!: LegalAidStepView[];
  handover!: RepatriationHandoverView | null;
}

/** What both sides see of a referral. */
export class ReferralCoreView {
  id!: string;
  @ApiProperty({ enum: REFERRAL_KINDS })
  kind!: ReferralKind;
  /** The kind in words, Chinese and English. */
  label!: string;
  @ApiProperty({ enum: REFERRAL_STATES })
  status!: ReferralStatus;
  /** The status in words, Chinese and English. */
  statusLabel!: string;
  version!: number;
  /** R18: green-channel legal aid, listed first and accepted within working days. */
  greenChannel!: boolean;
  /** The receiving organisation. */
  organisation!: IdName;
  fileReference!: string;
  purpose!: string;
  details!: ReferralDetailsView;
  acceptBy!: Date | null;
  completeBy!: string | null;
  outcome!: ReferralOutcomeView | null;
  declineReason!: string | null;
  withdrawReason!: string | null;
  sentAt!: Date | null;
  /** The categories disclosed to the partner with consent (R16); the partner is told only those whose consent still stands. */
  @ApiProperty({ enum: DISCLOSURE_CATEGORIES, isArray: true })
  disclosed!: DisclosureCategory[];
}

/** The referring side's view: everything about the referral, the partner's notes and records included. */
export class ReferrerReferralView extends ReferralCoreView {
  audience!: 'referrer';
  fileId!: string;
  /**
   * R16: the categories disclosed whose consent was withdrawn since and none
   * stands: the partner no longer sees them, and a draft holding one cannot be sent.
   */
  @ApiProperty({ enum: DISCLOSURE_CATEGORIES, isArray: true })
  withheld!: DisclosureCategory[];
  notes!: ReferralNoteView[];
  history!: ReferralHistoryEntry[];
  assessments!: DisabilityAssessmentView[];
  enrolment!: EnrolmentView | null;
  /** Training, jobs (R15), legal aid steps (R18), the repatriation handover (R19). */
  records!: KindRecordsView;
}

/** A referral just created: R15 may have guided a 16–17 year old's job training to a technical school. */
export class CreatedReferralView extends ReferrerReferralView {
  /** The kind asked for, when R15 changed it (job training of a minor → technical school). */
  @ApiProperty({ enum: REFERRAL_KINDS, required: false })
  forcedFrom?: ReferralKind;
}

export class GuardianContactView {
  name!: string;
  relation!: string | null;
  phone!: string | null;
}

export class TravelDocumentSeenView {
  type!: string | null;
  country!: string | null;
  number!: string;
}

export class MedicalMeasureSeenView {
  kind!: 'medical' | 'psychological';
  description!: string;
  providedOn!: string;
}

export class ContactSeenView {
  label!: string;
  phone!: string | null;
  address!: string | null;
}

export class NeedsSeenView {
  needs!: string[];
  note!: string | null;
  wishes!: string | null;
}

/**
 * The person as a partner sees them while the referral is open (R16): name,
 * sex and age; the minimum its kind needs; and only the categories disclosed
 * with consent. A field the partner may not see is absent, never null.
 */
export class DisclosedPersonView {
  name!: string | null;
  sex!: 'female' | 'male' | 'unknown';
  age!: AgeRange | null;
  /** Schools: the grade to join. */
  gradeLevel?: string | null;
  /** Schools: the guardian to contact. */
  guardianContact?: GuardianContactView[];
  /** Hospitals: the disability as recorded (also with the medical category). */
  disability?: string | null;
  languages?: string[];
  /** The foreign affairs office (R19). */
  nationality?: string | null;
  travelDocument?: TravelDocumentSeenView | null;
  /** Disclosed with consent: identity. */
  idNumber?: string | null;
  /** Disclosed with consent: family. */
  guardians?: GuardianContactView[];
  /** Disclosed with consent: medical. */
  medicalMeasures?: MedicalMeasureSeenView[];
  /** Disclosed with consent: contacts. */
  contacts?: ContactSeenView[];
  /** Disclosed with consent: the trafficking history. */
  circumstances?: string | null;
  /** Disclosed with consent: needs and wishes. */
  needs?: NeedsSeenView | null;
}

/** The partner's next deadline while the referral is open: to accept it (sent), then to complete it (accepted, in progress). */
export class ReferralDeadlineView {
  @ApiProperty({ enum: ['accept', 'complete'] })
  kind!: 'accept' | 'complete';
  /** The last day, in China (YYYY-MM-DD). */
  day!: string;
  /** Working days from today to the day, 调休 counted (R18); 0 on the day itself, negative once overdue (the working days late). */
  workingDaysLeft!: number;
  /** The day has passed. */
  overdue!: boolean;
}

/** A referral in the partner's inbox: the referral, and the person while it is open (R16). */
export class PartnerReferralListItem extends ReferralCoreView {
  audience!: 'partner';
  /** Absent once the referral is closed: the partner keeps only its own records of it. */
  person?: DisclosedPersonView;
  /** Absent once the referral is closed, or when it has no deadline left to meet. */
  deadline?: ReferralDeadlineView;
}

/** One referral as the partner sees it, with its own notes and records and the history; its records stay after closure, without the person. */
export class PartnerReferralView extends PartnerReferralListItem {
  notes!: ReferralNoteView[];
  history!: ReferralHistoryEntry[];
  /** Hospitals (R12): the assessments it reported. */
  assessments!: DisabilityAssessmentView[];
  /** Schools (R14): the enrolment it recorded. */
  enrolment!: EnrolmentView | null;
  /** Training and jobs (R15), legal aid steps (R18), the repatriation handover (R19) it recorded. */
  records!: KindRecordsView;
}
