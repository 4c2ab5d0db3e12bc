import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, uuidParam, type Page } from '#app/platform';
import type { Actor } from '../actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { AccessErrors } from '../errors.js';
import { OrganisationView } from './organisation.view.js';
import { CreateOrganisationDto, ListOrganisationsQuery, UpdateOrganisationDto } from './organisations.dto.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles('administrator')
  @ApiOperation({ operationId: 'organisations_create', summary: "Create an organisation in the administrator's jurisdiction" })
  @ApiCreatedResponse({ type: OrganisationView })
  @ApiErrors(AccessErrors.DESIGNATED_ONLY_FOR_HOSPITALS, AccessErrors.UNKNOWN_JURISDICTION, AccessErrors.OUTSIDE_JURISDICTION, AccessErrors.ORGANISATION_NAME_TAKEN)
  create(@CurrentActor() actor: Actor, @Body() body: CreateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.create(actor, body);
  }

  @Get()
  @ApiOperation({
    operationId: 'organisations_list',
    summary: 'The directory of organisations (no personal data) by jurisdiction and name, e.g. designated hospitals within a prefecture; q finds (part of) a name',
  })
  @ApiOkResponse({ type: PageOf(OrganisationView) })
  list(@Query() query: ListOrganisationsQuery): Promise<Page<OrganisationView>> {
    return this.organisations.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'organisations_get', summary: 'One organisation' })
  @ApiOkResponse({ type: OrganisationView })
  @ApiErrors(AccessErrors.NOT_FOUND)
  get(@Param('id', uuidParam('id')) id: string): Promise<OrganisationView> {
    return this.organisations.get(id);
  }

  @Patch(':id')
  @Roles('administrator')
  @ApiOperation({
    operationId: 'organisations_update',
    summary: "Rename, (de)designate or (de)activate an organisation in the administrator's jurisdiction. expectedVersion (optional): 409 when someone changed it meanwhile",
  })
  @ApiOkResponse({ type: OrganisationView })
  @ApiErrors(AccessErrors.NOT_FOUND, AccessErrors.STALE_VERSION, AccessErrors.DESIGNATED_ONLY_FOR_HOSPITALS, AccessErrors.ORGANISATION_NAME_TAKEN)
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.update(actor, id, body);
  }
}
