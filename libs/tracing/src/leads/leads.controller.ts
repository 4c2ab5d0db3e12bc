import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, uuidParam } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { LeadDto } from './lead.dto.js';
import { LeadRecorded } from './lead.view.js';
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
}
