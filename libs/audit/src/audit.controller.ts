import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, PageQuery, uuidParam, type Page } from '#app/platform';
import { AccessErrors, CurrentActor, Roles, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { AuditReadService } from './audit-read.service.js';
import { AuditRecordView } from './audit.view.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly records: AuditReadService) {}

  @Get('files/:fileId')
  @Roles('supervisor', 'administrator')
  @ApiOperation({
    operationId: 'audit_file',
    summary: "Who read or changed this file: its audit record, newest first (a file out of one's scope is 404); the question is recorded too",
  })
  @ApiOkResponse({ type: PageOf(AuditRecordView) })
  @ApiErrors(CaseErrors.FILE_NOT_FOUND)
  forFile(@CurrentActor() actor: Actor, @Param('fileId', uuidParam('fileId')) fileId: string, @Query() query: PageQuery): Promise<Page<AuditRecordView>> {
    return this.records.forFile(actor, fileId, query);
  }

  @Get('users/:userId')
  @Roles('supervisor', 'administrator')
  @ApiOperation({ operationId: 'audit_user', summary: "What this user did: the audit record of their actions, newest first (users within one's jurisdiction)" })
  @ApiOkResponse({ type: PageOf(AuditRecordView) })
  @ApiErrors(AccessErrors.NOT_FOUND)
  forUser(@CurrentActor() actor: Actor, @Param('userId', uuidParam('userId')) userId: string, @Query() query: PageQuery): Promise<Page<AuditRecordView>> {
    return this.records.forUser(actor, userId, query);
  }
}
