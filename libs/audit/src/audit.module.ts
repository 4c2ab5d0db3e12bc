import { Global, Module } from '@nestjs/common';
import { AUDIT_SINK } from '#app/platform';
import { CaseCoreModule } from '#app/case';
import { AuditReadService } from './audit-read.service.js';
import { AuditController } from './audit.controller.js';
import { AuditVerifier } from './audit-verifier.js';
import { AuditService } from './audit.service.js';
import { CheckpointsController } from './checkpoints.controller.js';
import { VerificationController } from './verification.controller.js';
import { AuditCheckpointProcessor, AuditCheckpointSchedule } from './checkpoints/checkpoint-jobs.js';
import { CheckpointRequests } from './checkpoints/checkpoint-requests.js';
import { AuditCheckpointSigner } from './checkpoints/checkpoint-signer.js';
import { CheckpointVerifier } from './checkpoints/checkpoint-verifier.js';
import { AuditVerifications } from './verifications/audit-verifications.js';
import { AuditVerificationProcessor } from './verifications/verification-jobs.js';

/** The audit record as a sink every lib writes to (AUDIT_SINK), its verifier and the checkpoint signer (used where AUDIT_SIGNING_KEY is: worker, CLI). */
@Global()
@Module({
  providers: [AuditService, { provide: AUDIT_SINK, useExisting: AuditService }, AuditVerifier, CheckpointVerifier, AuditCheckpointSigner],
  exports: [AUDIT_SINK, AuditService, AuditVerifier, CheckpointVerifier, AuditCheckpointSigner],
})
export class AuditCoreModule {}

/** The read API of the audit record (a file's record through the file kernel), and the request for a checkpoint. */
@Module({
  imports: [AuditCoreModule, CaseCoreModule],
  controllers: [AuditController, CheckpointsController, VerificationController],
  providers: [AuditReadService, CheckpointRequests, AuditVerifications],
})
export class AuditModule {}

/** The worker side: signs checkpoints on its schedule and on request (queue `audit-checkpoints`), runs the administrators' verifications (queue `audit-verifications`). */
@Module({
  imports: [AuditCoreModule],
  providers: [AuditCheckpointProcessor, AuditCheckpointSchedule, AuditVerificationProcessor],
})
export class AuditWorkerModule {}
