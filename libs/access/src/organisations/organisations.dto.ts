import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_INT4, PageQuery } from '#app/platform';
import { ORGANISATION_KINDS, type OrganisationKind } from '../roles.js';

const DIVISION_CODE = /^[0-9]{6}$/;

export class CreateOrganisationDto {
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS, enumName: 'OrganisationKind' })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  /** GB/T 2260 code of the jurisdiction the organisation serves, e.g. 530102. */
  @Matches(DIVISION_CODE, { message: '须为 6 位 GB/T 2260 行政区划代码 / jurisdictionCode must be a 6-digit GB/T 2260 code' })
  jurisdictionCode!: string;

  /** Hospitals only: a designated hospital (定点医疗机构) receives medical referrals (R12). */
  @IsOptional()
  @IsBoolean()
  designated?: boolean;
}

export class UpdateOrganisationDto {
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsBoolean()
  designated?: boolean;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /** The organisation's version as the caller saw it: 409 STALE_VERSION when someone changed it meanwhile (optional). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT4)
  expectedVersion?: number;
}

export class ListOrganisationsQuery extends PageQuery {
  /** Part of the name. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS, enumName: 'OrganisationKind' })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  /** Only organisations serving this division or one inside it. */
  @IsOptional()
  @Matches(DIVISION_CODE, { message: '须为 6 位 GB/T 2260 行政区划代码 / within must be a 6-digit GB/T 2260 code' })
  within?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  designated?: 'true' | 'false';
}
