import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, type AuditSink } from '#app/platform';
import type { Actor } from '#app/access';
import { CaseErrors, FileGateway, type FileWork, type Recorded } from '#app/case';
import { ReferralErrors } from '../errors.js';
import { lockReferral, type ReferralRow } from './referral-row.js';

/** What a partner's work gets: the transaction, the referral locked, who acts, and the time once. */
export interface PartnerWork {
  manager: EntityManager;
  actor: Actor;
  referral: ReferralRow;
  now: Date;
  today: string;
}

/** What the referring side's work on one referral gets: the kernel's file work and the referral, both locked. */
export interface ReferrerWork extends FileWork {
  referral: ReferralRow;
}

class OutOfScope extends Error {}

/**
 * The two scopes of a referral. The referring side acts on a referral through
 * its file: the kernel locks the file in the actor's write scope, refuses a
 * closed one and audits (a file out of scope answers REFERRAL_NOT_FOUND). The
 * partner acts on a referral sent to its own organisation — the referral's own
 * scope, locked by its organisation, never the file; anything else is 404 like
 * a missing referral, and on record.
 */
@Injectable()
export class ReferralScopes {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly gateway: FileGateway,
  ) {}

  /** The referring side's write on a referral, through its file's kernel write. */
  async asReferrer<T>(actor: Actor, referralId: string, action: string, work: (work: ReferrerWork) => Promise<Recorded<T>>): Promise<T> {
    const [row]: { file_id: string }[] = await this.dataSource.query('SELECT file_id FROM referral WHERE id = $1', [referralId]);
    if (!row) throw await this.notFound(action, referralId);
    try {
      return await this.gateway.write(actor, row.file_id, { action }, async (fileWork) => {
        const referral = (await lockReferral(fileWork.manager, referralId))!;
        return work({ ...fileWork, referral });
      });
    } catch (error) {
      // The kernel recorded the denial; the caller asked about a referral.
      if (error instanceof AppError && error.code === CaseErrors.FILE_NOT_FOUND.code) throw new AppError(ReferralErrors.REFERRAL_NOT_FOUND);
      throw error;
    }
  }

  /** The partner's write on a referral sent to its organisation; the audit record is the transaction's last statement. */
  async asPartner<T>(actor: Actor, referralId: string, action: string, work: (work: PartnerWork) => Promise<Recorded<T>>): Promise<T> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const referral = await lockReferral(manager, referralId, `r.organisation_id = $2 AND r.status <> 'draft'`, [actor.organisationId]);
        if (!referral) throw new OutOfScope();
        // A closed file no longer changes, whoever writes (R22); the referral was found, so this is no 404.
        const [file]: { state: string }[] = await manager.query('SELECT state FROM victim_file WHERE id = $1', [referral.file_id]);
        if (file.state === 'closed') throw new AppError(CaseErrors.FILE_CLOSED);
        const recorded = await work({ manager, actor, referral, ...this.gateway.time() });
        await this.audit.record(
          {
            action,
            outcome: 'allowed',
            entityType: recorded.entityType ?? 'referral',
            entityId: recorded.entityId ?? referralId,
            fileIds: [referral.file_id],
            details: recorded.details,
            purpose: recorded.purpose,
          },
          manager,
        );
        return recorded.result;
      });
    } catch (error) {
      if (error instanceof OutOfScope) throw await this.notFound(action, referralId);
      throw error;
    }
  }

  /** A referral the caller may not reach: on record, and 404 like one that does not exist. */
  async notFound(action: string, referralId: string): Promise<AppError> {
    await this.audit.record({ action, outcome: 'denied', entityType: 'referral', entityId: referralId, details: { code: ReferralErrors.REFERRAL_NOT_FOUND.code } });
    return new AppError(ReferralErrors.REFERRAL_NOT_FOUND);
  }
}
