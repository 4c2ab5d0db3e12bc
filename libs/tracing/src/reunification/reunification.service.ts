import { Injectable } from '@nestjs/common';
import { AppError, Clock, PlatformErrors } from '#app/platform';
import type { Actor } from '#app/access';
import { FileGateway } from '#app/case';
import type { DutyNoticeDto, PaternityTestDto } from './reunification.dto.js';
import type { DutyNoticeRecorded, PaternityTestRefused } from './reunification.view.js';

/**
 * Before a traced family takes the person home: a private paternity test is
 * refused and put on record (R10: only the police-reported outcome counts),
 * and the relatives are told of their duties of care (R8). Both through the
 * file kernel; the state machine's guards read them (police_reported_match,
 * duty_of_care_notice).
 */
@Injectable()
export class ReunificationService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly clock: Clock,
  ) {}

  /** R10: a family's private paternity test is recorded as refused; it never satisfies the reunification guard. */
  refusePaternityTest(actor: Actor, fileId: string, input: PaternityTestDto): Promise<PaternityTestRefused> {
    this.notFuture(input.offeredOn, 'offeredOn');
    return this.gateway.write(actor, fileId, { action: 'tracing.paternity_test_refused' }, async ({ manager }) => {
      const [{ id }]: { id: string }[] = await manager.query(
        'INSERT INTO private_paternity_test (file_id, offered_by, offered_on, note, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [fileId, input.offeredBy, input.offeredOn, input.note ?? null, actor.userId],
      );
      return { result: { id, fileId, refused: true as const }, entityType: 'private_paternity_test', entityId: id };
    });
  }

  /** R8: the relatives found were told of their duties of care — who, when, how. */
  recordDutyNotice(actor: Actor, fileId: string, input: DutyNoticeDto): Promise<DutyNoticeRecorded> {
    this.notFuture(input.notifiedOn, 'notifiedOn');
    return this.gateway.write(actor, fileId, { action: 'tracing.duty_notice' }, async ({ manager }) => {
      const [{ id }]: { id: string }[] = await manager.query(
        'INSERT INTO duty_of_care_notice (file_id, relatives, notified_on, method, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [fileId, input.relatives, input.notifiedOn, input.method, input.note ?? null, actor.userId],
      );
      return { result: { id, fileId }, entityType: 'duty_of_care_notice', entityId: id, details: { method: input.method } };
    });
  }

  private notFuture(day: string, field: string): void {
    if (day > this.clock.today()) throw AppError.field(PlatformErrors.VALIDATION_FAILED, field, '日期不能晚于今天 / must not be in the future');
  }
}
