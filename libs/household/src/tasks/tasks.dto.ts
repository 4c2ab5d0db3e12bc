import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '#app/platform';

export class HouseholdTaskQuery extends PageQuery {
  /** due: raised and not yet registered (default); all: every open task including those still counting. */
  @IsOptional()
  @IsIn(['due', 'all'])
  status?: 'due' | 'all';
}
