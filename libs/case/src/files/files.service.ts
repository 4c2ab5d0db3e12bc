import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, type AuditSink } from '#app/platform';
import { fileScope, prefixOf, type Actor, type FileAudience } from '#app/access';
import { CaseErrors } from '../errors.js';
import type { FilePage, FileView, ListFilesQuery, PartnerFileView } from './files.dto.js';

interface Row {
  id: string;
  reference: string;
  state: string;
  version: number;
  responsible_jurisdiction_code: string;
  jurisdiction_name: string;
  responsible_organisation_id: string;
  organisation_name: string;
  responsible_caseworker_id: string | null;
  caseworker_name: string | null;
  current_institution_id: string | null;
  institution_name: string | null;
  opened_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT f.id, f.reference, f.state, f.version, f.responsible_jurisdiction_code, j.name AS jurisdiction_name,
                       f.responsible_organisation_id, o.name AS organisation_name,
                       f.responsible_caseworker_id, c.display_name AS caseworker_name,
                       f.current_institution_id, i.name AS institution_name, f.opened_at, f.updated_at
                  FROM victim_file f
                  JOIN jurisdiction j ON j.code = f.responsible_jurisdiction_code
                  JOIN organisation o ON o.id = f.responsible_organisation_id
                  LEFT JOIN user_account c ON c.id = f.responsible_caseworker_id
                  LEFT JOIN organisation i ON i.id = f.current_institution_id`;

/** The projection per audience: fields outside it are absent from the response, not hidden by a client (R16). */
function project(row: Row, audience: FileAudience): FileView | PartnerFileView {
  if (audience === 'partner') return { audience, id: row.id, reference: row.reference };
  return {
    audience,
    id: row.id,
    reference: row.reference,
    state: row.state,
    version: row.version,
    responsibleJurisdiction: { code: row.responsible_jurisdiction_code, name: row.jurisdiction_name },
    responsibleOrganisation: { id: row.responsible_organisation_id, name: row.organisation_name },
    responsibleCaseworker: row.responsible_caseworker_id ? { id: row.responsible_caseworker_id, displayName: row.caseworker_name ?? '' } : null,
    currentInstitution: row.current_institution_id ? { id: row.current_institution_id, name: row.institution_name ?? '' } : null,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Reads of victim files, scoped in SQL to what the actor may see (R22) and
 * recorded in the audit record; a file out of scope answers exactly like one
 * that does not exist.
 */
@Injectable()
export class FilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
  ) {}

  async get(actor: Actor, id: string, purpose?: string): Promise<FileView | PartnerFileView> {
    const params: unknown[] = [id];
    const scope = fileScope(actor, 'f', params);
    const rows: Row[] = await this.dataSource.query(`${SELECT} WHERE f.id = $1 AND ${scope.where}`, params);
    if (!rows[0]) {
      await this.audit.record({ action: 'file.read', outcome: 'denied', entityType: 'victim_file', entityId: id, purpose });
      throw new AppError(CaseErrors.FILE_NOT_FOUND);
    }
    await this.audit.record({ action: 'file.read', outcome: 'allowed', entityType: 'victim_file', entityId: id, fileIds: [id], purpose, details: { view: scope.audience } });
    return project(rows[0], scope.audience);
  }

  async list(actor: Actor, query: ListFilesQuery): Promise<FilePage> {
    const params: unknown[] = [];
    const scope = fileScope(actor, 'f', params);
    const where = [scope.where];
    if (query.state) where.push(`f.state = $${params.push(query.state)}`);
    if (query.jurisdiction) where.push(`f.responsible_jurisdiction_code LIKE $${params.push(prefixOf(query.jurisdiction) + '%')}`);
    if (query.institutionId) where.push(`f.current_institution_id = $${params.push(query.institutionId)}`);
    if (query.caseworkerId) where.push(`f.responsible_caseworker_id = $${params.push(query.caseworkerId)}`);
    if (query.after) where.push(`f.id > $${params.push(query.after)}`);
    const limit = query.limit ?? 50;
    const rows: Row[] = await this.dataSource.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY f.id LIMIT ${limit + 1}`, params);
    const page = rows.slice(0, limit);
    await this.audit.record({
      action: 'file.list',
      outcome: 'allowed',
      entityType: 'victim_file',
      fileIds: page.map((row) => row.id),
      details: { view: scope.audience, filters: { ...query } },
    });
    return { files: page.map((row) => project(row, scope.audience)), nextAfter: rows.length > limit ? page[page.length - 1].id : null };
  }
}
