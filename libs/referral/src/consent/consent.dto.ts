import { IsDateString, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CONSENT_CATEGORIES, type ConsentCategory } from '../kinds.js';
import { IsPlausibleDate } from '#app/platform';
import { ReasonDto } from '../shared/reason.dto.js';

export class ConsentDto {
  /** A disclosure category (R16), or job_training (R15: by the person's own will). */
  @IsIn(CONSENT_CATEGORIES)
  category!: ConsentCategory;

  @IsIn(['person', 'guardian'])
  givenBy!: 'person' | 'guardian';

  @IsDateString({ strict: true })
  @IsPlausibleDate({ past: true })
  givenOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** R16: a category taken back, whatever consents of it stand. */
export class WithdrawCategoryDto extends ReasonDto {
  @IsIn(CONSENT_CATEGORIES)
  category!: ConsentCategory;
}
