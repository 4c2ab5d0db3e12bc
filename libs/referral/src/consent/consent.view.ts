import { ApiProperty } from '@nestjs/swagger';
import { CONSENT_CATEGORIES, type ConsentCategory } from '../kinds.js';

/** A consent of the person or the guardian (R15, R16), and its withdrawal if taken back. */
export class ConsentView {
  id!: string;
  @ApiProperty({ enum: CONSENT_CATEGORIES })
  category!: ConsentCategory;
  givenBy!: 'person' | 'guardian';
  givenOn!: string;
  note!: string | null;
  recordedBy!: string;
  recordedAt!: Date;
  /** Not withdrawn: disclosures of the category may be made to new referrals. */
  standing!: boolean;
  withdrawnAt!: Date | null;
  withdrawnBy!: string | null;
  withdrawReason!: string | null;
}
