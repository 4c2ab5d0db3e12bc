import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AUDIT_SINK, Clock, type AuditSink } from '#app/platform';
import { Roles } from '#app/access';
import { AuditVerifier } from './audit-verifier.js';
import { AuditVerificationView } from './audit.view.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/verification')
export class VerificationController {
  constructor(
    private readonly verifier: AuditVerifier,
    private readonly clock: Clock,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('administrator')
  @ApiOperation({
    operationId: 'audit_verify',
    summary:
      'Verify the audit record now, as `npm run audit:verify` does: walk every hash chain, then check every signed checkpoint; answers the first broken link or contradicted checkpoint. Audited (after the walk, so the record of it is covered by the next run)',
  })
  @ApiOkResponse({ type: AuditVerificationView })
  async verify(): Promise<AuditVerificationView> {
    const result = await this.verifier.verify();
    const verifiedAt = this.clock.now();
    await this.audit.record({
      action: 'audit.verify',
      outcome: 'allowed',
      entityType: 'audit_record',
      details: { intact: result.intact, records: result.records, chains: result.chains, ...(result.firstBroken ? { firstBroken: result.firstBroken } : {}) },
    });
    return { ...result, verifiedAt };
  }
}
