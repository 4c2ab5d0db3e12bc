import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsDefined,
  IsObject,
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
import { IsPlausibleDate, PageQuery } from '#app/platform';

export const TRACING_NAME_KINDS = ['name', 'alias', 'childhood_name'] as const;
export const REQUEST_STATUSES = ['open', 'found', 'closed'] as const;

export class TracingNameInput {
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  /** name, alias, or childhood_name (乳名). */
  @IsIn(TRACING_NAME_KINDS)
  kind!: (typeof TRACING_NAME_KINDS)[number];
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
  @Matches(/^\+?[0-9 ()-]{5,20}$/, { message: '电话号码格式不正确 / phone must be a phone number' })
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
  @IsPlausibleDate({ past: true })
  birthDate?: string;

  /** Age on the day of going missing, when the birth date is not known. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(80)
  ageWhenMissing?: number;

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  missingOn!: string;

  @Matches(/^[0-9]{6}$/, { message: '须为6位行政区划代码 / missingPlaceCode must be a 6-digit GB/T 2260 code' })
  missingPlaceCode!: string;

  /** Distinguishing marks: birthmarks, scars… */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  marks?: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FamilyContactInput)
  familyContact!: FamilyContactInput;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  policeReportReference?: string;
}

/** Why a request is closed: found another way, withdrawn by the family… */
export class CloseRequestDto {
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason!: string;
}

/** R8, R22: the holder releases the family's contact and details to the bureau keeping a candidate's file, with the reason. */
export class ReleaseRequestDto {
  /** The candidate's file whose keepers may then see the request in full. */
  @IsUUID()
  fileId!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason!: string;
}

export class TracingRequestQuery extends PageQuery {
  /** open (default), found, closed, or all. */
  @IsOptional()
  @IsIn([...REQUEST_STATUSES, 'all'])
  status?: (typeof REQUEST_STATUSES)[number] | 'all';
}
