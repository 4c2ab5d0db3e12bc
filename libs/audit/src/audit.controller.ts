import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, uuidParam, type AuditSink } from '#app/platform';
import { AccessErrors, CurrentActor, fileScope, prefixOf, Roles, type Actor } from '#app/access';
import { AuditPageQuery, type AuditPage, type AuditRecordView } from './audit-query.js';

interface Row {
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_organisation_id: string | null;
  actor_role: string | null;
  action: string;
  outcome: string;
  entity_type: string | null;
  entity_id: string | null;
  file_ids: string[];
  purpose: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}

const COLUMNS = `id, at, actor_user_id, actor_username, actor_organisation_id, actor_role, action, outcome, entity_type, entity_id,
                 file_ids, purpose, request_id, details`;

function toView(row: Row): AuditRecordView {
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
    details: row.details,
  };
}

/**
 * Who looked at this child's file? What did this user do? For supervisors
 * (files in their scope, users in their jurisdiction) and administrators
 * (files and users in their jurisdiction). Reading the record is itself recorded.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly clock: Clock,
  ) {}

  @Get('files/:fileId')
  @Roles('supervisor', 'administrator')
  @ApiOperation({ summary: 'The audit record of one file, newest first' })
  async forFile(@CurrentActor() actor: Actor, @Param('fileId', uuidParam('fileId')) fileId: string, @Query() query: AuditPageQuery): Promise<AuditPage> {
    const params: unknown[] = [fileId];
    const visible =
      actor.role === 'administrator'
        ? `f.responsible_jurisdiction_code LIKE $${params.push(prefixOf(actor.jurisdictionCode) + '%')}`
        : fileScope(actor, 'f', params, this.clock.now()).where;
    const found = await this.dataSource.query(`SELECT 1 FROM victim_file f WHERE f.id = $1 AND ${visible}`, params);
    if (found.length === 0) {
      await this.audit.record({ action: 'audit.read', outcome: 'denied', entityType: 'victim_file', entityId: fileId });
      throw new AppError(AccessErrors.NOT_FOUND);
    }
    const page = await this.page('file_ids @> ARRAY[$1]::uuid[]', [fileId], query);
    await this.audit.record({ action: 'audit.read', outcome: 'allowed', entityType: 'victim_file', entityId: fileId, fileIds: [fileId] });
    return page;
  }

  @Get('users/:userId')
  @Roles('supervisor', 'administrator')
  @ApiOperation({ summary: "The audit record of one user's actions, newest first" })
  async forUser(@CurrentActor() actor: Actor, @Param('userId', uuidParam('userId')) userId: string, @Query() query: AuditPageQuery): Promise<AuditPage> {
    const found = await this.dataSource.query(`SELECT 1 FROM user_account u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1 AND o.jurisdiction_code LIKE $2`, [
      userId,
      prefixOf(actor.jurisdictionCode) + '%',
    ]);
    if (found.length === 0) {
      await this.audit.record({ action: 'audit.read', outcome: 'denied', entityType: 'user_account', entityId: userId });
      throw new AppError(AccessErrors.NOT_FOUND);
    }
    const page = await this.page('actor_user_id = $1', [userId], query);
    await this.audit.record({ action: 'audit.read', outcome: 'allowed', entityType: 'user_account', entityId: userId });
    return page;
  }

  private async page(condition: string, params: unknown[], query: AuditPageQuery): Promise<AuditPage> {
    const limit = query.limit ?? 100;
    const before = query.before ? `AND id < $${params.push(query.before)}` : '';
    const rows: Row[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM audit_record WHERE ${condition} ${before} ORDER BY id DESC LIMIT ${limit + 1}`, params);
    const records = rows.slice(0, limit).map(toView);
    return { records, nextBefore: rows.length > limit ? records[records.length - 1].id : null };
  }
}
