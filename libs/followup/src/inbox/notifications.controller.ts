import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, uuidParam, type Page } from '#app/platform';
import { CurrentActor, type Actor } from '#app/access';
import { FollowupErrors } from '../errors.js';
import { NotificationCounts, NotificationView } from './notification.view.js';
import { NotificationsQuery } from './notifications.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('follow-up and reminders')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ operationId: 'notifications_list', summary: "One's inbox, newest first (unread=true: unread only)" })
  @ApiOkResponse({ type: PageOf(NotificationView) })
  list(@CurrentActor() actor: Actor, @Query() query: NotificationsQuery): Promise<Page<NotificationView>> {
    return this.notifications.list(actor, query);
  }

  @Get('counts')
  @ApiOperation({ operationId: 'notifications_counts', summary: 'Unread and total notifications, unread by kind' })
  @ApiOkResponse({ type: NotificationCounts })
  counts(@CurrentActor() actor: Actor): Promise<NotificationCounts> {
    return this.notifications.counts(actor);
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiOperation({ operationId: 'notifications_read_all', summary: 'Mark every notification read' })
  @ApiNoContentResponse()
  readAll(@CurrentActor() actor: Actor): Promise<void> {
    return this.notifications.readAll(actor);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ operationId: 'notifications_read', summary: "Mark one notification read; another person's answers 404" })
  @ApiNoContentResponse()
  @ApiErrors(FollowupErrors.NOTIFICATION_NOT_FOUND)
  read(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.notifications.read(actor, id);
  }
}
