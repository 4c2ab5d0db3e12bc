import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, Clock, type AppConfig } from '#app/platform';
import { signCheckpoint, type ChainHead } from './checkpoint-statement.js';

export interface SignedCheckpointSummary {
  id: string;
  signedAt: string;
  keyId: string;
  chains: number;
}

/**
 * Signs a checkpoint: every chain's head (from audit_chain, one snapshot) at
 * the Clock's instant, with AUDIT_SIGNING_KEY, which only the worker and the
 * CLI hold. Stored in audit_checkpoint, then appended to AUDIT_CHECKPOINT_FILE
 * and, with NOTIFY_CHANNEL=webhook, POSTed there: copies outside PostgreSQL
 * that the database owner cannot reach.
 */
@Injectable()
export class AuditCheckpointSigner {
  private readonly logger = new Logger('AuditCheckpoints');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async sign(): Promise<SignedCheckpointSummary> {
    const key = this.config.audit.signingKey;
    if (!key) throw new Error('AUDIT_SIGNING_KEY is not set: this process cannot sign audit checkpoints (npm run cli -- audit:keygen makes a pair)');
    const rows: { chain: string; last_seq: string; hash: string }[] = await this.dataSource.query(
      `SELECT chain, last_seq, encode(last_hash, 'hex') AS hash FROM audit_chain WHERE last_seq > 0 ORDER BY chain`,
    );
    const heads: ChainHead[] = rows.map((row) => ({ chain: row.chain, seq: Number(row.last_seq), hash: row.hash }));
    const checkpoint = signCheckpoint(key, this.clock.now(), heads);
    const [{ id }] = await this.dataSource.query(`INSERT INTO audit_checkpoint (signed_at, key_id, statement, signature) VALUES ($1, $2, $3, $4) RETURNING id`, [
      checkpoint.parsed.signedAt,
      checkpoint.parsed.keyId,
      checkpoint.statement,
      checkpoint.signature,
    ]);
    const line = { id: String(id), signedAt: checkpoint.parsed.signedAt, keyId: checkpoint.parsed.keyId, statement: checkpoint.statement, signature: checkpoint.signature };
    if (this.config.audit.checkpointFile) {
      // A file that cannot be written fails the job (retried, visible on /admin/queues): the copy outside PostgreSQL is the point.
      await mkdir(path.dirname(path.resolve(this.config.audit.checkpointFile)), { recursive: true });
      await appendFile(this.config.audit.checkpointFile, `${JSON.stringify(line)}\n`, 'utf8');
    }
    if (this.config.notify.channel === 'webhook') await this.sendToWebhook(line);
    return { id: String(id), signedAt: checkpoint.parsed.signedAt, keyId: checkpoint.parsed.keyId, chains: heads.length };
  }

  /** The webhook is a further copy: a failure is logged, the checkpoint stands (it is in the table and the file). */
  private async sendToWebhook(line: Record<string, string>): Promise<void> {
    try {
      const response = await fetch(this.config.notify.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'audit.checkpoint', ...line }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) this.logger.warn(`audit checkpoint ${line.id}: the webhook answered ${response.status}`);
    } catch (error) {
      this.logger.warn(`audit checkpoint ${line.id}: the webhook could not be reached: ${(error as Error).message}`);
    }
  }
}
