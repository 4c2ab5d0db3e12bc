import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RequestContext, type AuditEntry, type AuditSink } from '#app/platform';

/** The chain of an actor-less event (a failed login of an unknown user). */
export const NATIONAL_CHAIN = '00';

/** One chain per province (the first two digits of the actor's jurisdiction), so appends do not serialise globally. */
export function chainFor(jurisdictionCode: string | undefined): string {
  return jurisdictionCode ? jurisdictionCode.slice(0, 2) : NATIONAL_CHAIN;
}

/**
 * Appends to the hash-chained audit record through `audit_append` (the only
 * way in). In a write's transaction it should be the last statement before the
 * commit: the chain's head stays locked until then.
 */
@Injectable()
export class AuditService implements AuditSink {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const context = RequestContext.current();
    const actor = context?.actor;
    const row = {
      chain: chainFor(actor?.jurisdictionCode),
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
    await (manager ?? this.dataSource.manager).query('SELECT audit_append($1::jsonb)', [JSON.stringify(row)]);
  }
}
