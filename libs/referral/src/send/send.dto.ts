import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { DISCLOSURE_CATEGORIES, REFERRAL_KINDS, type DisclosureCategory, type ReferralKind } from '../kinds.js';
import { IsPlausibleDate, MAX_INT4 } from '#app/platform';

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

/** What a referral says, created or a draft edited: the rules are the same (R12–R16, R18, R19). */
export class ReferralInputDto {
  @IsIn(REFERRAL_KINDS)
  kind!: ReferralKind;

  /** The receiving organisation (a designated hospital, a school, a legal aid centre…). */
  @IsUUID()
  organisationId!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  purpose!: string;

  /** Further categories for the partner to see; each needs a standing consent (R16). */
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
  @IsPlausibleDate()
  acceptBy?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  @IsPlausibleDate()
  completeBy?: string;

  /** R15: when the estimated age straddles 16, the caseworker confirms the person is 16 or more. */
  @IsOptional()
  @IsBoolean()
  ageConfirmed?: boolean;
}

export class CreateReferralDto extends ReferralInputDto {
  /** Send at once instead of keeping a draft. */
  @IsOptional()
  @IsBoolean()
  send?: boolean;
}

/** A draft rewritten as a whole; sent later with POST /referrals/:id/send. */
export class EditDraftDto extends ReferralInputDto {
  /** The referral's version as the caller saw it: 409 STALE_VERSION when someone changed it meanwhile. */
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  expectedVersion!: number;
}
