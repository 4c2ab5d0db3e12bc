import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, PageOf, PageQuery, PlatformErrors, uuidParam, type Page } from '#app/platform';
import { CurrentActor, Roles, type Actor } from '#app/access';
import { AuditVerificationView } from './audit.view.js';
import { AuditVerifications } from './verifications/audit-verifications.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class VerificationController {
  constructor(private readonly verifications: AuditVerifications) {}

  @Post('verification')
  @HttpCode(202)
  @Roles('administrator')
  @ApiOperation({
    operationId: 'audit_verify',
    summary:
      'Ask for a verification of the audit record, as `npm run audit:verify` does (every hash chain walked, then every signed checkpoint checked): 202 with its id, queued; the worker runs it (queue `audit-verifications`) and stores the result: GET /audit/verifications/{id}. The request is audited before the walk, the verification after it',
  })
  @ApiAcceptedResponse({ type: AuditVerificationView })
  request(@CurrentActor() actor: Actor): Promise<AuditVerificationView> {
    return this.verifications.request(actor);
  }

  @Get('verifications')
  @Roles('administrator')
  @ApiOperation({ operationId: 'audit_verifications', summary: 'The verifications of the audit record asked for within one’s jurisdiction, the latest first' })
  @ApiOkResponse({ type: PageOf(AuditVerificationView) })
  list(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<AuditVerificationView>> {
    return this.verifications.list(actor, query);
  }

  @Get('verifications/:id')
  @Roles('administrator')
  @ApiOperation({
    operationId: 'audit_verification',
    summary:
      'One verification: queued, running (with the records walked so far), finished (intact, or the first broken link or contradicted checkpoint; records, chains and checkpoints counted; started and finished at) or failed; one asked for outside one’s jurisdiction is 404',
  })
  @ApiOkResponse({ type: AuditVerificationView })
  @ApiErrors(PlatformErrors.NOT_FOUND)
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AuditVerificationView> {
    return this.verifications.get(actor, id);
  }
}
