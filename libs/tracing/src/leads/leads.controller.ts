import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { TracingErrors } from '../errors.js';
import { LeadDto, LeadOutcomeDto } from './lead.dto.js';
import { LeadChecked, LeadRecorded } from './lead.view.js';
import { LeadsService } from './leads.service.js';

@ApiTags('tracing')
@ApiBearerAuth()
@Controller('files/:id/tracing/leads')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Post()
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({ operationId: 'tracing_leads_add', summary: 'R8: a lead the person gave (dialect, place names, people, marks), with its source; matching runs again' })
  @ApiCreatedResponse({ type: LeadRecorded })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED, AccessErrors.UNKNOWN_JURISDICTION)
  add(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: LeadDto): Promise<LeadRecorded> {
    return this.leads.add(actor, id, body);
  }

  @Post(':leadId/outcome')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({ operationId: 'tracing_leads_outcome', summary: 'R8: what following a lead up found — it held, or it was ruled out — when, and how; once per lead' })
  @ApiOkResponse({ type: LeadChecked })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED, TracingErrors.LEAD_NOT_FOUND, TracingErrors.LEAD_CHECKED)
  outcome(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('leadId', uuidParam('leadId')) leadId: string,
    @Body() body: LeadOutcomeDto,
  ): Promise<LeadChecked> {
    return this.leads.checked(actor, id, leadId, body);
  }
}
