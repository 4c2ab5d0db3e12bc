import { IsDateString, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { IsPlausibleDate, MAX_AMOUNT_YUAN } from '#app/platform';
import { COURSE_STATUSES, LEGAL_AID_STEP_KINDS, type CourseStatus, type LegalAidStepKind } from '../views/referral.view.js';

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
  @IsPlausibleDate({ past: true })
  visitedOn?: string;
}

/** A note recorded by mistake is corrected by an addendum: what is right, and why; the note itself never changes. */
export class NoteCorrectionDto {
  /** The correct text (or what completes the note). */
  @IsString()
  @MinLength(2)
  @MaxLength(10000)
  text!: string;

  /** For a visit: the day it really took place, when the note had it wrong. */
  @IsOptional()
  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  visitedOn?: string;

  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  reason!: string;
}

export class DisabilityAssessmentDto {
  @IsIn(['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'])
  category!: 'visual' | 'hearing' | 'speech' | 'physical' | 'intellectual' | 'mental' | 'multiple';

  /** 残疾等级 1 (most severe) to 4, as reported. */
  @IsInt()
  @Min(1)
  @Max(4)
  grade!: number;

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
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
  @IsPlausibleDate()
  enrolledOn!: string;
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
  @Max(MAX_AMOUNT_YUAN)
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
  @IsPlausibleDate({ past: true })
  receivedOn!: string;
}

/** R15: a training course the person follows (职业技能培训). */
export class TrainingCourseDto {
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  /** Who gives the course (the school, a training centre). */
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  provider!: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate()
  startsOn!: string;

  /** When it ends or ended, where known; not before it starts. */
  @IsOptional()
  @IsDateString({ strict: true })
  @IsPlausibleDate()
  endsOn?: string;

  @ApiProperty({ enum: COURSE_STATUSES })
  @IsIn(COURSE_STATUSES)
  status!: CourseStatus;
}

/** R15: a certificate obtained (职业技能等级证书 and the like). */
export class TrainingCertificateDto {
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  number?: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  issuedOn!: string;
}

/** R15: the job found; the place may be anywhere — work in another place is supported. */
export class JobPlacementDto {
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  employer!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  position!: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate()
  startsOn!: string;

  /** Where the job is (GB/T 2260), in the file's jurisdiction or elsewhere. */
  @Matches(/^[0-9]{6}$/, { message: '须为 6 位 GB/T 2260 行政区划代码 / placeCode must be a 6-digit GB/T 2260 code' })
  placeCode!: string;
}

/** R18: one dated step of a green-channel legal aid case. */
export class LegalAidStepDto {
  @ApiProperty({ enum: LEGAL_AID_STEP_KINDS })
  @IsIn(LEGAL_AID_STEP_KINDS)
  kind!: LegalAidStepKind;

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  takenOn!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  note!: string;
}

/** R19: the handover of a foreign victim to the authority of the country of return. */
export class RepatriationHandoverDto {
  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  handedOverOn!: string;

  /** The border port or place of the handover (e.g. 磨憨口岸). */
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  place!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  receivingAuthority!: string;

  /** ISO 3166-1 alpha-2, such as LA or VN. */
  @Matches(/^[A-Z]{2}$/, { message: '须为 ISO 3166-1 两位国家代码 / receivingCountry must be an ISO 3166-1 alpha-2 code such as LA or VN' })
  receivingCountry!: string;

  /** The travel document (or laissez-passer) the person travelled on. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  travelDocumentRef?: string;
}
