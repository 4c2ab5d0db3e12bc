import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrors, PageOf, uuidParam, type Page } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { DecisionDto, FireEventDto, RequiredReasonDto } from '../records/records.dto.js';
import { CaseStateMachine } from '../state-machine/case-state-machine.js';
import { TRANSITIONS } from '../state-machine/transitions.js';
import { AppliedTransition, AvailableTransitions, RequestedTransition } from '../state-machine/transition.view.js';
import { ApprovalsService } from './approvals.service.js';
import { AssignmentService } from './assignment.service.js';
import { TransfersService } from './transfers.service.js';
import { ApprovalsQuery, AssignCaseworkerDto, TransfersQuery, WithdrawRequestDto } from './workflow.dto.js';
import { ApprovalClosed, ApprovalView, CaseworkerAssigned, TransferDecision, TransferView } from './workflow.view.js';

const PAYLOADS = [...new Set(TRANSITIONS.map((transition) => transition.payload))];

/** The body of POST /files/:id/transitions, one schema per event: each event's payload is documented (a oneOf on `event`). */
const FIRE_BODY = {
  oneOf: TRANSITIONS.filter((transition, index) => TRANSITIONS.findIndex((other) => other.event === transition.event) === index).map((transition) => ({
    type: 'object',
    title: transition.event,
    description: transition.label,
    required: ['event', 'expectedVersion', ...(transition.payload.name === 'NotePayload' ? [] : ['payload'])],
    properties: {
      event: { type: 'string', enum: [transition.event] },
      expectedVersion: { type: 'integer', minimum: 1, description: "The file's version as the caller saw it (409 STALE_VERSION when it changed meanwhile)" },
      payload: { $ref: getSchemaPath(transition.payload) },
    },
  })),
  discriminator: { propertyName: 'event' },
};

const FIRE_ERRORS = [
  CaseErrors.FILE_NOT_FOUND,
  CaseErrors.STALE_VERSION,
  CaseErrors.TRANSITION_NOT_ALLOWED,
  CaseErrors.APPROVAL_PENDING,
  CaseErrors.UNKNOWN_EVENT,
  CaseErrors.ROLE_MAY_NOT_FIRE,
  CaseErrors.NOT_AN_INSTITUTION,
  CaseErrors.NOT_A_BUREAU,
  CaseErrors.INTERVIEW_REQUIRED,
  CaseErrors.GUARDIAN_REQUIRED,
  CaseErrors.FOREIGN_NATIONAL,
  CaseErrors.NOT_FOREIGN_NATIONAL,
  CaseErrors.RETURN_HOME_REQUIRED,
  CaseErrors.REPATRIATION_HANDOVER_REQUIRED,
  CaseErrors.TRANSFER_AWAITING,
  CaseErrors.BUYER_HOUSEHOLD,
  CaseErrors.BUYER_HOUSEHOLD_HOMOPHONE,
  CaseErrors.POLICE_MATCH_REQUIRED,
  CaseErrors.DUTY_OF_CARE_NOTICE_REQUIRED,
  CaseErrors.HOUSEHOLD_REGISTRATION_REQUIRED,
  CaseErrors.OPEN_REFERRALS,
];

@ApiTags('workflow')
@ApiBearerAuth()
@ApiExtraModels(AppliedTransition, RequestedTransition, ...PAYLOADS)
@Controller()
export class WorkflowController {
  constructor(
    private readonly stateMachine: CaseStateMachine,
    private readonly approvals: ApprovalsService,
    private readonly transfers: TransfersService,
    private readonly assignment: AssignmentService,
  ) {}

  @Get('files/:id/transitions')
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({ operationId: 'transitions_available', summary: 'The steps the caller may take now, and why the others are disabled (each reason a code and a message)' })
  @ApiOkResponse({ type: AvailableTransitions })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND)
  available(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AvailableTransitions> {
    return this.stateMachine.available(actor, id);
  }

  @Post('files/:id/transitions')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({
    operationId: 'transitions_fire',
    summary: "Take a step: applied, or filed for a supervisor's approval. Stale version → 409; a refused guard → 409/422 with its code. Each event's payload is its own schema.",
  })
  @ApiBody({ schema: FIRE_BODY })
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(AppliedTransition) }, { $ref: getSchemaPath(RequestedTransition) }], discriminator: { propertyName: 'outcome' } } })
  @ApiErrors(...FIRE_ERRORS)
  fire(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: FireEventDto): Promise<AppliedTransition | RequestedTransition> {
    return this.stateMachine.fire(actor, id, body.event, body.expectedVersion, body.payload ?? {});
  }

  @Put('files/:id/caseworker')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({
    operationId: 'files_assign_caseworker',
    summary: 'Make a caseworker of the responsible bureau responsible for the file (a caseworker may take it themselves); versioned',
  })
  @ApiOkResponse({ type: CaseworkerAssigned })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND, CaseErrors.FILE_CLOSED, CaseErrors.STALE_VERSION, AccessErrors.UNKNOWN_USER, AccessErrors.ROLE_NOT_ALLOWED)
  assign(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: AssignCaseworkerDto): Promise<CaseworkerAssigned> {
    return this.assignment.assign(actor, id, body);
  }

  @Get('approvals')
  @Roles('supervisor')
  @ApiOperation({ operationId: 'approvals_list', summary: "Requests awaiting a supervisor's approval, for files in one's jurisdiction, oldest first" })
  @ApiOkResponse({ type: PageOf(ApprovalView) })
  pending(@CurrentActor() actor: Actor, @Query() query: ApprovalsQuery): Promise<Page<ApprovalView>> {
    return this.approvals.pending(actor, query);
  }

  @Post('approvals/:id/approve')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ operationId: 'approvals_approve', summary: 'Approve a request: the step is re-checked and applied now (not by the requester: four eyes)' })
  @ApiOkResponse({ type: AppliedTransition })
  @ApiErrors(
    CaseErrors.APPROVAL_NOT_FOUND,
    CaseErrors.APPROVAL_DECIDED,
    CaseErrors.APPROVAL_STALE,
    CaseErrors.APPROVAL_DATA_CHANGED,
    CaseErrors.OWN_REQUEST,
    ...FIRE_ERRORS.filter((error) => error !== CaseErrors.UNKNOWN_EVENT),
  )
  approve(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DecisionDto): Promise<AppliedTransition> {
    return this.approvals.approve(actor, id, body.reason);
  }

  @Post('approvals/:id/reject')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ operationId: 'approvals_reject', summary: 'Reject a request, with the reason' })
  @ApiOkResponse({ type: ApprovalClosed })
  @ApiErrors(CaseErrors.APPROVAL_NOT_FOUND, CaseErrors.APPROVAL_DECIDED, CaseErrors.OWN_REQUEST)
  reject(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: RequiredReasonDto): Promise<ApprovalClosed> {
    return this.approvals.reject(actor, id, body.reason);
  }

  @Post('approvals/:id/withdraw')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ operationId: 'approvals_withdraw', summary: "Withdraw one's own pending request (e.g. asked by mistake, or no other supervisor can decide it)" })
  @ApiOkResponse({ type: ApprovalClosed })
  @ApiErrors(CaseErrors.APPROVAL_NOT_FOUND, CaseErrors.APPROVAL_DECIDED, CaseErrors.NOT_OWN_REQUEST)
  withdraw(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: WithdrawRequestDto): Promise<ApprovalClosed> {
    return this.approvals.withdraw(actor, id, body.reason);
  }

  @Get('transfers')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({
    operationId: 'transfers_list',
    summary: "Files other jurisdictions transfer to one's bureau, awaiting acceptance (the person's name and sex only), oldest first",
  })
  @ApiOkResponse({ type: PageOf(TransferView) })
  incoming(@CurrentActor() actor: Actor, @Query() query: TransfersQuery): Promise<Page<TransferView>> {
    return this.transfers.incoming(actor, query);
  }

  @Post('transfers/:id/accept')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ operationId: 'transfers_accept', summary: "Accept a transfer: the file becomes this bureau's" })
  @ApiOkResponse({ type: TransferDecision })
  @ApiErrors(CaseErrors.TRANSFER_NOT_FOUND, CaseErrors.TRANSFER_DECIDED)
  accept(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DecisionDto): Promise<TransferDecision> {
    return this.transfers.decide(actor, id, 'accept', body.reason);
  }

  @Post('transfers/:id/decline')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ operationId: 'transfers_decline', summary: 'Decline a transfer, with the reason' })
  @ApiOkResponse({ type: TransferDecision })
  @ApiErrors(CaseErrors.TRANSFER_NOT_FOUND, CaseErrors.TRANSFER_DECIDED)
  decline(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: RequiredReasonDto): Promise<TransferDecision> {
    return this.transfers.decide(actor, id, 'decline', body.reason);
  }
}
