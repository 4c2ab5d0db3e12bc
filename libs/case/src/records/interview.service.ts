import { Injectable } from '@nestjs/common';
import { AppError, PlatformErrors } from '#app/platform';
import type { Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { FileGateway } from '../kernel/file-gateway.js';
import type { AddendumDto, InterviewDto } from './records.dto.js';
import type { InterviewRecorded, InterviewView, RecordCreated } from './records.view.js';

/** R2: the one-stop interview, recorded once so nobody asks again; corrections and completions are addenda. */
@Injectable()
export class InterviewService {
  constructor(private readonly gateway: FileGateway) {}

  record(actor: Actor, fileId: string, input: InterviewDto): Promise<InterviewRecorded> {
    return this.gateway.write(actor, fileId, { action: 'interview.record' }, async ({ manager, now }) => {
      if ((await manager.query('SELECT 1 FROM interview WHERE file_id = $1', [fileId])).length > 0) throw new AppError(CaseErrors.INTERVIEW_EXISTS);
      if (Date.parse(input.conductedAt) > now.getTime() + 5 * 60_000) {
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'conductedAt', '询问时间不能晚于现在 / the interview cannot be in the future');
      }
      const [row]: { recorded_at: Date }[] = await manager.query(
        `INSERT INTO interview (file_id, conducted_at, place, language, interpreter, attendees, circumstances, needs, needs_note, risks, wishes, consents, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING recorded_at`,
        [
          fileId,
          input.conductedAt,
          input.place ?? null,
          input.language,
          input.interpreter ? JSON.stringify(input.interpreter) : null,
          JSON.stringify(input.attendees),
          input.circumstances,
          input.needs,
          input.needsNote ?? null,
          input.risks ?? null,
          input.wishes ?? null,
          JSON.stringify(input.consents),
          actor.userId,
          now,
        ],
      );
      return { result: { fileId, recordedAt: row.recorded_at }, entityType: 'interview' };
    });
  }

  addAddendum(actor: Actor, fileId: string, input: AddendumDto): Promise<RecordCreated> {
    return this.gateway.write(actor, fileId, { action: 'interview.addendum' }, async ({ manager, now }) => {
      if ((await manager.query('SELECT 1 FROM interview WHERE file_id = $1', [fileId])).length === 0) throw new AppError(CaseErrors.INTERVIEW_MISSING);
      const [{ id }]: { id: string }[] = await manager.query(
        'INSERT INTO interview_addendum (file_id, section, text, reason, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [fileId, input.section, input.text, input.reason, actor.userId, now],
      );
      return { result: { id }, entityType: 'interview_addendum', entityId: id, details: { section: input.section } };
    });
  }

  /** The interview with its addenda, for those who keep the file; the police and partners never (R16). */
  read(actor: Actor, fileId: string): Promise<InterviewView> {
    return this.gateway.read(actor, fileId, { action: 'interview.read' }, async ({ manager }) => {
      const [row]: Omit<InterviewView, 'addenda'>[] = await manager.query(
        `SELECT i.conducted_at AS "conductedAt", i.place, i.language, i.interpreter, i.attendees, i.circumstances, i.needs, i.needs_note AS "needsNote",
                i.risks, i.wishes, i.consents, u.display_name AS "recordedBy", i.recorded_at AS "recordedAt"
           FROM interview i JOIN user_account u ON u.id = i.recorded_by WHERE i.file_id = $1`,
        [fileId],
      );
      if (!row) throw new AppError(CaseErrors.INTERVIEW_MISSING);
      const addenda = await manager.query(
        `SELECT a.id, a.section, a.text, a.reason, u.display_name AS "recordedBy", a.recorded_at AS "recordedAt"
           FROM interview_addendum a JOIN user_account u ON u.id = a.recorded_by WHERE a.file_id = $1 ORDER BY a.recorded_at, a.id`,
        [fileId],
      );
      return { ...row, addenda };
    });
  }
}
