import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, PageQuery, uuidParam, type Page } from '#app/platform';
import type { Actor } from '../actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { AccessErrors } from '../errors.js';
import { ListEmergencyAccessQuery, RequestEmergencyAccessDto, ReviewEmergencyAccessDto } from './emergency-access.dto.js';
import { EmergencyAccessService } from './emergency-access.service.js';
import { EmergencyAccessView } from './emergency-access.view.js';

@ApiTags('emergency access')
@ApiBearerAuth()
@Controller()
export class EmergencyAccessController {
  constructor(private readonly emergency: EmergencyAccessService) {}

  @Post('files/:fileId/emergency-access')
  @Roles('supervisor')
  @ApiOperation({
    operationId: 'emergency_access_open',
    summary: "Break the glass: open a file outside one's scope for a limited time, with a reason; flagged and reviewed by the level above",
  })
  @ApiCreatedResponse({ type: EmergencyAccessView })
  @ApiErrors(AccessErrors.NOT_FOUND, AccessErrors.ALREADY_IN_SCOPE)
  open(@CurrentActor() actor: Actor, @Param('fileId', uuidParam('fileId')) fileId: string, @Body() body: RequestEmergencyAccessDto): Promise<EmergencyAccessView> {
    return this.emergency.open(actor, fileId, body.reason);
  }

  @Get('me/emergency-access')
  @Roles('supervisor')
  @ApiOperation({ operationId: 'emergency_access_mine', summary: "One's own emergency accesses, active first, the newest first" })
  @ApiOkResponse({ type: PageOf(EmergencyAccessView) })
  mine(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<EmergencyAccessView>> {
    return this.emergency.mine(actor, query);
  }

  @Get('emergency-access')
  @Roles('supervisor', 'administrator')
  @ApiOperation({ operationId: 'emergency_access_for_review', summary: "Emergency accesses to review: those opened by users below one's level, the newest first" })
  @ApiOkResponse({ type: PageOf(EmergencyAccessView) })
  forReview(@CurrentActor() actor: Actor, @Query() query: ListEmergencyAccessQuery): Promise<Page<EmergencyAccessView>> {
    return this.emergency.forReview(actor, query.status ?? 'unreviewed', query);
  }

  @Post('emergency-access/:id/review')
  @HttpCode(200)
  @Roles('supervisor', 'administrator')
  @ApiOperation({ operationId: 'emergency_access_review', summary: 'Record the review of an emergency access (once)' })
  @ApiOkResponse({ type: EmergencyAccessView })
  @ApiErrors(AccessErrors.NOT_FOUND, AccessErrors.ALREADY_REVIEWED)
  review(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReviewEmergencyAccessDto): Promise<EmergencyAccessView> {
    return this.emergency.review(actor, id, body.note);
  }
}
