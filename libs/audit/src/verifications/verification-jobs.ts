import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AUDIT_SINK, Clock, ProcessorFor, QUEUES, type AuditSink, type AuditVerificationPayload, type QueueProcessor } from '#app/platform';
import { AuditVerifier } from '../audit-verifier.js';

/**
 * Runs an administrator's verification of the audit record (queue
 * `audit-verifications`): walks every chain, then checks the signed
 * checkpoints, reporting the records walked as the job's progress; then
 * records the verification in the audit record (after the walk, so the next
 * run covers it) and stores the result, once (a retried job finds it stored).
 */
@Injectable()
@ProcessorFor(QUEUES.auditVerifications)
export class AuditVerificationProcessor implements QueueProcessor<AuditVerificationPayload> {
  private readonly logger = new Logger('AuditVerifications');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly verifier: AuditVerifier,
    private readonly clock: Clock,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
  ) {}

  async process(payload: AuditVerificationPayload, job: Job): Promise<{ intact: boolean; records: number }> {
    const [done]: { intact: boolean; records: string }[] = await this.dataSource.query('SELECT intact, records FROM audit_verification_result WHERE verification_id = $1', [
      payload.verificationId,
    ]);
    if (done) return { intact: done.intact, records: Number(done.records) };
    const startedAt = this.clock.now();
    await job.updateProgress({ records: 0 });
    const result = await this.verifier.verify((records) => void job.updateProgress({ records }).catch(() => undefined));
    const finishedAt = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await this.audit.record(
        {
          action: 'audit.verify',
          outcome: 'allowed',
          entityType: 'audit_verification',
          entityId: payload.verificationId,
          details: {
            requestedBy: payload.requestedBy,
            intact: result.intact,
            records: result.records,
            chains: result.chains,
            ...(result.firstBroken ? { firstBroken: result.firstBroken } : {}),
            ...(result.checkpoints ? { checkpointsChecked: result.checkpoints.checked } : {}),
            ...(result.checkpoints?.firstProblem ? { checkpointProblem: result.checkpoints.firstProblem } : {}),
          },
        },
        manager,
      );
      await manager.query(
        `INSERT INTO audit_verification_result (verification_id, started_at, finished_at, intact, records, chains, first_broken, checkpoints)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (verification_id) DO NOTHING`,
        [
          payload.verificationId,
          startedAt,
          finishedAt,
          result.intact,
          result.records,
          result.chains,
          result.firstBroken ? JSON.stringify(result.firstBroken) : null,
          result.checkpoints ? JSON.stringify(result.checkpoints) : null,
        ],
      );
    });
    this.logger.log(`audit verification ${payload.verificationId}: ${result.intact ? 'intact' : 'NOT intact'}, ${result.records} records in ${result.chains} chains`);
    return { intact: result.intact, records: result.records };
  }
}
