import { IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsPlausibleDate, PageQuery } from '#app/platform';

export const REPORTED_OUTCOMES = ['match', 'no_match', 'inconclusive'] as const;

/** R9: only that a comparison was asked of the police: unit, reference, date. */
export class DnaRequestDto {
  @IsUUID()
  policeOrganisationId!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  policeReference!: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  requestedOn!: string;
}

/** R9: the outcome as the police report it — never a profile. */
export class DnaOutcomeDto {
  @IsIn(REPORTED_OUTCOMES)
  outcome!: (typeof REPORTED_OUTCOMES)[number];

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  reportedOn!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  reportReference!: string;
}

export class DnaComparisonQuery extends PageQuery {
  /** pending (default): those awaiting the unit's outcome; all: with the reported ones after them. */
  @IsOptional()
  @IsIn(['pending', 'all'])
  status?: 'pending' | 'all';
}
