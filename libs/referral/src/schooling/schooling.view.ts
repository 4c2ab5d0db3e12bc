import { ApiProperty } from '@nestjs/swagger';
import { AgeRange } from '#app/platform';
import { FILE_STATES, type FileState } from '#app/case';

/** R14: a child of compulsory-education age in care and not enrolled. */
export class UnenrolledChildView {
  fileId!: string;
  reference!: string;
  @ApiProperty({ enum: FILE_STATES })
  state!: FileState;
  name!: string | null;
  age!: AgeRange | null;
  /** A schooling or technical-school referral is under way (draft, sent, accepted or in progress). */
  schoolingReferralOpen!: boolean;
}
