import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '#app/platform';
import type { Actor } from '../actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { ListEmergencyAccessQuery, RequestEmergencyAccessDto, ReviewEmergencyAccessDto, type EmergencyAccessView } from './emergency-access.dto.js';
import { EmergencyAccessService } from './emergency-access.service.js';

@ApiTags('emergency access')
@ApiBearerAuth()
@Controller()
export class EmergencyAccessController {
  constructor(private readonly emergency: EmergencyAccessService) {}

  @Post('files/:fileId/emergency-access')
  @Roles('supervisor')
  @ApiOperation({ summary: "Break the glass: open a file outside one's scope for a limited time, with a reason; flagged and reviewed by the level above" })
  open(@CurrentActor() actor: Actor, @Param('fileId', uuidParam('fileId')) fileId: string, @Body() body: RequestEmergencyAccessDto): Promise<EmergencyAccessView> {
    return this.emergency.open(actor, fileId, body.reason);
  }

  @Get('me/emergency-access')
  @Roles('supervisor')
  @ApiOperation({ summary: "One's own emergency accesses, active first" })
  mine(@CurrentActor() actor: Actor): Promise<EmergencyAccessView[]> {
    return this.emergency.mine(actor);
  }

  @Get('emergency-access')
  @Roles('supervisor', 'administrator')
  @ApiOperation({ summary: "Emergency accesses to review: those opened by users below one's level" })
  forReview(@CurrentActor() actor: Actor, @Query() query: ListEmergencyAccessQuery): Promise<EmergencyAccessView[]> {
    return this.emergency.forReview(actor, query.status ?? 'unreviewed');
  }

  @Post('emergency-access/:id/review')
  @HttpCode(200)
  @Roles('supervisor', 'administrator')
  @ApiOperation({ summary: 'Record the review of an emergency access' })
  review(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReviewEmergencyAccessDto): Promise<EmergencyAccessView> {
    return this.emergency.review(actor, id, body.note);
  }
}
