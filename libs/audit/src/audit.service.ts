import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RequestContext, type AuditEntry, type AuditSink } from '#app/platform';

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
 */
@Injectable()
export class AuditService implements AuditSink {
  private pending: Pending[] = [];
  private flushing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const row = this.rowFor(entry);
    if (manager) {
      await manager.query('SELECT audit_append($1::jsonb)', [JSON.stringify(row)]);
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
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    this.flushing = false;
  }

  private rowFor(entry: AuditEntry): Record<string, unknown> {
    const context = RequestContext.current();
    const actor = context?.actor;
    return {
      chain: chainFor(actor?.jurisdictionCode ?? entry.jurisdictionCode, actor?.userId),
      actorUserId: actor?.userId ?? null,
      actorUsername: actor?.username ?? null,
      actorOrganisationId: actor?.organisationId ?? null,
      actorRole: actor?.role ?? null,
      action: entry.action,
      outcome: entry.outcome,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      fileIds: entry.fileIds ?? [],
      purpose: entry.purpose ?? null,
      requestId: context?.requestId ?? null,
      details: entry.details ?? {},
    };
  }
}
