export { AuditController } from './audit.controller.js';
export { AuditCoreModule, AuditModule } from './audit.module.js';
export { AuditVerifier, type BrokenLink, type VerificationResult } from './audit-verifier.js';
export { AuditService, CHAINS_PER_PROVINCE, chainFor, NATIONAL_CHAIN } from './audit.service.js';
