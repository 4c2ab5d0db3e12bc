import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, chinaDate, PlatformErrors } from '#app/platform';
import type { Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { FileGateway, type FileWork } from '../kernel/file-gateway.js';
import type { ArrivalDto, CareNoteDto, DepartureDto, LeaveDto, ReturnDto } from './stay.dto.js';
import type { StayRecorded, StaysView } from './stay.view.js';
import { readStays } from './stay.read.js';

/** A date-time may lie a few minutes ahead of the server's clock (the caller's clock, the network). */
const CLOCK_SKEW_MS = 5 * 60_000;

interface OpenStay {
  id: string;
  begins_on: string;
  arrived_at: Date | null;
}

/** A time that has happened (by the kernel's clock) and not before `earliest`. */
function past(value: string, field: string, now: Date, earliest?: { at: Date | string; what: string }): Date {
  const at = new Date(value);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw AppError.field(PlatformErrors.VALIDATION_FAILED, field, '不能晚于现在 / must not be in the future');
  if (earliest) {
    const before = typeof earliest.at === 'string' ? chinaDate(at) < earliest.at : at.getTime() < earliest.at.getTime();
    if (before) throw AppError.field(PlatformErrors.VALIDATION_FAILED, field, `不能早于${earliest.what}`);
  }
  return at;
}

/**
 * The stay in an institution (issue 13): the institution's staff record the
 * arrival, daily care notes, leaves and returns and the departure of the person
 * staying with them; civil affairs read it with the file. Every write goes
 * through the file kernel (scope in SQL: only people staying in the actor's
 * institution; the file locked; a closed file refused; audited; one clock).
 */
@Injectable()
export class StayService {
  constructor(private readonly gateway: FileGateway) {}

  read(actor: Actor, fileId: string): Promise<StaysView> {
    return this.gateway.read(actor, fileId, { action: 'stay.read', details: (view) => ({ stays: view.earlier.length + (view.current ? 1 : 0) }) }, ({ manager, now }) =>
      readStays(manager, fileId, actor.role === 'institution_staff' ? actor.organisationId : null, now),
    );
  }

  recordArrival(actor: Actor, fileId: string, input: ArrivalDto): Promise<StayRecorded> {
    return this.gateway.write(actor, fileId, { action: 'stay.arrival' }, async (work) => {
      const stay = await this.openStay(work);
      if (stay.arrived_at) throw new AppError(CaseErrors.ARRIVAL_RECORDED);
      const arrivedAt = past(input.arrivedAt, 'arrivedAt', work.now, { at: stay.begins_on, what: '安置开始日期 / must not be before the placement began' });
      await work.manager.query('UPDATE institution_stay SET arrived_at = $2, room = $3, unit = $4, arrival_recorded_by = $5 WHERE id = $1', [
        stay.id,
        arrivedAt,
        input.room ?? null,
        input.unit ?? null,
        actor.userId,
      ]);
      return { result: { stayId: stay.id, id: stay.id }, entityType: 'institution_stay', entityId: stay.id, details: { event: 'arrival' } };
    });
  }

  addNote(actor: Actor, fileId: string, input: CareNoteDto): Promise<StayRecorded> {
    return this.gateway.write(actor, fileId, { action: 'stay.note' }, async (work) => {
      const stay = await this.arrived(work);
      const notedAt = input.notedAt ? past(input.notedAt, 'notedAt', work.now, { at: stay.arrived_at!, what: '入院时间 / must not be before the arrival' }) : work.now;
      if (input.correctsNoteId) {
        const found = await work.manager.query('SELECT 1 FROM stay_care_note WHERE id = $1 AND stay_id = $2', [input.correctsNoteId, stay.id]);
        if (found.length === 0) throw AppError.field(CaseErrors.RECORD_NOT_FOUND, 'correctsNoteId');
      }
      const [{ id }]: { id: string }[] = await work.manager.query(
        `INSERT INTO stay_care_note (stay_id, file_id, author_id, noted_at, text, corrects_note_id, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [stay.id, fileId, actor.userId, notedAt, input.text, input.correctsNoteId ?? null, work.now],
      );
      return { result: { stayId: stay.id, id }, entityType: 'stay_care_note', entityId: id, details: { correction: !!input.correctsNoteId } };
    });
  }

  startLeave(actor: Actor, fileId: string, input: LeaveDto): Promise<StayRecorded> {
    return this.gateway.write(actor, fileId, { action: 'stay.leave' }, async (work) => {
      const stay = await this.arrived(work);
      const leftAt = past(input.leftAt, 'leftAt', work.now, { at: stay.arrived_at!, what: '入院时间 / must not be before the arrival' });
      if (new Date(input.expectedBackAt).getTime() <= leftAt.getTime())
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'expectedBackAt', '须晚于外出时间 / must be after the time of leaving');
      if ((await work.manager.query('SELECT 1 FROM stay_leave WHERE stay_id = $1 AND returned_at IS NULL', [stay.id])).length > 0) throw new AppError(CaseErrors.ON_LEAVE);
      const [{ id }]: { id: string }[] = await work.manager.query(
        'INSERT INTO stay_leave (stay_id, file_id, left_at, expected_back_at, reason, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [stay.id, fileId, leftAt, new Date(input.expectedBackAt), input.reason, actor.userId],
      );
      return { result: { stayId: stay.id, id }, entityType: 'stay_leave', entityId: id, details: { expectedBackAt: input.expectedBackAt } };
    });
  }

  recordReturn(actor: Actor, fileId: string, leaveId: string, input: ReturnDto): Promise<StayRecorded> {
    return this.gateway.write(actor, fileId, { action: 'stay.return' }, async (work) => {
      const stay = await this.openStay(work);
      const [leave]: { left_at: Date; returned_at: Date | null }[] = await work.manager.query('SELECT left_at, returned_at FROM stay_leave WHERE id = $1 AND stay_id = $2', [
        leaveId,
        stay.id,
      ]);
      if (!leave) throw new AppError(CaseErrors.RECORD_NOT_FOUND);
      if (leave.returned_at) throw new AppError(CaseErrors.LEAVE_RETURNED);
      const returnedAt = past(input.returnedAt, 'returnedAt', work.now, { at: leave.left_at, what: '外出时间 / must not be before the time of leaving' });
      await work.manager.query('UPDATE stay_leave SET returned_at = $2, return_recorded_by = $3 WHERE id = $1', [leaveId, returnedAt, actor.userId]);
      return { result: { stayId: stay.id, id: leaveId }, entityType: 'stay_leave', entityId: leaveId, details: { event: 'return' } };
    });
  }

  recordDeparture(actor: Actor, fileId: string, input: DepartureDto): Promise<StayRecorded> {
    return this.gateway.write(actor, fileId, { action: 'stay.departure' }, async (work) => {
      const stay = await this.openStay(work);
      const departedAt = past(
        input.departedAt,
        'departedAt',
        work.now,
        stay.arrived_at
          ? { at: stay.arrived_at, what: '入院时间 / must not be before the arrival' }
          : { at: stay.begins_on, what: '安置开始日期 / must not be before the placement began' },
      );
      await work.manager.query('UPDATE institution_stay SET departed_at = $2, departure_reason = $3, departure_note = $4, departure_recorded_by = $5 WHERE id = $1', [
        stay.id,
        departedAt,
        input.reason,
        input.note ?? null,
        actor.userId,
      ]);
      return { result: { stayId: stay.id, id: stay.id }, entityType: 'institution_stay', entityId: stay.id, details: { event: 'departure', reason: input.reason } };
    });
  }

  /** The open stay of the file in the actor's institution (the kernel already scoped the file to it). */
  private async openStay({ manager, file, actor }: FileWork): Promise<OpenStay> {
    const [stay]: OpenStay[] = await lockOpenStay(manager, file.id, actor.organisationId);
    if (!stay) throw new AppError(CaseErrors.NO_OPEN_STAY);
    return stay;
  }

  private async arrived(work: FileWork): Promise<OpenStay> {
    const stay = await this.openStay(work);
    if (!stay.arrived_at) throw new AppError(CaseErrors.ARRIVAL_REQUIRED);
    return stay;
  }
}

function lockOpenStay(manager: EntityManager, fileId: string, institutionId: string): Promise<OpenStay[]> {
  return manager.query(
    `SELECT id, to_char(begins_on, 'YYYY-MM-DD') AS begins_on, arrived_at FROM institution_stay
      WHERE file_id = $1 AND institution_id = $2 AND departed_at IS NULL FOR UPDATE`,
    [fileId, institutionId],
  );
}
