import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
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

export class TracingNameInput {
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  /** name, alias, or childhood_name (乳名). */
  @IsIn(['name', 'alias', 'childhood_name'])
  kind!: 'name' | 'alias' | 'childhood_name';
}

export class FamilyContactInput {
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  relation?: string;

  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,20}$/, { message: 'phone must be a phone number' })
  phone?: string;
}

/** R8: a family looking for a missing person. */
export class TracingRequestDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TracingNameInput)
  names!: TracingNameInput[];

  @IsIn(['female', 'male', 'unknown'])
  sex!: 'female' | 'male' | 'unknown';

  @IsOptional()
  @IsDateString({ strict: true })
  birthDate?: string;

  /** Age on the day of going missing, when the birth date is not known. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(80)
  ageWhenMissing?: number;

  @IsDateString({ strict: true })
  missingOn!: string;

  @Matches(/^[0-9]{6}$/, { message: 'missingPlaceCode must be a 6-digit GB/T 2260 code' })
  missingPlaceCode!: string;

  /** Distinguishing marks: birthmarks, scars… */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  marks?: string;

  @ValidateNested()
  @Type(() => FamilyContactInput)
  familyContact!: FamilyContactInput;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  policeReportReference?: string;
}

/** R8: what the person remembers — a dialect, place names, people, events, marks. */
export class LeadDto {
  @IsIn(['dialect', 'place_name', 'person', 'event', 'mark', 'other'])
  kind!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text!: string;

  @IsIn(['person', 'interview', 'institution_staff', 'police', 'family', 'other'])
  source!: string;

  /** When the lead points to a place (GB/T 2260 code). */
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'placeCode must be a 6-digit GB/T 2260 code' })
  placeCode?: string;
}

export class CandidateDecisionDto {
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason!: string;
}

/** R9: only that a comparison was asked of the police: unit, reference, date. */
export class DnaRequestDto {
  @IsUUID()
  policeOrganisationId!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  policeReference!: string;

  @IsDateString({ strict: true })
  requestedOn!: string;
}

/** R9: the outcome as the police report it — never a profile. */
export class DnaOutcomeDto {
  @IsIn(['match', 'no_match', 'inconclusive'])
  outcome!: 'match' | 'no_match' | 'inconclusive';

  @IsDateString({ strict: true })
  reportedOn!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(100)
  reportReference!: string;
}

export class PaternityTestDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  offeredBy!: string;

  @IsDateString({ strict: true })
  offeredOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class DutyNoticeDto {
  /** Who was told: 父亲李建国、母亲张某… */
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  relatives!: string;

  @IsDateString({ strict: true })
  notifiedOn!: string;

  @IsIn(['in_person', 'phone', 'letter', 'video'])
  method!: 'in_person' | 'phone' | 'letter' | 'video';

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class TracingRequestQuery {
  @IsOptional()
  @IsIn(['open', 'found', 'closed', 'all'])
  status?: 'open' | 'found' | 'closed' | 'all';
}

export class DnaComparisonQuery {
  @IsOptional()
  @IsIn(['pending', 'all'])
  status?: 'pending' | 'all';
}
