import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addDays, AppError, AUDIT_SINK, PlatformErrors, type AuditSink } from '#app/platform';
import type { Actor } from '#app/access';
import { dayName, type DayName } from './day-name.js';

export interface CalendarYearInput {
  /** Public holidays that fall on weekdays (and weekend holidays, harmless). */
  holidays: { date: string; name: string }[];
  /** 调休: weekend days that are working days. */
  workdays: { date: string; name: string }[];
}

const REAL_DATE = '须为真实日期 YYYY-MM-DD / must be a real date YYYY-MM-DD';

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * Working days with 调休 (R18's green-channel deadline and any deadline in
 * working days). Seeded from chinese-days up to 2026; each later year is loaded
 * by an administrator from the State Council's schedule. A year not loaded
 * falls back to weekends only, with a warning in the log and on /health/ready.
 */
@Injectable()
export class WorkingCalendar implements OnModuleInit {
  private readonly logger = new Logger('WorkingCalendar');
  private exceptions = new Map<string, boolean>();
  private years = new Set<number>();
  private readonly warned = new Set<number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const rows: { day: string; is_workday: boolean }[] = await this.dataSource.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, is_workday FROM calendar_exception`);
    const years: { year: number }[] = await this.dataSource.query('SELECT year FROM calendar_year');
    this.exceptions = new Map(rows.map((row) => [row.day, row.is_workday]));
    this.years = new Set(years.map((row) => row.year));
  }

  loadedYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  /** Of the current year (in China, `today`) and the next, those without an official schedule. */
  missingYears(today: string): number[] {
    const year = Number(today.slice(0, 4));
    return [year, year + 1].filter((y) => !this.years.has(y));
  }

  /** Every loaded year, newest first, with how many holidays and 调休 working days it has and who loaded it. */
  async loaded(): Promise<{ year: number; source: 'chinese-days' | 'administrator'; loadedAt: Date; holidays: number; workdays: number }[]> {
    return this.dataSource.query(
      `SELECT y.year, y.source, y.loaded_at AS "loadedAt",
              count(e.day) FILTER (WHERE NOT e.is_workday)::int AS holidays, count(e.day) FILTER (WHERE e.is_workday)::int AS workdays
         FROM calendar_year y LEFT JOIN calendar_exception e ON e.day BETWEEN make_date(y.year, 1, 1) AND make_date(y.year, 12, 31)
        GROUP BY y.year ORDER BY y.year DESC`,
    );
  }

  isWorkday(day: string): boolean {
    const year = Number(day.slice(0, 4));
    if (!this.years.has(year) && !this.warned.has(year)) {
      this.warned.add(year);
      this.logger.warn(`the working calendar of ${year} is not loaded: counting weekends only (load it with npm run calendar:load or PUT /calendar/${year})`);
    }
    return this.exceptions.get(day) ?? !isWeekend(day);
  }

  /** The day `count` working days after `day` (the day itself does not count). */
  addWorkingDays(day: string, count: number): string {
    let current = day;
    for (let counted = 0; counted < count;) {
      current = addDays(current, 1);
      if (this.isWorkday(current)) counted += 1;
    }
    return current;
  }

  /**
   * The working days from `from` to `to`: those after `from` up to and
   * including `to`; negative when `to` is before `from` (the working days
   * late, `to` itself not counted). 0 when `to` is `from`.
   */
  workingDaysBetween(from: string, to: string): number {
    if (to < from) return -this.workingDaysBetween(to, from);
    let counted = 0;
    for (let current = addDays(from, 1); current <= to; current = addDays(current, 1)) if (this.isWorkday(current)) counted += 1;
    return counted;
  }

  /** A year's exceptions to the weekend rule (holidays on weekdays, 调休 working weekends), by day. */
  async year(year: number): Promise<{ year: number; loaded: boolean; exceptions: { date: string; isWorkday: boolean; name: DayName }[] }> {
    const rows: { date: string; isWorkday: boolean; name: string }[] = await this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS date, is_workday AS "isWorkday", name FROM calendar_exception
        WHERE day BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31) ORDER BY day`,
      [year],
    );
    return { year, loaded: this.years.has(year), exceptions: rows.map((row) => ({ ...row, name: dayName(row.name) })) };
  }

  /** Replaces a year's holidays and 调休 working days with the official schedule; audited. */
  async loadYear(actor: Actor | undefined, year: number, input: CalendarYearInput): Promise<{ year: number; holidays: number; workdays: number }> {
    const problems: { field: string; reason: string }[] = [];
    const check = (list: { date: string; name: string }[], field: string, weekend: boolean) =>
      list.forEach((entry, index) => {
        if (typeof entry?.name !== 'string' || entry.name.trim() === '') problems.push({ field: `${field}[${index}].name`, reason: '须写明节日名称 / must name the holiday' });
        if (typeof entry?.date !== 'string') problems.push({ field: `${field}[${index}].date`, reason: REAL_DATE });
        else if (
          !/^\d{4}-\d{2}-\d{2}$/.test(entry.date) ||
          Number.isNaN(Date.parse(`${entry.date}T00:00:00Z`)) ||
          new Date(`${entry.date}T00:00:00Z`).toISOString().slice(0, 10) !== entry.date
        ) {
          problems.push({ field: `${field}[${index}].date`, reason: REAL_DATE });
        } else if (Number(entry.date.slice(0, 4)) !== year) {
          problems.push({ field: `${field}[${index}].date`, reason: `须在 ${year} 年内 / must be in ${year}` });
        } else if (weekend && !isWeekend(entry.date)) {
          problems.push({ field: `${field}[${index}].date`, reason: '调休上班日须为周六或周日 / a 调休 working day is a Saturday or a Sunday' });
        }
      });
    check(input.holidays, 'holidays', false);
    check(input.workdays, 'workdays', true);
    const clash = input.holidays.find((holiday) => input.workdays.some((workday) => workday.date === holiday.date));
    if (clash) problems.push({ field: 'workdays', reason: `${clash.date} 不能既是假日又是上班日 / ${clash.date} cannot be both a holiday and a working day` });
    if (problems.length > 0) throw new AppError(PlatformErrors.VALIDATION_FAILED, { details: problems });
    const rows = [
      ...input.holidays.filter((entry) => !isWeekend(entry.date)).map((entry) => ({ day: entry.date, is_workday: false, name: entry.name })),
      ...input.workdays.map((entry) => ({ day: entry.date, is_workday: true, name: entry.name })),
    ];
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM calendar_exception WHERE day BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31)`, [year]);
      await manager.query(
        `INSERT INTO calendar_exception (day, is_workday, name) SELECT day, is_workday, name FROM jsonb_to_recordset($1::jsonb) AS r(day date, is_workday boolean, name text)`,
        [JSON.stringify(rows)],
      );
      await manager.query(
        `INSERT INTO calendar_year (year, source, loaded_by) VALUES ($1, 'administrator', $2)
         ON CONFLICT (year) DO UPDATE SET source = 'administrator', loaded_by = EXCLUDED.loaded_by, loaded_at = now()`,
        [year, actor?.userId ?? null],
      );
      await this.audit.record(
        {
          action: 'calendar.load',
          outcome: 'allowed',
          entityType: 'calendar_year',
          entityId: String(year),
          details: { holidays: input.holidays.length, workdays: input.workdays.length },
        },
        manager,
      );
    });
    await this.refresh();
    this.warned.delete(year);
    return { year, holidays: input.holidays.length, workdays: input.workdays.length };
  }
}

export { isWeekend };
