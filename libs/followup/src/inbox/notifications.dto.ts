import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '#app/platform';

export class NotificationsQuery extends PageQuery {
  /** true: unread only. */
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}
