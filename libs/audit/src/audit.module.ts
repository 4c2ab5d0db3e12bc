import { Global, Module } from '@nestjs/common';
import { AUDIT_SINK } from '#app/platform';
import { CaseCoreModule } from '#app/case';
import { AuditReadService } from './audit-read.service.js';
import { AuditController } from './audit.controller.js';
import { AuditVerifier } from './audit-verifier.js';
import { AuditService } from './audit.service.js';

/** The audit record as a sink every lib writes to (AUDIT_SINK), and its verifier. */
@Global()
@Module({
  providers: [AuditService, { provide: AUDIT_SINK, useExisting: AuditService }, AuditVerifier],
  exports: [AUDIT_SINK, AuditService, AuditVerifier],
})
export class AuditCoreModule {}

/** The read API of the audit record (a file's record through the file kernel). */
@Module({
  imports: [AuditCoreModule, CaseCoreModule],
  controllers: [AuditController],
  providers: [AuditReadService],
})
export class AuditModule {}
