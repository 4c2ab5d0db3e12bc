import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, chinaDate, Clock, isTransientConflict, type AuditSink } from '#app/platform';
import { fileScope, fileWriteScope, type Actor, type FileAudience } from '#app/access';
import { CaseErrors } from '../errors.js';
import type { FileState } from '../state-machine/states.js';

/** The file as the kernel locked or read it, with the person's facts rules need (ages, nationality, identity). */
export interface KernelFile {
  id: string;
  reference: string;
  state: FileState;
  version: number;
  personId: string;
  responsibleJurisdictionCode: string;
  responsibleOrganisationId: string;
  responsibleCaseworkerId: string | null;
  currentInstitutionId: string | null;
  person: { sex: string; birthDateFrom: string | null; birthDateTo: string | null; nationality: string | null; identityStatus: string };
}

/** What a capability's work gets: the transaction, the file, who acts, which view they have, and the time once. */
export interface FileWork {
  manager: EntityManager;
  file: KernelFile;
  actor: Actor;
  audience: FileAudience;
  now: Date;
  /** Today in China (Asia/Shanghai), from the same clock reading. */
  today: string;
}

/** A write's result and how its audit record describes it (by default the file itself). */
export interface Recorded<T> {
  result: T;
  entityType?: string;
  entityId?: string;
  details?: Record<string, unknown>;
  purpose?: string;
}

export interface ReadOptions<T> {
  /** The audit record's action, e.g. `file.read`. */
  action: string;
  /** The views that may read (default: the full view only; partners and the police get 404). */
  audiences?: readonly FileAudience[];
  details?: (result: T, work: FileWork) => Record<string, unknown>;
}

export interface WriteOptions {
  /** The audit record's action, e.g. `guardian.record`. */
  action: string;
  /** For edits that replace a record: the file's version the client saw; stale → 409 STALE_VERSION; the write moves the version on. */
  expectedVersion?: number;
  /** Writes allowed on a closed file (none by default: a closed file no longer changes). */
  allowClosed?: boolean;
  /** Refusals besides "not found" whose attempt is on record (e.g. BUYER_HOUSEHOLD, R6). */
  auditRefusals?: readonly string[];
}

export interface LockOptions {
  /** `write`: the actor's write scope (an emergency access reads only); `read`: what they may see. */
  mode: 'read' | 'write';
  /** Lock the row until the transaction ends (default for writes). */
  forUpdate?: boolean;
  /** Extra columns over `f` (the file) and `p` (the person), appending their parameters to `params`. */
  columns?: (params: unknown[]) => string;
}

interface Row {
  id: string;
  reference: string;
  state: FileState;
  version: number;
  person_id: string;
  responsible_jurisdiction_code: string;
  responsible_organisation_id: string;
  responsible_caseworker_id: string | null;
  current_institution_id: string | null;
  sex: string;
  birth_date_from: string | null;
  birth_date_to: string | null;
  nationality: string | null;
  identity_status: string;
  [extra: string]: unknown;
}

class Denied extends Error {}

/**
 * The file kernel: everything that touches a victim file goes through it —
 * the actor's scope resolved in SQL (R22), the row locked for writes, a closed
 * file refused, a stale version refused, the read or the write audited and the
 * denial too (after the rollback), 404 for a file out of scope exactly like one
 * that does not exist, and one transaction and one clock reading handed to the
 * capability's work. Capabilities (records, referrals, tracing, household,
 * follow-up) never lock or scope a file themselves.
 */
/** Runs of a write PostgreSQL rolled back for a serialization failure or a deadlock, before the caller gets the 409. */
const WRITE_ATTEMPTS = 3;

@Injectable()
export class FileGateway {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly clock: Clock,
  ) {}

  /** Reads in one consistent snapshot; audits the read, or the denial. */
  async read<T>(actor: Actor, fileId: string, options: ReadOptions<T>, work: (work: FileWork) => Promise<T>): Promise<T> {
    const audiences = options.audiences ?? ['full'];
    try {
      const { result, details } = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        const context = await this.open(manager, actor, fileId, { mode: 'read', forUpdate: false });
        if (!context || !audiences.includes(context.audience)) throw new Denied();
        const value = await work(context);
        return { result: value, details: options.details?.(value, context) };
      });
      await this.audit.record({ action: options.action, outcome: 'allowed', entityType: 'victim_file', entityId: fileId, fileIds: [fileId], details });
      return result;
    } catch (error) {
      throw await this.refused(options.action, fileId, error, []);
    }
  }

  /**
   * Writes in one transaction with the file locked; the audit record is its
   * last statement. A transaction PostgreSQL rolled back for a serialization
   * failure or a deadlock (another process's write, e.g. the worker's, racing
   * for the same audit chain head) is run again, whole — `expectedVersion` is
   * checked anew each time — so a request that named no version does not fail
   * on a race it had no part in; after the last attempt it is a 409.
   */
  async write<T>(actor: Actor, fileId: string, options: WriteOptions, work: (work: FileWork) => Promise<Recorded<T>>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeOnce(actor, fileId, options, work);
      } catch (error) {
        if (attempt >= WRITE_ATTEMPTS || !isTransientConflict(error)) throw await this.refused(options.action, fileId, error, options.auditRefusals ?? []);
      }
    }
  }

  private async writeOnce<T>(actor: Actor, fileId: string, options: WriteOptions, work: (work: FileWork) => Promise<Recorded<T>>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const context = await this.open(manager, actor, fileId, { mode: 'write' });
      if (!context) throw new Denied();
      if (context.file.state === 'closed' && !options.allowClosed) throw new AppError(CaseErrors.FILE_CLOSED);
      if (options.expectedVersion !== undefined) await this.moveVersion(manager, context.file, options.expectedVersion);
      const recorded = await work(context);
      await this.audit.record(
        {
          action: options.action,
          outcome: 'allowed',
          entityType: recorded.entityType ?? 'victim_file',
          entityId: recorded.entityId ?? fileId,
          fileIds: [fileId],
          details: recorded.details,
          purpose: recorded.purpose,
        },
        manager,
      );
      return recorded.result;
    });
  }

  /**
   * The one query that finds a file in the actor's scope, locked for a write
   * unless told otherwise, with `columns` computed in the same round trip.
   * Undefined when the file does not exist or is out of scope.
   */
  async lock(manager: EntityManager, actor: Actor, fileId: string, options: LockOptions): Promise<{ file: KernelFile; audience: FileAudience; row: Row } | undefined> {
    const params: unknown[] = [fileId];
    const now = this.clock.now();
    let where: string;
    let audience: FileAudience;
    if (options.mode === 'write') {
      where = fileWriteScope(actor, 'f', params);
      audience = 'full';
    } else {
      const scope = fileScope(actor, 'f', params, now);
      where = scope.where;
      audience = scope.audience;
    }
    const extra = options.columns ? `, ${options.columns(params)}` : '';
    const forUpdate = options.forUpdate ?? options.mode === 'write';
    const [row]: Row[] = await manager.query(
      `SELECT f.id, f.reference, f.state, f.version, f.person_id, f.responsible_jurisdiction_code, f.responsible_organisation_id, f.responsible_caseworker_id,
              f.current_institution_id, p.sex, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
              p.nationality, p.identity_status${extra}
         FROM victim_file f JOIN person p ON p.id = f.person_id
        WHERE f.id = $1 AND ${where}${forUpdate ? ' FOR UPDATE OF f' : ''}`,
      params,
    );
    if (!row) return undefined;
    return {
      audience,
      row,
      file: {
        id: row.id,
        reference: row.reference,
        state: row.state,
        version: row.version,
        personId: row.person_id,
        responsibleJurisdictionCode: row.responsible_jurisdiction_code,
        responsibleOrganisationId: row.responsible_organisation_id,
        responsibleCaseworkerId: row.responsible_caseworker_id,
        currentInstitutionId: row.current_institution_id,
        person: { sex: row.sex, birthDateFrom: row.birth_date_from, birthDateTo: row.birth_date_to, nationality: row.nationality, identityStatus: row.identity_status },
      },
    };
  }

  /** The clock read once for a unit of work. */
  time(): { now: Date; today: string } {
    const now = this.clock.now();
    return { now, today: chinaDate(now) };
  }

  /** Audits a refusal after the rollback and says what to answer: FILE_NOT_FOUND for a file out of scope. */
  async refused(action: string, fileId: string, error: unknown, auditedCodes: readonly string[]): Promise<unknown> {
    if (error instanceof Denied) {
      await this.audit.record({ action, outcome: 'denied', entityType: 'victim_file', entityId: fileId, details: { code: CaseErrors.FILE_NOT_FOUND.code } });
      return new AppError(CaseErrors.FILE_NOT_FOUND);
    }
    if (error instanceof AppError && auditedCodes.includes(error.code)) {
      await this.audit.record({ action, outcome: 'denied', entityType: 'victim_file', entityId: fileId, fileIds: [fileId], details: { code: error.code } });
    }
    return error;
  }

  private async open(manager: EntityManager, actor: Actor, fileId: string, options: LockOptions): Promise<FileWork | undefined> {
    const found = await this.lock(manager, actor, fileId, options);
    if (!found) return undefined;
    return { manager, file: found.file, actor, audience: found.audience, ...this.time() };
  }

  private async moveVersion(manager: EntityManager, file: KernelFile, expectedVersion: number): Promise<void> {
    if (file.version !== expectedVersion) throw new AppError(CaseErrors.STALE_VERSION, { details: { expectedVersion, currentVersion: file.version } });
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows]: [{ version: number }[], number] = await manager.query('UPDATE victim_file SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version', [
      file.id,
    ]);
    file.version = rows[0].version;
  }
}
