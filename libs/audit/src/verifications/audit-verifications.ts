import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, keysetPage, PlatformErrors, QUEUES, QueueRegistry, RequestContext, type AuditSink, type Page, type PageQuery } from '#app/platform';
import { prefixOf, type Actor } from '#app/access';
import type { BrokenLink } from '../audit-verifier.js';
import type { CheckpointVerification } from '../checkpoints/checkpoint-verifier.js';
import type { AuditVerificationView, VerificationStatus } from '../audit.view.js';

interface VerificationRow {
  id: string;
  requested_at: Date;
  requester_id: string;
  requester_username: string;
  requester_display_name: string;
  started_at: Date | null;
  finished_at: Date | null;
  intact: boolean | null;
  records: string | null;
  chains: number | null;
  first_broken: BrokenLink | null;
  checkpoints: CheckpointVerification | null;
}

const COLUMNS = `v.id, v.requested_at, u.id AS requester_id, u.username AS requester_username, u.display_name AS requester_display_name,
                 r.started_at, r.finished_at, r.intact, r.records, r.chains, r.first_broken, r.checkpoints`;
// Scoped like the users: the verifications asked for by administrators within one's jurisdiction.
const FROM = `audit_verification v JOIN user_account u ON u.id = v.requested_by JOIN organisation o ON o.id = u.organisation_id
              LEFT JOIN audit_verification_result r ON r.verification_id = v.id`;

/**
 * The administrators' verifications of the audit record. The api holds no
 * walk: it records the request and enqueues the job; the worker
 * (AuditVerificationProcessor) walks and stores the result. Until then the
 * job's state in Redis says queued or running (with the records walked so far)
 * or failed.
 */
@Injectable()
export class AuditVerifications {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly clock: Clock,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
  ) {}

  async request(actor: Actor): Promise<AuditVerificationView> {
    const requestId = RequestContext.requestId()?.slice(0, 128);
    const id = await this.dataSource.transaction(async (manager) => {
      const [{ id }]: { id: string }[] = await manager.query('INSERT INTO audit_verification (requested_by, requested_at, request_id) VALUES ($1, $2, $3) RETURNING id', [
        actor.userId,
        this.clock.now(),
        requestId ?? null,
      ]);
      // Recorded before the walk, so the verification covers the request for it.
      await this.audit.record({ action: 'audit.verification_request', outcome: 'allowed', entityType: 'audit_verification', entityId: id }, manager);
      return id;
    });
    await this.queues.add(QUEUES.auditVerifications, {
      name: 'requested',
      jobId: id,
      payload: { verificationId: id, requestedBy: actor.userId, ...(requestId ? { requestId } : {}) },
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<AuditVerificationView> {
    const [row]: VerificationRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE v.id = $1 AND o.jurisdiction_code LIKE $2`, [
      id,
      prefixOf(actor.jurisdictionCode) + '%',
    ]);
    if (!row) {
      await this.audit.record({ action: 'audit.verification_read', outcome: 'denied', entityType: 'audit_verification', entityId: id });
      throw new AppError(PlatformErrors.NOT_FOUND);
    }
    return this.toView(row);
  }

  /** The latest first. */
  async list(actor: Actor, query: PageQuery): Promise<Page<AuditVerificationView>> {
    const page = await keysetPage(
      this.dataSource,
      {
        select: COLUMNS,
        from: FROM,
        where: ['o.jurisdiction_code LIKE $1'],
        params: [prefixOf(actor.jurisdictionCode) + '%'],
        keys: [
          { expr: 'v.requested_at', cast: 'timestamptz' },
          { expr: 'v.id', cast: 'uuid' },
        ],
        direction: 'desc',
      },
      query,
      (row: VerificationRow) => row,
    );
    return { items: await Promise.all(page.items.map((row) => this.toView(row))), nextCursor: page.nextCursor };
  }

  private async toView(row: VerificationRow): Promise<AuditVerificationView> {
    const common = {
      id: row.id,
      requestedAt: row.requested_at,
      requestedBy: { id: row.requester_id, username: row.requester_username, displayName: row.requester_display_name },
    };
    if (row.finished_at) {
      return {
        ...common,
        status: 'finished',
        recordsWalked: Number(row.records),
        startedAt: row.started_at,
        finishedAt: row.finished_at,
        intact: row.intact,
        records: Number(row.records),
        chains: row.chains,
        ...(row.first_broken ? { firstBroken: row.first_broken } : {}),
        ...(row.checkpoints ? { checkpoints: row.checkpoints } : {}),
        failure: null,
      };
    }
    const job = await this.queues.queue(QUEUES.auditVerifications).getJob(row.id);
    const state = job ? await job.getState() : 'unknown';
    // Completed but not read yet: the result was stored a moment after this request read the row.
    const status: VerificationStatus = state === 'active' || state === 'completed' ? 'running' : state === 'failed' || state === 'unknown' ? 'failed' : 'queued';
    const progress = job?.progress as { records?: number } | undefined;
    return {
      ...common,
      status,
      recordsWalked: status === 'running' ? (progress?.records ?? 0) : null,
      startedAt: null,
      finishedAt: null,
      intact: null,
      records: null,
      chains: null,
      failure:
        status !== 'failed'
          ? null
          : job?.failedReason
            ? `校验未能完成 / the verification could not finish: ${job.failedReason}`
            : '校验任务已丢失，请重新发起 / the verification job is lost: ask again',
    };
  }
}
