import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors, Public } from '#app/platform';
import { CurrentActor, type Actor } from '#app/access';
import { FollowupErrors } from '../errors.js';
import { NotificationStreamQuery, StreamTicketView } from './notification-stream.dto.js';
import { NotificationStream, STREAM_TICKET_SECONDS } from './notification-stream.service.js';

@ApiTags('follow-up and reminders')
@Controller('me/notifications')
export class NotificationStreamController {
  constructor(private readonly stream: NotificationStream) {}

  @Post('stream-tickets')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({
    operationId: 'notifications_stream_ticket',
    summary: `A single-use ticket (valid ${STREAM_TICKET_SECONDS} s) that opens one notification stream of this login: an EventSource cannot send an Authorization header`,
  })
  @ApiCreatedResponse({ type: StreamTicketView })
  ticket(@CurrentActor() actor: Actor): Promise<StreamTicketView> {
    return this.stream.issue(actor);
  }

  @Get('stream')
  @Public()
  @ApiOperation({
    operationId: 'notifications_stream',
    summary:
      "Server-Sent Events of the ticket's user: `event: notification` when a notification reaches them (refetch the inbox), `event: end` when the login ends (sign-out, refresh-token reuse); a `: heartbeat` comment every 25 s. Ask a new ticket to reconnect.",
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'The event stream (text/event-stream), open until the client leaves or the login ends', schema: { type: 'string' } })
  @ApiErrors(FollowupErrors.STREAM_TICKET_INVALID)
  async open(@Query() query: NotificationStreamQuery, @Req() request: Request, @Res() response: Response): Promise<void> {
    const record = await this.stream.redeem(query.ticket);
    response.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.flushHeaders();
    const stop = this.stream.open(record, response);
    request.on('close', stop);
  }
}
