import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '#app/platform';
import { CurrentActor, type Actor } from '#app/access';
import { FollowupErrors } from '../errors.js';
import { ReminderAcknowledgement } from './acknowledgement.service.js';

@ApiTags('follow-up and reminders')
@ApiBearerAuth()
@Controller('reminders')
export class RemindersController {
  constructor(private readonly acknowledgement: ReminderAcknowledgement) {}

  @Post(':id/acknowledge')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'reminders_acknowledge',
    summary: 'I am on it: the reminder stops escalating (its assignee, whoever it reached, or a supervisor above); anyone else gets 404',
  })
  @ApiNoContentResponse()
  @ApiErrors(FollowupErrors.REMINDER_NOT_FOUND)
  acknowledge(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.acknowledgement.acknowledge(actor, id);
  }
}
