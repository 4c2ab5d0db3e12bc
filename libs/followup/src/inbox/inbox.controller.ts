import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, PlatformErrors, uuidParam, type AuditSink } from '#app/platform';
import { CurrentActor, prefixOf, Roles, type Actor } from '#app/access';
import { WorkingCalendar } from '../calendar/calendar.service.js';
import { FollowupService } from '../plans/followup.service.js';
import { RemindersService } from '../reminders/reminders.service.js';

export class InboxQuery {
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';

  /** The `next` of the previous page. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{10,200}$/, { message: 'before must be the next cursor of a previous page' })
  before?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class VisitDto {
  @IsDateString({ strict: true })
  visitedOn!: string;

  /** How and where the person lives now. */
  @IsString()
  @MinLength(2)
  @MaxLength(5000)
  livingSituation!: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  schoolingEmployment?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  problems?: string;

  /** What was agreed with other departments to solve them (employment, living, rights). */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  actionsAgreed?: string;

  /** Moves the next planned visit to this day. */
  @IsOptional()
  @IsDateString({ strict: true })
  nextVisitOn?: string;
}

class CalendarDay {
  @IsDateString({ strict: true })
  date!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;
}

export class CalendarYearDto {
  /** Public holidays (days off), as the State Council publishes them. */
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => CalendarDay)
  holidays!: CalendarDay[];

  /** 调休: the Saturdays and Sundays that are working days. */
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CalendarDay)
  workdays!: CalendarDay[];
}

function encode(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

@ApiTags('follow-up and reminders')
@ApiBearerAuth()
@Controller()
export class InboxController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly reminders: RemindersService,
    private readonly followup: FollowupService,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
  ) {}

  @Get('me/notifications')
  @ApiOperation({ summary: "One's inbox, newest first" })
  async inbox(@CurrentActor() actor: Actor, @Query() query: InboxQuery) {
    const params: unknown[] = [actor.userId];
    const where = ['n.recipient_user_id = $1'];
    if (query.unread === 'true') where.push('n.read_at IS NULL');
    if (query.before) {
      const [at, id] = Buffer.from(query.before, 'base64url').toString().split('|');
      if (at && id && !Number.isNaN(Date.parse(at))) where.push(`(n.created_at, n.id) < ($${params.push(at)}::timestamptz, $${params.push(id)}::uuid)`);
    }
    const limit = query.limit ?? 50;
    const rows: { id: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT n.id, n.kind, n.title, n.body, n.file_id AS "fileId", f.reference AS "fileReference", n.reminder_id AS "reminderId",
              n.escalation_level AS "escalationLevel", r.status AS "reminderStatus", n.created_at, n.read_at AS "readAt"
         FROM notification n LEFT JOIN victim_file f ON f.id = n.file_id LEFT JOIN reminder r ON r.id = n.reminder_id
        WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT ${limit + 1}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      notifications: page.map(({ created_at, ...rest }) => ({ ...rest, createdAt: created_at })),
      next: rows.length > limit && last ? encode(last.created_at, last.id) : null,
    };
  }

  @Get('me/notifications/counts')
  @ApiOperation({ summary: 'Unread and total notifications, unread by kind' })
  async counts(@CurrentActor() actor: Actor) {
    const rows: { kind: string; unread: number; total: number }[] = await this.dataSource.query(
      `SELECT kind, count(*) FILTER (WHERE read_at IS NULL)::int AS unread, count(*)::int AS total FROM notification WHERE recipient_user_id = $1 GROUP BY kind`,
      [actor.userId],
    );
    return {
      unread: rows.reduce((sum, row) => sum + row.unread, 0),
      total: rows.reduce((sum, row) => sum + row.total, 0),
      unreadByKind: Object.fromEntries(rows.filter((row) => row.unread > 0).map((row) => [row.kind, row.unread])),
    };
  }

  @Post('me/notifications/:id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one notification read' })
  async read(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<void> {
    const [, count]: [unknown[], number] = await this.dataSource.query('UPDATE notification SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND recipient_user_id = $2', [
      id,
      actor.userId,
      this.clock.now(),
    ]);
    if (count === 0) {
      await this.audit.record({ action: 'notification.read', outcome: 'denied', entityType: 'notification', entityId: id });
      throw new AppError(PlatformErrors.NOT_FOUND);
    }
  }

  @Post('me/notifications/read-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark every notification read' })
  async readAll(@CurrentActor() actor: Actor): Promise<void> {
    await this.dataSource.query('UPDATE notification SET read_at = $2 WHERE recipient_user_id = $1 AND read_at IS NULL', [actor.userId, this.clock.now()]);
  }

  @Post('reminders/:id/acknowledge')
  @HttpCode(204)
  @ApiOperation({ summary: 'I am on it: the reminder stops escalating (its assignee, whoever it reached, or a supervisor above)' })
  async acknowledge(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query(
        `SELECT r.id FROM reminder r JOIN organisation o ON o.id = r.assignee_organisation_id
          WHERE r.id = $1 AND (r.assignee_user_id = $2
                OR EXISTS (SELECT 1 FROM notification n WHERE n.reminder_id = r.id AND n.recipient_user_id = $2)
                OR ($3 = 'supervisor' AND o.jurisdiction_code LIKE $4))
          FOR UPDATE OF r`,
        [id, actor.userId, actor.role, prefixOf(actor.jurisdictionCode) + '%'],
      );
      if (rows.length === 0) {
        await this.audit.record({ action: 'reminder.acknowledge', outcome: 'denied', entityType: 'reminder', entityId: id });
        throw new AppError(PlatformErrors.NOT_FOUND);
      }
      await this.reminders.acknowledge(manager, [id], actor.userId);
      await this.audit.record({ action: 'reminder.acknowledge', outcome: 'allowed', entityType: 'reminder', entityId: id }, manager);
    });
  }

  @Get('followup/overdue')
  @Roles('supervisor')
  @ApiOperation({ summary: "The supervisor's dashboard: overdue, unacknowledged reminders in one's jurisdiction, per worker and per kind" })
  async overdue(@CurrentActor() actor: Actor) {
    const rows: { kind: string; user_id: string | null; display_name: string | null; organisation: string; count: number }[] = await this.dataSource.query(
      `SELECT r.kind, r.assignee_user_id AS user_id, u.display_name, o.name AS organisation, count(*)::int AS count
         FROM reminder r JOIN organisation o ON o.id = r.assignee_organisation_id LEFT JOIN user_account u ON u.id = r.assignee_user_id
        WHERE r.status IN ('scheduled', 'delivered') AND r.due_at < $2 AND o.jurisdiction_code LIKE $1
        GROUP BY r.kind, r.assignee_user_id, u.display_name, o.name`,
      [prefixOf(actor.jurisdictionCode) + '%', this.clock.now()],
    );
    const byWorker = new Map<string, { userId: string | null; displayName: string; organisation: string; count: number }>();
    const byKind = new Map<string, number>();
    for (const row of rows) {
      const key = row.user_id ?? `organisation:${row.organisation}`;
      const entry = byWorker.get(key) ?? { userId: row.user_id, displayName: row.display_name ?? `(${row.organisation})`, organisation: row.organisation, count: 0 };
      entry.count += row.count;
      byWorker.set(key, entry);
      byKind.set(row.kind, (byKind.get(row.kind) ?? 0) + row.count);
    }
    return {
      total: rows.reduce((sum, row) => sum + row.count, 0),
      byWorker: [...byWorker.values()].sort((a, b) => b.count - a.count),
      byKind: Object.fromEntries(byKind),
    };
  }

  @Get('files/:id/followup')
  @Roles('caseworker', 'supervisor', 'institution_staff')
  @ApiOperation({ summary: 'R17: the follow-up plan of a file and its visits' })
  plan(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string) {
    return this.followup.plan(actor, id);
  }

  @Post('files/:id/followup/visits/:visitId')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'R17: record a follow-up visit (living situation, schooling or work, problems, actions agreed); it stops the reminder' })
  visit(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Param('visitId', uuidParam('visitId')) visitId: string, @Body() body: VisitDto) {
    return this.followup.recordVisit(actor, id, visitId, body);
  }

  @Get('calendar/:year')
  @ApiOperation({ summary: "A year's holidays and 调休 working days, and whether the official schedule is loaded" })
  async year(@Param('year') year: string) {
    if (!/^\d{4}$/.test(year)) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'year', 'year must be 4 digits');
    const days = await this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS date, is_workday AS "isWorkday", name FROM calendar_exception WHERE extract(year FROM day) = $1 ORDER BY day`,
      [Number(year)],
    );
    return { year: Number(year), loaded: this.calendar.loadedYears().includes(Number(year)), exceptions: days };
  }

  @Put('calendar/:year')
  @Roles('administrator')
  @ApiOperation({ summary: "Load the State Council's schedule of a year (holidays and 调休 working days); audited" })
  loadYear(@CurrentActor() actor: Actor, @Param('year') year: string, @Body() body: CalendarYearDto) {
    if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'year', 'year must be between 2000 and 2100');
    return this.calendar.loadYear(actor, Number(year), body);
  }
}
