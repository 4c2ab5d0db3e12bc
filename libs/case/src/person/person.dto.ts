import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsPlausibleDate } from '#app/platform';

export const SEXES = ['female', 'male', 'unknown'] as const;
export const IDENTITY_STATUSES = ['confirmed', 'claimed', 'unknown'] as const;

export class AliasInput {
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  /** A childhood name (乳名) matters to family tracing (R8). */
  @IsIn(['alias', 'childhood_name'])
  kind!: 'alias' | 'childhood_name';
}

export class BirthDateRangeInput {
  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  from!: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  to!: string;
}

export class TravelDocumentInput {
  @IsIn(['passport', 'travel_permit', 'other'])
  type!: 'passport' | 'travel_permit' | 'other';

  @IsString()
  @MinLength(3)
  @MaxLength(30)
  number!: string;

  /** ISO 3166-1 alpha-2 of the issuing country. */
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as VN' })
  country!: string;
}

export class ContactInput {
  /** Who or what it is: 母亲, 本人, 工作单位… */
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  label!: string;

  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,20}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** A rescued person as intake records them (R3). */
export class PersonInput {
  /** The Chinese name as known; may be unknown. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => AliasInput)
  aliases?: AliasInput[];

  @IsIn(SEXES)
  sex!: (typeof SEXES)[number];

  /** The exact birth date, when known. */
  @IsOptional()
  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  birthDate?: string;

  /** An estimated birth date range, when the exact date is not known. */
  @IsOptional()
  @ValidateNested()
  @Type(() => BirthDateRangeInput)
  birthDateRange?: BirthDateRangeInput;

  @IsIn(IDENTITY_STATUSES)
  identityStatus!: (typeof IDENTITY_STATUSES)[number];

  /** 18-character resident ID number (GB 11643), validated. Stored encrypted. */
  @IsOptional()
  @IsString()
  @MaxLength(30)
  idNumber?: string;

  /** ISO 3166-1 alpha-2; absent when not known. Other than CN leads to the repatriation path (R19). */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'nationality must be an ISO 3166-1 alpha-2 code such as CN or VN' })
  nationality?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => TravelDocumentInput)
  travelDocument?: TravelDocumentInput;

  /** Languages spoken, as BCP 47 tags: zh, zh-yue, yue, vi, my… */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { each: true, message: 'each language must be a BCP 47 tag such as zh or vi' })
  languages?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(500)
  disability?: string;

  /** Where the person says they come from (GB/T 2260 code). */
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'originPlaceCode must be a 6-digit GB/T 2260 code' })
  originPlaceCode?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactInput)
  contacts?: ContactInput[];
}
