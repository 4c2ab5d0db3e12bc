import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, keysetPage, type AuditSink, type Page, type PageQuery } from '#app/platform';
import { AccessErrors, prefixOf, type Actor } from '#app/access';
import { CaseErrors, FileGateway } from '#app/case';
import type { AuditRecordView } from './audit.view.js';

interface Row {
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_organisation_id: string | null;
  actor_role: string | null;
  action: string;
  outcome: AuditRecordView['outcome'];
  entity_type: string | null;
  entity_id: string | null;
  file_ids: string[];
  purpose: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}

const COLUMNS = `id, at, actor_user_id, actor_username, actor_organisation_id, actor_role, action, outcome, entity_type, entity_id,
                 file_ids, purpose, request_id, details`;

/** What replaces withheld person data in a record's details. */
export const REDACTED = '[已隐去 redacted]';

/** Paths in details that hold person data a caseworker typed (a searched name): shown only to those who may see the person. */
const PERSON_DATA_PATHS: readonly (readonly string[])[] = [['filters', 'q']];

/**
 * Who may read a record's person data (R22): the supervisor of the actor's own
 * organisation, who oversees that caseworker's files. Administrators (who see
 * no file's content) and other organisations see that it happened, not what.
 */
function mayReadPersonData(viewer: Actor, row: Row): boolean {
  return viewer.role === 'supervisor' && row.actor_organisation_id !== null && viewer.organisationId === row.actor_organisation_id;
}

/** The details as this viewer may see them, and the paths withheld. */
function redactFor(viewer: Actor, row: Row): { details: Record<string, unknown>; redacted: string[] } {
  if (mayReadPersonData(viewer, row)) return { details: row.details, redacted: [] };
  let details = row.details;
  const redacted: string[] = [];
  for (const path of PERSON_DATA_PATHS) {
    const next = withheld(details, path);
    if (next !== details) {
      details = next;
      redacted.push(path.join('.'));
    }
  }
  return { details, redacted };
}

/** A copy of `value` with the text at `path` replaced, or `value` itself when there is none to replace. */
function withheld(value: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  const [key, ...rest] = path;
  const current = value?.[key];
  if (rest.length === 0) return current === undefined || current === null || current === '' ? value : { ...value, [key]: REDACTED };
  if (current === null || typeof current !== 'object' || Array.isArray(current)) return value;
  const inner = withheld(current as Record<string, unknown>, rest);
  return inner === current ? value : { ...value, [key]: inner };
}

function toView(viewer: Actor, row: Row): AuditRecordView {
  const { details, redacted } = redactFor(viewer, row);
  return {
    id: String(row.id),
    at: row.at,
    actor: { userId: row.actor_user_id, username: row.actor_username, organisationId: row.actor_organisation_id, role: row.actor_role },
    action: row.action,
    outcome: row.outcome,
    entityType: row.entity_type,
    entityId: row.entity_id,
    fileIds: row.file_ids,
    purpose: row.purpose,
    requestId: row.request_id,
    details,
    redacted,
  };
}

/**
 * Who looked at this child's file? What did this user do? (R21, R22.) A
 * supervisor reads the record of a file through the file kernel (the file in
 * their scope, the read audited, 404 otherwise); an administrator oversees the
 * files of their jurisdiction. Users: those of organisations within one's
 * jurisdiction. Pages run newest first on the record's id; reading the
 * record is itself recorded. A searched name is person data: its text only
 * to the searcher's own supervisor (R22, redactFor).
 */
@Injectable()
export class AuditReadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly gateway: FileGateway,
  ) {}

  async forFile(actor: Actor, fileId: string, query: PageQuery): Promise<Page<AuditRecordView>> {
    if (actor.role !== 'administrator') {
      return this.gateway.read(actor, fileId, { action: 'audit.read' }, ({ manager }) => this.page(actor, manager, 'file_ids @> ARRAY[$1]::uuid[]', [fileId], query));
    }
    // Administrators reach no file's content (the kernel shows them none), only its record, within their jurisdiction.
    const found = await this.dataSource.query('SELECT 1 FROM victim_file f WHERE f.id = $1 AND f.responsible_jurisdiction_code LIKE $2', [
      fileId,
      prefixOf(actor.jurisdictionCode) + '%',
    ]);
    if (found.length === 0) {
      await this.audit.record({ action: 'audit.read', outcome: 'denied', entityType: 'victim_file', entityId: fileId, details: { code: CaseErrors.FILE_NOT_FOUND.code } });
      throw new AppError(CaseErrors.FILE_NOT_FOUND);
    }
    const page = await this.page(actor, this.dataSource.manager, 'file_ids @> ARRAY[$1]::uuid[]', [fileId], query);
    await this.audit.record({ action: 'audit.read', outcome: 'allowed', entityType: 'victim_file', entityId: fileId, fileIds: [fileId] });
    return page;
  }

  async forUser(actor: Actor, userId: string, query: PageQuery): Promise<Page<AuditRecordView>> {
    const found = await this.dataSource.query(`SELECT 1 FROM user_account u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1 AND o.jurisdiction_code LIKE $2`, [
      userId,
      prefixOf(actor.jurisdictionCode) + '%',
    ]);
    if (found.length === 0) {
      await this.audit.record({ action: 'audit.read', outcome: 'denied', entityType: 'user_account', entityId: userId });
      throw new AppError(AccessErrors.NOT_FOUND);
    }
    const page = await this.page(actor, this.dataSource.manager, 'actor_user_id = $1', [userId], query);
    await this.audit.record({ action: 'audit.read', outcome: 'allowed', entityType: 'user_account', entityId: userId });
    return page;
  }

  /** Newest first on the record's id (one query per page). */
  private page(viewer: Actor, manager: EntityManager, condition: string, params: unknown[], query: PageQuery): Promise<Page<AuditRecordView>> {
    return keysetPage(
      manager,
      { select: COLUMNS, from: 'audit_record', where: [condition], params, keys: [{ expr: 'id', cast: 'bigint' }], direction: 'desc' },
      query,
      (row: Row) => toView(viewer, row),
    );
  }
}
