import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DISCLOSURE_CATEGORIES, REFERRAL_KINDS, type DisclosureCategory, type ReferralKind } from './kinds.js';

export class ElsewhereInput {
  /** 异地就学: the contact made with the school (or its education bureau) to help the child in (R14). */
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  contactMade!: string;
}

export class ReferralDetailsInput {
  /** Schooling: the grade the child should join. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  gradeLevel?: string;

  /** Schooling in another place (异地就学). */
  @IsOptional()
  @ValidateNested()
  @Type(() => ElsewhereInput)
  elsewhere?: ElsewhereInput;

  /** Legal aid: the matter (rights to protect, claim, prosecution…). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  matter?: string;

  /** Job training: the trade or course wanted. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  trade?: string;
}

export class CreateReferralDto {
  @IsIn(REFERRAL_KINDS)
  kind!: ReferralKind;

  /** The receiving organisation (a designated hospital, a school, a legal aid centre…). */
  @IsUUID()
  organisationId!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  purpose!: string;

  /** Further categories for the partner to see; each needs a recorded consent (R16). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsIn(DISCLOSURE_CATEGORIES, { each: true })
  disclose?: DisclosureCategory[];

  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralDetailsInput)
  details?: ReferralDetailsInput;

  /** The day it must be accepted by (legal aid: set by the working calendar, R18). */
  @IsOptional()
  @IsDateString({ strict: true })
  acceptBy?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  completeBy?: string;

  /** R15: when the estimated age straddles 16, the caseworker confirms the person is 16 or more. */
  @IsOptional()
  @IsBoolean()
  ageConfirmed?: boolean;

  /** Send at once instead of keeping a draft. */
  @IsOptional()
  @IsBoolean()
  send?: boolean;
}

export class ReasonDto {
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason!: string;
}

export class NoteDto {
  @IsIn(['progress', 'visit'])
  kind!: 'progress' | 'visit';

  @IsString()
  @MinLength(2)
  @MaxLength(10000)
  text!: string;

  /** For a visit: when it took place. */
  @IsOptional()
  @IsDateString({ strict: true })
  visitedOn?: string;
}

export class PlacementOutcome {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  employer!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  place!: string;

  @IsDateString({ strict: true })
  startDate!: string;
}

/** The outcome a partner reports; what is required depends on the kind (kinds.ts). */
export class OutcomeDto {
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string;

  /** Job training: the course followed. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  course?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  certificate?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => PlacementOutcome)
  placement?: PlacementOutcome;

  /** Support given for work in another place. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  workElsewhere?: string;

  /** Legal aid: litigation or non-litigation service. */
  @IsOptional()
  @IsIn(['litigation', 'non_litigation'])
  service?: 'litigation' | 'non_litigation';

  @IsOptional()
  @IsString()
  @MaxLength(200)
  court?: string;

  /** Legal aid: the stage reached (立案, 一审, 二审, 执行, 调解…). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  stage?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  result?: string;
}

export class DisabilityAssessmentDto {
  @IsIn(['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'])
  category!: string;

  /** 残疾等级 1 (most severe) to 4, as reported. */
  @IsInt()
  @Min(1)
  @Max(4)
  grade!: number;

  @IsDateString({ strict: true })
  assessedOn!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  assessedBy!: string;
}

export class EnrolmentDto {
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  grade!: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  className?: string;

  @IsDateString({ strict: true })
  enrolledOn!: string;
}

export class ConsentDto {
  /** A disclosure category (R16), or job_training (R15: by the person's own will). */
  @IsIn([...DISCLOSURE_CATEGORIES, 'job_training'])
  category!: string;

  @IsIn(['person', 'guardian'])
  givenBy!: 'person' | 'guardian';

  @IsDateString({ strict: true })
  givenOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ContributionDto {
  @IsIn(['organisation', 'individual'])
  sourceKind!: 'organisation' | 'individual';

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  sourceName!: string;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  amountYuan?: number;

  /** Services or goods given instead of money. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  inKind?: string;

  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  purpose!: string;

  @IsDateString({ strict: true })
  receivedOn!: string;
}

export class InboxQuery {
  @IsOptional()
  @IsIn(['open', 'all'])
  status?: 'open' | 'all';
}
