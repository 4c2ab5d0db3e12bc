import { ApiProperty } from '@nestjs/swagger';
import { PageOf, type Page } from '#app/platform';
import { LEAD_KINDS, LEAD_SOURCES, LEAD_STATUSES } from '../leads/lead.dto.js';
import { DUTY_NOTICE_METHODS } from '../reunification/reunification.dto.js';

/** R8: what the person remembers, with its source, and what following it up found. */
export class LeadView {
  id!: string;
  @ApiProperty({ enum: LEAD_KINDS })
  kind!: (typeof LEAD_KINDS)[number];
  text!: string;
  @ApiProperty({ enum: LEAD_SOURCES })
  source!: (typeof LEAD_SOURCES)[number];
  placeCode!: string | null;
  recordedAt!: Date;
  /** open until followed up; then confirmed (it held) or ruled_out. */
  @ApiProperty({ enum: LEAD_STATUSES })
  status!: (typeof LEAD_STATUSES)[number];
  checkedOn!: string | null;
  /** What was done and found. */
  outcomeNote!: string | null;
  /** Who recorded the outcome (their name). */
  checkedBy!: string | null;
}

/** One feature of a match: its score (0–1), its weight in the total, and why — in Chinese with English beside. */
export class FeatureScore {
  score!: number;
  weight!: number;
  /** e.g. 同音 xiaohong（晓红 / 小红）/ same pinyin xiaohong */
  why!: string;
}

/** The score of a candidate, feature by feature, so a caseworker sees why it ranks where it does. */
export class MatchFeatures {
  name!: FeatureScore;
  age!: FeatureScore;
  place!: FeatureScore;
  sex!: FeatureScore;
  marks!: FeatureScore;
  time!: FeatureScore;
}

export const CANDIDATE_STATUSES = ['open', 'dismissed', 'referred_to_police', 'confirmed', 'ruled_out'] as const;

/** A family's request that may be this person's (R8), open ones first, the best first. */
export class CandidateView {
  id!: string;
  requestId!: string;
  requestReference!: string;
  score!: number;
  features!: MatchFeatures;
  @ApiProperty({ enum: CANDIDATE_STATUSES })
  status!: (typeof CANDIDATE_STATUSES)[number];
  dismissedReason!: string | null;
}

export const DNA_OUTCOMES = ['pending', 'match', 'no_match', 'inconclusive'] as const;

/** R9: a comparison asked of the police — unit, reference, dates and the outcome they reported; never genetic data. */
export class FileDnaComparisonView {
  id!: string;
  candidateId!: string;
  /** The police unit asked. */
  police!: string;
  policeReference!: string;
  requestedOn!: string;
  @ApiProperty({ enum: DNA_OUTCOMES })
  outcome!: (typeof DNA_OUTCOMES)[number];
  reportedOn!: string | null;
  reportReference!: string | null;
}

/** R10: a private paternity test a family offered, recorded as refused. */
export class PaternityTestView {
  id!: string;
  offeredBy!: string;
  offeredOn!: string;
  note!: string | null;
}

/** R8: the relatives found, told of their duties of care. */
export class DutyNoticeView {
  id!: string;
  relatives!: string;
  notifiedOn!: string;
  @ApiProperty({ enum: DUTY_NOTICE_METHODS })
  method!: (typeof DUTY_NOTICE_METHODS)[number];
  note!: string | null;
}

/** A file's tracing (R8–R10): leads, the first page of candidates (more at GET /files/{id}/tracing/candidates), DNA comparisons, refused tests, duty notices. */
export class FileTracingView {
  fileId!: string;
  leads!: LeadView[];
  @ApiProperty({ type: () => PageOf(CandidateView) })
  candidates!: Page<CandidateView>;
  dnaComparisons!: FileDnaComparisonView[];
  refusedPaternityTests!: PaternityTestView[];
  dutyOfCareNotices!: DutyNoticeView[];
}
