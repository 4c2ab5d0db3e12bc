import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsPlausibleDate, MAX_AMOUNT_YUAN, OptionalNotNull, MAX_INT4 } from '#app/platform';

export const CONSENT_CATEGORIES = ['medical', 'schooling', 'training', 'legal_aid', 'social_work', 'family_tracing', 'trafficking_history', 'identity'] as const;
export const NEEDS = [
  'shelter',
  'medical',
  'psychological',
  'schooling',
  'training',
  'employment',
  'legal_aid',
  'family_tracing',
  'travel_home',
  'social_assistance',
  'interpreter',
  'other',
] as const;
export const INTERVIEW_SECTIONS = ['circumstances', 'needs', 'risks', 'wishes', 'consents', 'attendees', 'other'] as const;

export class AttendeeInput {
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  /** Their role at the interview: 民政个案工作者, 公安民警, 心理咨询师… */
  @IsString()
  @MaxLength(100)
  role!: string;

  @IsOptional()
  @IsUUID()
  organisationId?: string;

  /** The agency, when it is not an organisation in huijia. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agency?: string;
}

export class InterpreterInput {
  @IsString()
  @MaxLength(50)
  name!: string;

  @IsString()
  @MaxLength(20)
  language!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  organisation?: string;
}

export class ConsentInput {
  @IsIn([true, false])
  given!: boolean;

  /** Who gave it: the person, or the guardian of a minor. */
  @IsIn(['person', 'guardian'])
  by!: 'person' | 'guardian';
}

/** R2: the one-stop interview, recorded once; later steps read it. */
export class InterviewDto {
  @IsISO8601({ strict: true })
  @IsPlausibleDate({ past: true })
  conductedAt!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  place?: string;

  /** BCP 47 tag of the language the interview was held in. */
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a BCP 47 tag such as zh or vi' })
  language!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => InterpreterInput)
  interpreter?: InterpreterInput;

  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttendeeInput)
  attendees!: AttendeeInput[];

  /** What happened (the trafficking history): never shown to partners without consent (R16). */
  @IsString()
  @MinLength(2)
  @MaxLength(20000)
  circumstances!: string;

  @IsArray()
  @IsIn(NEEDS, { each: true })
  needs!: string[];

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  needsNote?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  risks?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  wishes?: string;

  /** Consent to share by category, e.g. { "schooling": { "given": true, "by": "guardian" } }. */
  @IsObject()
  consents!: Record<string, ConsentInput>;
}

export class AddendumDto {
  @IsIn(INTERVIEW_SECTIONS)
  section!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(10000)
  text!: string;

  /** Why the interview is corrected or completed. */
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;
}

/** R6: a member or the address of the household that bought the person. */
export class BuyerHouseholdMemberDto {
  @IsOptional()
  @IsString()
  @MaxLength(50)
  name?: string;

  /** Other names the member goes by: each refuses like the name (R6). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  aliases?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(50)
  relation?: string;

  @IsOptional()
  @IsString()
  @MaxLength(30)
  idNumber?: string;

  /** The ID number was checked against the identity card, the household register or by the police (needs `idNumber`). */
  @IsOptional()
  @IsBoolean()
  idNumberVerified?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'placeCode must be a 6-digit GB/T 2260 code' })
  placeCode?: string;
}

/** R6: a member of the buying household corrected — the record is replaced by this one — with the reason (versioned, audited). */
export class BuyerHouseholdCorrectionDto extends BuyerHouseholdMemberDto {
  /** Why the record changes, kept with the audit record. */
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;

  /** The file's version as the caller saw it: a stale version answers 409 STALE_VERSION. */
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  expectedVersion!: number;
}

/** R6, R23: a record removed as recorded by mistake — kept, no longer counting — with the reason (versioned, audited). */
export class RecordRemovalDto {
  /** Why the record is removed, kept with it and with the audit record. */
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;

  /** The file's version as the caller saw it: a stale version answers 409 STALE_VERSION. */
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  expectedVersion!: number;
}

/** R23: a minor's guardian. */
export class GuardianDto {
  @IsIn(['parent', 'relative', 'institution', 'civil_affairs', 'other'])
  kind!: 'parent' | 'relative' | 'institution' | 'civil_affairs' | 'other';

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  relation?: string;

  @IsOptional()
  @IsString()
  @MaxLength(30)
  idNumber?: string;

  /** The ID number was checked against the identity card or the household register (needs `idNumber`); lets a namesake of a buyer through (R6). */
  @IsOptional()
  @IsBoolean()
  idNumberVerified?: boolean;

  /** A person's birth date (else the one in the ID number): a guardian is an adult (R23). */
  @IsOptional()
  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  birthDate?: string;

  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,20}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  /** For institutional guardianship: the institution or civil affairs bureau. */
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate()
  since!: string;
}

/** R23: a change to a guardian on record — a correction, the contact, or the end of the guardianship (versioned: an edit, audited). */
export class GuardianUpdateDto {
  /** A corrected name (checked again against the buying household, R6). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  /** A corrected or newly known ID number (checked again: R6, R23). */
  @IsOptional()
  @IsString()
  @MaxLength(30)
  idNumber?: string;

  /** The ID number on record (or given here) was checked against the identity card or the household register. */
  @IsOptional()
  @IsBoolean()
  idNumberVerified?: boolean;

  /** A corrected birth date (a guardian is an adult, R23). */
  @IsOptional()
  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  birthDate?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  relation?: string;

  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,20}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  /** The last day of the guardianship (the guardian is no longer on record from the day after). */
  @IsOptional()
  @IsDateString({ strict: true })
  @IsPlausibleDate()
  until?: string;

  /** Why the record changes, kept with the audit record. */
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;

  /** The file's version as the caller saw it: the change replaces what is on record, so a stale version answers 409 STALE_VERSION. */
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  expectedVersion!: number;
}

/** R23: the mandatory report (强制报告) when harm to a minor is suspected. */
export class MandatoryReportDto {
  @IsString()
  @MinLength(2)
  @MaxLength(5000)
  suspectedHarm!: string;

  /** To whom: the public security unit, usually. */
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  reportedTo!: string;

  @IsOptional()
  @IsUUID()
  reportedToOrganisationId?: string;

  @IsISO8601({ strict: true })
  @IsPlausibleDate({ past: true })
  reportedAt!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string;
}

export const ASSISTANCE_KINDS = [
  'shelter',
  'food',
  'clothing',
  'medical',
  'psychological',
  'travel_home',
  'minimum_living_allowance',
  'extreme_poverty_support',
  'temporary_assistance',
  'other',
] as const;

/** R7: temporary assistance that fits the person's state; enrolment in 低保 / 特困. */
export class AssistanceMeasureDto {
  @IsIn(ASSISTANCE_KINDS)
  kind!: (typeof ASSISTANCE_KINDS)[number];

  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  description!: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  providedOn!: string;

  @IsOptional()
  @IsUUID()
  providedByOrganisationId?: string;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_AMOUNT_YUAN)
  amountYuan?: number;
}

/** R5, R7: who receives the person at home, where, and how they travel. Replaces what is on record (versioned). */
export class ReturnHomeDto {
  /** The file's version as the caller saw it: the change replaces what is on record, so a stale version answers 409 STALE_VERSION. */
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  expectedVersion!: number;

  @IsString()
  @MinLength(1)
  @MaxLength(50)
  recipientName!: string;

  /** 父亲, 母亲… (R5: parents first). */
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  relation!: string;

  @IsOptional()
  @IsString()
  @MaxLength(30)
  recipientIdNumber?: string;

  /** The recipient's ID number was checked against the identity card or the household register (needs `recipientIdNumber`); lets a namesake of a buyer through (R6). */
  @IsOptional()
  @IsBoolean()
  recipientIdNumberVerified?: boolean;

  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,20}$/, { message: 'recipientPhone must be a phone number' })
  recipientPhone?: string;

  @IsString()
  @MinLength(2)
  @MaxLength(300)
  address!: string;

  @Matches(/^[0-9]{6}$/, { message: 'placeCode must be a 6-digit GB/T 2260 code' })
  placeCode!: string;

  @IsOptional()
  @IsDateString({ strict: true })
  @IsPlausibleDate()
  plannedOn?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  travelArrangements?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  escortedBy?: string;
}

/** R19: transit care and the safe handover of a foreign victim. Replaces what is on record (versioned). */
export class RepatriationDto {
  /** The file's version as the caller saw it: the change replaces what is on record, so a stale version answers 409 STALE_VERSION. */
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  expectedVersion!: number;

  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country!: string;

  @IsUUID()
  foreignAffairsOrganisationId!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(5000)
  transitCare!: string;

  /** Left out until the handover; never null (R19: the time and the receiver go together). */
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  @IsPlausibleDate({ past: true })
  handedOverAt?: string;

  /** The embassy, consulate or border authority that received the person. */
  @OptionalNotNull()
  @IsString()
  @MaxLength(300)
  handedOverTo?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string;
}

export class FireEventDto {
  @IsString()
  @MaxLength(40)
  event!: string;

  /** The file's version the caller last saw (optimistic concurrency: a stale one gets 409). */
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  expectedVersion!: number;

  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;
}

export class DecisionDto {
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason?: string;
}

export class RequiredReasonDto {
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason!: string;
}

export const IDENTITY_BASES = ['police_dna_match', 'police_verification', 'documents', 'household_registration'] as const;

/** The person's identity, established at last (R8, R11): who they are and how it is known (versioned). */
export class IdentityDto {
  /** The file's version as the caller saw it: the change replaces what is on record, so a stale version answers 409 STALE_VERSION. */
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  expectedVersion!: number;

  @IsString()
  @Matches(/^[0-9]{17}[0-9Xx]$/, { message: 'idNumber must be an 18-character resident ID number' })
  idNumber!: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name?: string;

  @IsIn(IDENTITY_BASES)
  basis!: (typeof IDENTITY_BASES)[number];

  /** The police report, the document's number…: how the identity can be checked again. */
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  basisReference!: string;
}
