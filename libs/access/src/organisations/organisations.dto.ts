import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ORGANISATION_KINDS, type OrganisationKind } from '../roles.js';

const DIVISION_CODE = /^[0-9]{6}$/;

export class CreateOrganisationDto {
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  name!: string;

  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  /** GB/T 2260 code of the jurisdiction the organisation serves, e.g. 530102. */
  @Matches(DIVISION_CODE, { message: 'jurisdictionCode must be a 6-digit GB/T 2260 code' })
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
}

export class ListOrganisationsQuery {
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  /** Only organisations serving this division or one inside it. */
  @IsOptional()
  @Matches(DIVISION_CODE, { message: 'within must be a 6-digit GB/T 2260 code' })
  within?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  designated?: 'true' | 'false';
}

export interface OrganisationView {
  id: string;
  name: string;
  kind: OrganisationKind;
  jurisdictionCode: string;
  jurisdictionName: string;
  designated: boolean;
  active: boolean;
}
