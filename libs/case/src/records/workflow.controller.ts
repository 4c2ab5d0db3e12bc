import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AUDIT_SINK, uuidParam, type AuditSink } from '#app/platform';
import { CurrentActor, fileWriteScope, prefixOf, Roles, type Actor } from '#app/access';
import { CaseStateMachine } from '../state-machine/case-state-machine.js';
import { DecisionDto, FireEventDto, RequiredReasonDto } from './records.dto.js';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller()
export class WorkflowController {
  constructor(
    private readonly stateMachine: CaseStateMachine,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
  ) {}

  @Get('files/:id/transitions')
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({ summary: 'The steps the caller may take now, and why the others are disabled (each reason a code and a message)' })
  available(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.stateMachine.available(actor, id);
  }

  @Post('files/:id/transitions')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: "Take a step: applied, or filed for a supervisor's approval. Stale version → 409; a refused guard → 409/422 with its code." })
  fire(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: FireEventDto) {
    return this.stateMachine.fire(actor, id, body.event, body.expectedVersion, body.payload ?? {});
  }

  @Get('approvals')
  @Roles('supervisor')
  @ApiOperation({ summary: "Requests awaiting a supervisor's approval, for files in one's jurisdiction" })
  async approvals(@CurrentActor() actor: Actor) {
    const params: unknown[] = [];
    const scope = fileWriteScope(actor, 'f', params);
    const rows = await this.dataSource.query(
      `SELECT a.id, a.file_id AS "fileId", f.reference AS "fileReference", a.event, a.payload, a.requested_in_state AS "requestedInState",
              a.requested_at AS "requestedAt", u.display_name AS "requestedBy", a.requested_by = $${params.push(actor.userId)} AS "ownRequest"
         FROM approval a JOIN victim_file f ON f.id = a.file_id JOIN user_account u ON u.id = a.requested_by
        WHERE a.status = 'pending' AND ${scope} ORDER BY a.requested_at LIMIT 500`,
      params,
    );
    await this.audit.record({ action: 'approval.list', outcome: 'allowed', entityType: 'approval', fileIds: rows.map((row: { fileId: string }) => row.fileId) });
    return rows;
  }

  @Post('approvals/:id/approve')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Approve a request: the step is re-checked and applied now (not by the requester: four eyes)' })
  approve(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DecisionDto) {
    return this.stateMachine.decide(actor, id, 'approve', body.reason);
  }

  @Post('approvals/:id/reject')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Reject a request, with the reason' })
  reject(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: RequiredReasonDto) {
    return this.stateMachine.decide(actor, id, 'reject', body.reason);
  }

  @Get('transfers')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: "Files other jurisdictions transfer to one's bureau, awaiting acceptance (the person's name, sex and age only)" })
  async incoming(@CurrentActor() actor: Actor) {
    const rows = await this.dataSource.query(
      `SELECT t.id, t.file_id AS "fileId", f.reference AS "fileReference", t.reason, t.requested_at AS "requestedAt", fo.name AS "fromOrganisation",
              tor.name AS "toOrganisation", p.name AS "personName", p.sex AS "personSex"
         FROM file_transfer t
         JOIN victim_file f ON f.id = t.file_id JOIN person p ON p.id = f.person_id
         JOIN organisation fo ON fo.id = t.from_organisation_id JOIN organisation tor ON tor.id = t.to_organisation_id
        WHERE t.status = 'awaiting_acceptance' AND tor.jurisdiction_code LIKE $1 ORDER BY t.requested_at`,
      [prefixOf(actor.jurisdictionCode) + '%'],
    );
    await this.audit.record({ action: 'transfer.list', outcome: 'allowed', entityType: 'file_transfer', fileIds: rows.map((row: { fileId: string }) => row.fileId) });
    return rows;
  }

  @Post('transfers/:id/accept')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: "Accept a transfer: the file becomes this bureau's" })
  accept(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: DecisionDto) {
    return this.stateMachine.decideTransfer(actor, id, 'accept', body.reason);
  }

  @Post('transfers/:id/decline')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Decline a transfer, with the reason' })
  decline(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: RequiredReasonDto) {
    return this.stateMachine.decideTransfer(actor, id, 'decline', body.reason);
  }
}
