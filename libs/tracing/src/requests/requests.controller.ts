import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, uuidParam, type Page } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { TracingErrors } from '../errors.js';
import { CloseRequestDto, ReleaseRequestDto, TracingRequestDto, TracingRequestQuery } from './requests.dto.js';
import { RequestsQuery } from './requests.query.js';
import { RequestsService } from './requests.service.js';
import { TracingRequestClosed, TracingRequestCreated, TracingRequestListItem, TracingRequestReleased, TracingRequestView } from './request.view.js';

/** Civil affairs and the police record and follow families' requests. */
const REQUEST_KEEPERS = ['caseworker', 'supervisor', 'police_liaison'] as const;

@ApiTags('tracing')
@ApiBearerAuth()
@Controller('tracing/requests')
export class RequestsController {
  constructor(
    private readonly requests: RequestsService,
    private readonly query: RequestsQuery,
  ) {}

  @Post()
  @Roles(...REQUEST_KEEPERS)
  @ApiOperation({ operationId: 'tracing_requests_create', summary: "R8: record a family's request to find a missing person; matching against people in care follows by itself" })
  @ApiCreatedResponse({ type: TracingRequestCreated })
  @ApiErrors(AccessErrors.UNKNOWN_JURISDICTION)
  create(@CurrentActor() actor: Actor, @Body() body: TracingRequestDto): Promise<TracingRequestCreated> {
    return this.requests.create(actor, body);
  }

  @Get()
  @Roles(...REQUEST_KEEPERS)
  @ApiOperation({ operationId: 'tracing_requests_list', summary: "Tracing requests in one's scope, newest first, with their open candidates (open ones unless a status is given)" })
  @ApiOkResponse({ type: PageOf(TracingRequestListItem) })
  list(@CurrentActor() actor: Actor, @Query() query: TracingRequestQuery): Promise<Page<TracingRequestListItem>> {
    return this.query.list(actor, query);
  }

  @Get(':id')
  @Roles(...REQUEST_KEEPERS)
  @ApiOperation({
    operationId: 'tracing_requests_get',
    summary: "One tracing request: with the family's contact for its holder, the police comparing it, and a candidate's bureau once released or matched by the police (R8, R22)",
  })
  @ApiOkResponse({ type: TracingRequestView })
  @ApiErrors(TracingErrors.REQUEST_NOT_FOUND)
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<TracingRequestView> {
    return this.query.get(actor, id);
  }

  @Post(':id/releases')
  @Roles(...REQUEST_KEEPERS)
  @ApiOperation({
    operationId: 'tracing_requests_release',
    summary: "R8, R22: the holder releases the family's contact and details to the bureau keeping a candidate's file, with the reason; audited",
  })
  @ApiCreatedResponse({ type: TracingRequestReleased })
  @ApiErrors(TracingErrors.REQUEST_NOT_FOUND, TracingErrors.NOT_A_CANDIDATE)
  release(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReleaseRequestDto): Promise<TracingRequestReleased> {
    return this.requests.release(actor, id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...REQUEST_KEEPERS)
  @ApiOperation({ operationId: 'tracing_requests_close', summary: 'Close a request (found another way, withdrawn), with the reason; its open candidates are set aside' })
  @ApiOkResponse({ type: TracingRequestClosed })
  @ApiErrors(TracingErrors.REQUEST_NOT_FOUND, TracingErrors.REQUEST_NOT_OPEN)
  close(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: CloseRequestDto): Promise<TracingRequestClosed> {
    return this.requests.close(actor, id, body.reason);
  }
}
