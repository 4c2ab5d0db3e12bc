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

/** Whether a category may be disclosed to a partner (or job training referred) now, and on what consent (R15, R16). */
export class StandingConsentView {
  @ApiProperty({ enum: CONSENT_CATEGORIES })
  category!: ConsentCategory;
  /** A consent stands: new referrals may disclose the category, and partners of open ones see it. */
  standing!: boolean;
  /** What it stands on: a consent recorded on the file, or one given at the interview; null when none stands. */
  @ApiProperty({ enum: ['recorded', 'interview'], nullable: true, type: String })
  source!: 'recorded' | 'interview' | null;
  @ApiProperty({ enum: ['person', 'guardian'], nullable: true, type: String })
  givenBy!: 'person' | 'guardian' | null;
  /** A recorded consent of the category was withdrawn and none stands: only a new consent gives it again. */
  withdrawn!: boolean;
}

/** Every category a consent is given to, in the catalogue's order. */
export class ConsentStandingView {
  @ApiProperty({ type: [StandingConsentView] })
  categories!: StandingConsentView[];
}

/** The consents a category's withdrawal took back (R16). */
export class ConsentWithdrawalView {
  @ApiProperty({ enum: CONSENT_CATEGORIES })
  category!: ConsentCategory;
  @ApiProperty({ type: [ConsentView] })
  items!: ConsentView[];
}
