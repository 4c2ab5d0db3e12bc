import { ApiProperty } from '@nestjs/swagger';
import { DNA_OUTCOMES } from '../file-tracing/file-tracing.view.js';

/** R9: a comparison asked of the police unit, as its worklist shows it: pending first, the oldest asked first. */
export class PoliceComparisonView {
  id!: string;
  policeReference!: string;
  requestedOn!: string;
  @ApiProperty({ enum: DNA_OUTCOMES })
  outcome!: (typeof DNA_OUTCOMES)[number];
  reportedOn!: string | null;
  reportReference!: string | null;
  fileId!: string;
  fileReference!: string;
  requestId!: string;
  requestReference!: string;
  /** The police report the family's request was filed under, if any. */
  requestPoliceReference!: string | null;
}

/** R9: the comparison asked for — the unit, its reference and the day; the unit sees the minimal view of the file meanwhile. */
export class DnaComparisonRequested {
  id!: string;
  candidateId!: string;
  fileId!: string;
  policeOrganisationId!: string;
  policeReference!: string;
  requestedOn!: string;
  outcome!: 'pending';
}

/** R9, R10: the outcome the unit reported and what it made of the candidate. */
export class DnaOutcomeReported {
  id!: string;
  outcome!: 'match' | 'no_match' | 'inconclusive';
  /** confirmed on a match, ruled out on no match; referred to the police again may follow an inconclusive one. */
  candidateStatus!: 'confirmed' | 'ruled_out' | 'referred_to_police';
}
