import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, ProcessorFor, QUEUES, QueueRegistry, type AppConfig, type AuditCheckpointPayload, type QueueProcessor } from '#app/platform';
import { AuditCheckpointSigner, type SignedCheckpointSummary } from './checkpoint-signer.js';

/** The id of the worker's job scheduler: one per deployment, whichever worker upserts it. */
export const CHECKPOINT_SCHEDULER_ID = 'audit-checkpoint-every';

/** Signs a checkpoint for each job of `audit-checkpoints` (the schedule's and the administrators'). */
@Injectable()
@ProcessorFor(QUEUES.auditCheckpoints)
export class AuditCheckpointProcessor implements QueueProcessor<AuditCheckpointPayload> {
  private readonly logger = new Logger('AuditCheckpoints');

  constructor(private readonly signer: AuditCheckpointSigner) {}

  async process(payload: AuditCheckpointPayload): Promise<SignedCheckpointSummary> {
    const signed = await this.signer.sign();
    this.logger.log(`audit checkpoint ${signed.id} signed at ${signed.signedAt} (${payload.reason}, ${signed.chains} chains, key ${signed.keyId})`);
    return signed;
  }
}

/** At the worker's boot: the repeatable job every AUDIT_CHECKPOINT_INTERVAL_SECONDS (upserted, so a changed interval applies). */
@Injectable()
export class AuditCheckpointSchedule implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const payload: AuditCheckpointPayload = QUEUES.auditCheckpoints.validate({ reason: 'schedule' });
    await this.queues
      .queue(QUEUES.auditCheckpoints)
      .upsertJobScheduler(CHECKPOINT_SCHEDULER_ID, { every: this.config.audit.checkpointIntervalSeconds * 1000 }, { name: 'scheduled', data: { ...payload } });
  }
}
