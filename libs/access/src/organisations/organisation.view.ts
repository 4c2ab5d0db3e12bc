import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_KINDS, type OrganisationKind } from '../roles.js';

/** An organisation of the directory (no personal data). */
export class OrganisationView {
  id!: string;
  name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS, enumName: 'OrganisationKind' })
  kind!: OrganisationKind;
  jurisdictionCode!: string;
  jurisdictionName!: string;
  /** A designated hospital (定点医疗机构) receives medical referrals (R12). */
  designated!: boolean;
  active!: boolean;
  /** Give it back as `expectedVersion` to edit the organisation (409 when someone changed it meanwhile). */
  version!: number;
}
