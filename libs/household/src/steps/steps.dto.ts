import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsPlausibleDate } from '#app/platform';

/** What goes with an application for household registration (R11). */
export const HOUSEHOLD_DOCUMENTS = [
  'tracing_notice', // 寻亲公告
  'institution_certificate', // 救助管理机构出具的滞留证明
  'police_sampling_receipt', // 公安机关采血入库回执（只有回执，没有任何基因数据）
  'photo',
  'other',
] as const;

export const SOCIAL_SECURITY_KINDS = ['basic_medical_insurance', 'minimum_living_allowance', 'extreme_poverty_support', 'other_assistance'] as const;

export class ApplicationDto {
  @IsDateString({ strict: true })
  @IsPlausibleDate()
  preparedOn!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(HOUSEHOLD_DOCUMENTS.length)
  @IsIn(HOUSEHOLD_DOCUMENTS, { each: true })
  documents!: (typeof HOUSEHOLD_DOCUMENTS)[number][];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RegistrationDto {
  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  registeredOn!: string;

  /** The household registration number the police issued; encrypted at rest. */
  @Matches(/^[0-9A-Za-z-]{4,30}$/, { message: '户号须为4至30位字母、数字或连字符 / householdNumber must be 4 to 30 letters, digits or dashes' })
  householdNumber!: string;

  /** For a child: the police reference of the DNA database check before registering (never the data). */
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  dnaDatabaseCheckReference?: string;
}

export class SocialSecurityDto {
  @IsIn(SOCIAL_SECURITY_KINDS)
  kind!: (typeof SOCIAL_SECURITY_KINDS)[number];

  @IsDateString({ strict: true })
  @IsPlausibleDate()
  enrolledOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string;
}

export class ExceptionDto {
  @IsString()
  @MinLength(4)
  @MaxLength(2000)
  reason!: string;
}
