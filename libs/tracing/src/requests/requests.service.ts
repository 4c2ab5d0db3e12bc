import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addDays, AppError, AUDIT_SINK, Clock, FieldCipher, Outbox, PlatformErrors, QUEUES, yearsBefore, type AuditSink } from '#app/platform';
import { AccessErrors, type Actor } from '#app/access';
import { nameForms } from '#app/case';
import { TracingErrors } from '../errors.js';
import { givenPinyin } from '../matching/matcher.js';
import { requestKeeperScope } from './request-scope.js';
import type { ReleaseRequestDto, TracingRequestDto } from './requests.dto.js';
import type { TracingRequestClosed, TracingRequestCreated, TracingRequestReleased } from './request.view.js';

/**
 * Families' tracing requests (R8): recorded — the age when missing turned
 * into a birth range, the family's phone encrypted at rest — and matched by
 * the queue; closed when the family found the person another way or withdrew.
 * Requests are no victim files: their scope is their own (request-scope.ts).
 */
@Injectable()
export class RequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly outbox: Outbox,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: TracingRequestDto): Promise<TracingRequestCreated> {
    const today = this.clock.today();
    const { birthFrom, birthTo } = this.birthRange(input, today);
    return this.dataSource.transaction(async (manager) => {
      if ((await manager.query('SELECT 1 FROM jurisdiction WHERE code = $1', [input.missingPlaceCode])).length === 0) {
        throw AppError.field(AccessErrors.UNKNOWN_JURISDICTION, 'missingPlaceCode');
      }
      const reference = `XR-${today.slice(0, 4)}-${randomBytes(4).toString('hex').toUpperCase()}`;
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO tracing_request (reference, sex, birth_date_from, birth_date_to, missing_on, missing_place_code, marks, family_contact_name,
                                      family_contact_relation, family_phone_cipher, police_report_reference, recorded_by, organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          reference,
          input.sex,
          birthFrom,
          birthTo,
          input.missingOn,
          input.missingPlaceCode,
          input.marks ?? null,
          input.familyContact.name,
          input.familyContact.relation ?? null,
          this.cipher.seal('phone', input.familyContact.phone).cipher,
          input.policeReportReference ?? null,
          actor.userId,
          actor.organisationId,
        ],
      );
      const names = input.names.map((entry) => ({ ...entry, forms: nameForms(entry.name, entry.kind === 'name') }));
      await manager.query(
        `INSERT INTO tracing_request_name (request_id, kind, name, pinyin, pinyin_compact, initials, given_pinyin)
         SELECT $1::uuid, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
        [
          id,
          names.map((n) => n.kind),
          names.map((n) => n.name),
          names.map((n) => n.forms.pinyin),
          names.map((n) => n.forms.compact),
          names.map((n) => n.forms.initials),
          names.map((n) => givenPinyin(n.forms.pinyin, n.kind)),
        ],
      );
      await this.outbox.publish(manager, QUEUES.tracingMatch, 'request', { requestId: id });
      await this.audit.record({ action: 'tracing.request', outcome: 'allowed', entityType: 'tracing_request', entityId: id }, manager);
      return { id, reference };
    });
  }

  /** The birth date, or the range an age on the day of going missing gives (aged N: born between N+1 and N years before). */
  private birthRange(input: TracingRequestDto, today: string): { birthFrom: string; birthTo: string } {
    if (input.missingOn > today) {
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'missingOn', '走失日期不能晚于今天 / the day the person went missing cannot be in the future');
    }
    let birthFrom: string;
    let birthTo: string;
    if (input.birthDate) {
      if (input.ageWhenMissing !== undefined) {
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'ageWhenMissing', '出生日期与走失时年龄只填一项 / give either birthDate or ageWhenMissing, not both');
      }
      birthFrom = birthTo = input.birthDate;
    } else if (input.ageWhenMissing !== undefined) {
      birthFrom = addDays(yearsBefore(input.missingOn, input.ageWhenMissing + 1), 1);
      birthTo = yearsBefore(input.missingOn, input.ageWhenMissing);
    } else {
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'birthDate', '请填写出生日期或走失时年龄 / give the birth date or the age when missing');
    }
    if (birthFrom > input.missingOn || birthTo > today) {
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'birthDate', '出生日期须早于走失日期 / the person must be born before going missing');
    }
    return { birthFrom, birthTo };
  }

  /**
   * R8, R22: the holder releases the family's contact and details to the
   * bureau keeping a candidate's file (across jurisdictions a candidate alone
   * shows nothing of the family); on record against that file.
   */
  async release(actor: Actor, id: string, input: ReleaseRequestDto): Promise<TracingRequestReleased> {
    let denied = false;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const params: unknown[] = [id];
        const [kept] = await manager.query(`SELECT 1 FROM tracing_request t WHERE t.id = $1 AND ${requestKeeperScope(actor, params)}`, params);
        if (!kept) {
          denied = true;
          throw new AppError(TracingErrors.REQUEST_NOT_FOUND);
        }
        const [candidate] = await manager.query('SELECT 1 FROM match_candidate WHERE request_id = $1 AND file_id = $2', [id, input.fileId]);
        if (!candidate) throw AppError.field(TracingErrors.NOT_A_CANDIDATE, 'fileId');
        const now = this.clock.now();
        const [release]: { id: string; released_at: Date }[] = await manager.query(
          `INSERT INTO tracing_request_release (request_id, file_id, reason, released_by, released_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (request_id, file_id) DO UPDATE SET reason = EXCLUDED.reason, released_by = EXCLUDED.released_by, released_at = EXCLUDED.released_at
           RETURNING id, released_at`,
          [id, input.fileId, input.reason, actor.userId, now],
        );
        await this.audit.record(
          { action: 'tracing.request_release', outcome: 'allowed', entityType: 'tracing_request', entityId: id, fileIds: [input.fileId], purpose: input.reason },
          manager,
        );
        return { id: release.id, requestId: id, fileId: input.fileId, reason: input.reason, releasedAt: release.released_at };
      });
    } catch (error) {
      if (denied) await this.audit.record({ action: 'tracing.request_release', outcome: 'denied', entityType: 'tracing_request', entityId: id });
      throw error;
    }
  }

  /** The family found the person another way, or withdrew: the request leaves matching; its open candidates are set aside. */
  async close(actor: Actor, id: string, reason: string): Promise<TracingRequestClosed> {
    let denied = false;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const params: unknown[] = [id];
        const [row]: { status: string }[] = await manager.query(
          `SELECT t.status FROM tracing_request t WHERE t.id = $1 AND ${requestKeeperScope(actor, params)} FOR UPDATE`,
          params,
        );
        if (!row) {
          denied = true;
          throw new AppError(TracingErrors.REQUEST_NOT_FOUND);
        }
        if (row.status !== 'open') throw new AppError(TracingErrors.REQUEST_NOT_OPEN, { details: { status: row.status } });
        await manager.query(`UPDATE tracing_request SET status = 'closed', closed_reason = $2, updated_at = now() WHERE id = $1`, [id, reason]);
        await manager.query(
          `UPDATE match_candidate SET status = 'dismissed', dismissed_reason = $2, decided_by = $3, updated_at = now() WHERE request_id = $1 AND status = 'open'`,
          [id, `寻亲登记已撤销：${reason} / request closed: ${reason}`, actor.userId],
        );
        await this.audit.record({ action: 'tracing.request_close', outcome: 'allowed', entityType: 'tracing_request', entityId: id }, manager);
        return { id, status: 'closed' as const };
      });
    } catch (error) {
      if (denied) await this.audit.record({ action: 'tracing.request_close', outcome: 'denied', entityType: 'tracing_request', entityId: id });
      throw error;
    }
  }
}
