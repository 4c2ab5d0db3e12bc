import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { uuidParam } from '#app/platform';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { CreateOrganisationDto, ListOrganisationsQuery, UpdateOrganisationDto, type OrganisationView } from './organisations.dto.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles('administrator')
  @ApiOperation({ summary: "Create an organisation in the administrator's jurisdiction" })
  create(@CurrentActor() actor: Actor, @Body() body: CreateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'The directory of organisations (no personal data), e.g. designated hospitals within a prefecture' })
  list(@Query() query: ListOrganisationsQuery): Promise<OrganisationView[]> {
    return this.organisations.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organisation' })
  get(@Param('id', uuidParam('id')) id: string): Promise<OrganisationView> {
    return this.organisations.get(id);
  }

  @Patch(':id')
  @Roles('administrator')
  @ApiOperation({ summary: "Rename, (de)designate or (de)activate an organisation in the administrator's jurisdiction" })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.update(actor, id, body);
  }
}
