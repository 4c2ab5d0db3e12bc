import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, isTransientConflict, PlatformErrors, RequestContext, type AuditEntry, type AuditSink } from '#app/platform';
import { auditDetails, auditFileIds, auditOptionalText, auditUuid } from './audit-sanitise.js';

/** The chain of an actor-less event (a failed login of an unknown user). */
export const NATIONAL_CHAIN = '00';

/**
 * Chains a province's records are spread over. An append holds its chain's
 * head until its transaction has committed (and its WAL is flushed), so one
 * chain per province would let a province's reads and writes through one at a
 * time; a few chains per province let their commits share the flushes.
 */
export const CHAINS_PER_PROVINCE = 16;

/**
 * The chain of a record: the province of the actor's jurisdiction (the first
 * two digits) and a shard chosen by the actor, so one user's actions stay in
 * order in one chain ('53.7'). Actor-less events (a failed login) go to '00'.
 */
export function chainFor(jurisdictionCode: string | undefined, userId?: string): string {
  if (!jurisdictionCode) return NATIONAL_CHAIN;
  const shard = userId ? createHash('sha256').update(userId).digest().readUInt32BE(0) % CHAINS_PER_PROVINCE : 0;
  return `${jurisdictionCode.slice(0, 2)}.${shard}`;
}

interface Pending {
  row: Record<string, unknown>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** At most this many records go into one group commit. */
const MAX_BATCH = 500;

/**
 * Appends to the hash-chained audit record through `audit_append` (the only
 * way in).
 *
 * With a transaction (a write), the record joins it and commits with the
 * change; it should be the write's last statement, as the chain's head stays
 * locked until the commit.
 *
 * Without one (reads, denials), records are group-committed: while one batch
 * is being written, the records of concurrent requests gather and go in the
 * next batch, one transaction for all of them, chains locked in order. Each
 * caller still waits until its own record is committed, so no response leaves
 * before its record is durable; the batching only saves round trips and
 * commits (bench/audit).
 *
 * One entry never affects another (R21, R22): what goes into the canonical
 * form is sanitised first (audit-sanitise.ts), and when a batch is refused
 * anyway its entries are written again one by one, so only the entry that
 * truly fails fails. Its caller gets AUDIT_NOT_RECORDED (503): what cannot be
 * recorded is not done (fail closed).
 */
@Injectable()
export class AuditService implements AuditSink {
  private readonly logger = new Logger('Audit');
  private pending: Pending[] = [];
  private flushing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const row = this.rowFor(entry);
    if (manager) {
      try {
        await manager.query('SELECT audit_append($1::jsonb)', [JSON.stringify(row)]);
      } catch (error) {
        // A lost race for a chain's head stays a conflict (409, try again); anything else refuses the write.
        if (isTransientConflict(error)) throw error;
        throw this.notRecorded(row, error);
      }
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      // Chains locked in one order by every batch: two processes' batches cannot deadlock.
      const rows = batch.map((pending) => pending.row).sort((a, b) => String(a.chain).localeCompare(String(b.chain)));
      try {
        await this.dataSource.query('SELECT audit_append(entry) FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(entry, n) ORDER BY n', [JSON.stringify(rows)]);
        for (const pending of batch) pending.resolve();
      } catch {
        // One refused entry must not take the others with it: each is written again on its own.
        await this.oneByOne(batch);
      }
    }
    this.flushing = false;
  }

  /** A refused batch's entries, each in its own transaction: the ones that can be written are, the others refused alone. */
  private async oneByOne(batch: Pending[]): Promise<void> {
    const ordered = [...batch].sort((a, b) => String(a.row.chain).localeCompare(String(b.row.chain)));
    for (const pending of ordered) {
      try {
        await this.dataSource.query('SELECT audit_append($1::jsonb)', [JSON.stringify(pending.row)]);
        pending.resolve();
      } catch (error) {
        pending.reject(this.notRecorded(pending.row, error));
      }
    }
  }

  /** The refusal its caller answers with (503, fail closed), logged with what identifies the entry, never its content. */
  private notRecorded(row: Record<string, unknown>, error: unknown): AppError {
    const cause = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown } };
    this.logger.error(
      { requestId: row.requestId, action: row.action, chain: row.chain, dbCode: cause.driverError?.code ?? cause.code, err: error },
      'audit record could not be written',
    );
    return new AppError(PlatformErrors.AUDIT_NOT_RECORDED, { cause: error });
  }

  /** The entry as `audit_append` takes it, every value made safe for its column (audit-sanitise.ts). */
  private rowFor(entry: AuditEntry): Record<string, unknown> {
    const context = RequestContext.current();
    const actor = context?.actor;
    const { fileIds, invalid } = auditFileIds(entry.fileIds);
    const details = auditDetails(entry.details);
    if (invalid.length > 0) details.invalidFileIds = invalid;
    return {
      chain: chainFor(actor?.jurisdictionCode ?? entry.jurisdictionCode, actor?.userId),
      actorUserId: auditUuid(actor?.userId),
      actorUsername: auditOptionalText(actor?.username, 200),
      actorOrganisationId: auditUuid(actor?.organisationId),
      actorRole: auditOptionalText(actor?.role, 100),
      action: auditOptionalText(entry.action, 200),
      outcome: entry.outcome,
      entityType: auditOptionalText(entry.entityType, 200),
      entityId: auditOptionalText(entry.entityId, 200),
      fileIds,
      purpose: auditOptionalText(entry.purpose),
      requestId: auditOptionalText(context?.requestId, 200),
      details,
    };
  }
}
