import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { FollowupErrors } from '../errors.js';
import { CorrectVisitDto, VisitDto } from './followup.dto.js';
import { CorrectedVisit, FollowupPlanView, RecordedVisit } from './followup.view.js';
import { VisitsService } from './visits.service.js';

@ApiTags('follow-up and reminders')
@ApiBearerAuth()
@Controller('files/:id/followup')
export class FollowupController {
  constructor(private readonly visits: VisitsService) {}

  @Get()
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({ operationId: 'followup_plan', summary: 'R17: the follow-up plan of a file and its visits, with what each found and its corrections' })
  @ApiOkResponse({ type: FollowupPlanView })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, FollowupErrors.PLAN_NOT_FOUND)
  plan(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<FollowupPlanView> {
    return this.visits.plan(actor, id);
  }

  @Post('visits/:visitId')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({
    operationId: 'followup_record_visit',
    summary: 'R17: record a follow-up visit (living situation, schooling or work, problems, actions agreed); it stops the reminder and may move the next visit',
  })
  @ApiCreatedResponse({ type: RecordedVisit })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED, CaseErrors.RECORD_EXISTS, FollowupErrors.VISIT_NOT_FOUND)
  recordVisit(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('visitId', uuidParam('visitId')) visitId: string,
    @Body() body: VisitDto,
  ): Promise<RecordedVisit> {
    return this.visits.recordVisit(actor, id, visitId, body);
  }

  @Put('visits/:visitId')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({
    operationId: 'followup_correct_visit',
    summary:
      'R17: correct a visit recorded by mistake — an audited edit that replaces the record, versioned by the file (expectedVersion); what it said before, who corrected it and why stay with the visit',
  })
  @ApiOkResponse({ type: CorrectedVisit })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED, CaseErrors.STALE_VERSION, FollowupErrors.VISIT_NOT_FOUND, FollowupErrors.VISIT_NOT_RECORDED)
  correctVisit(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('visitId', uuidParam('visitId')) visitId: string,
    @Body() body: CorrectVisitDto,
  ): Promise<CorrectedVisit> {
    return this.visits.correctVisit(actor, id, visitId, body);
  }
}
