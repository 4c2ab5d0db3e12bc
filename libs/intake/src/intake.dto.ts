import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsObject,
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
import { PersonInput } from '#app/case';
import { IsPlausibleDate } from '#app/platform';

export class MaterialItem {
  /** What was handed over: 询问笔录, 身份证明, 体检报告… */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  item!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class PoliceHandoverInput {
  /** The public security unit that hands the person over (R1). */
  @IsUUID()
  policeOrganisationId!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(60)
  policeCaseNumber!: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  handoverDate!: string;

  /** Where the handover took place (GB/T 2260 code). */
  @Matches(/^[0-9]{6}$/, { message: '须为 6 位 GB/T 2260 行政区划代码 / placeCode must be a 6-digit GB/T 2260 code' })
  placeCode!: string;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MaterialItem)
  materials!: MaterialItem[];

  @IsString()
  @MinLength(2)
  @MaxLength(5000)
  circumstances!: string;
}

export class DuplicateDecision {
  /** new_person: the candidates are other people; link: this is the person of an existing file. */
  @IsIn(['new_person', 'link'])
  action!: 'new_person' | 'link';

  @IsOptional()
  @IsUUID()
  personId?: string;
}

class IntakeCommon {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonInput)
  person!: PersonInput;

  /** The caseworker responsible; the caller when a caseworker takes the person in. */
  @IsOptional()
  @IsUUID()
  caseworkerId?: string;

  /** Required after a LIKELY_DUPLICATE answer (R4). */
  @IsOptional()
  @ValidateNested()
  @Type(() => DuplicateDecision)
  duplicateDecision?: DuplicateDecision;
}

export class PoliceHandoverDto extends IntakeCommon {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PoliceHandoverInput)
  handover!: PoliceHandoverInput;

  /** The civil affairs bureau that receives the person; the caller's own bureau when civil affairs records the handover. */
  @IsOptional()
  @IsUUID()
  responsibleOrganisationId?: string;
}

export class DiscoveryInput {
  /** The institution that found the person (street children, P-11(1)); the caller's own for institution staff. */
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  discoveredOn!: string;

  @Matches(/^[0-9]{6}$/, { message: '须为 6 位 GB/T 2260 行政区划代码 / placeCode must be a 6-digit GB/T 2260 code' })
  placeCode!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(5000)
  circumstances!: string;
}

export class DiscoveryDto extends IntakeCommon {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DiscoveryInput)
  discovery!: DiscoveryInput;
}
