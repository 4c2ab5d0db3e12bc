export { AuditController } from './audit.controller.js';
export { AuditCoreModule, AuditModule, AuditWorkerModule } from './audit.module.js';
export { AuditVerifier, type BrokenLink, type VerificationResult } from './audit-verifier.js';
export { AuditService, CHAINS_PER_PROVINCE, chainFor, NATIONAL_CHAIN } from './audit.service.js';
export { CHECKPOINT_SCHEDULER_ID } from './checkpoints/checkpoint-jobs.js';
export { AuditCheckpointSigner, type SignedCheckpointSummary } from './checkpoints/checkpoint-signer.js';
export { generateCheckpointKeys, keyIdOf, type ChainHead, type CheckpointStatement, type SignedCheckpoint } from './checkpoints/checkpoint-statement.js';
export { CheckpointVerifier, type CheckpointProblem, type CheckpointVerification } from './checkpoints/checkpoint-verifier.js';
