import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '#app/platform';

/** A page of the partner's inbox: the open referrals (default), or all of them, open first. */
export class InboxQuery extends PageQuery {
  @IsOptional()
  @IsIn(['open', 'all'])
  status?: 'open' | 'all';
}
