import { Injectable } from '@nestjs/common';
import { AppError, PlatformErrors } from '#app/platform';
import type { Actor } from '#app/access';
import { ReferralErrors } from '../errors.js';
import { WORKING_STATES } from '../lifecycle.js';
import { ReferralScopes } from '../shared/scopes.js';
import { ReferralViewsQuery } from '../views/referral-views.query.js';
import type { ReferralNoteView } from '../views/referral.view.js';
import type { NoteCorrectionDto, NoteDto } from './records.dto.js';

/**
 * The partner's progress notes and visit records, seen by the caseworker. A
 * note recorded by mistake is corrected by an addendum — the correct text (and
 * for a visit the right day) with the reason, by the organisation that wrote
 * it, audited; the note itself never changes, so both sides keep what was
 * said and when it was put right.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly scopes: ReferralScopes,
    private readonly views: ReferralViewsQuery,
  ) {}

  async add(actor: Actor, referralId: string, input: NoteDto): Promise<ReferralNoteView> {
    if ((input.kind === 'visit') !== (input.visitedOn !== undefined)) {
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'visitedOn', '回访须写明日期，进展记录不写日期 / a visit has the day it took place, a progress note none');
    }
    return this.scopes.asPartner(actor, referralId, 'referral.note', async ({ manager, referral, now }) => {
      if (!WORKING_STATES.includes(referral.status)) throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { status: referral.status } });
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO referral_note (referral_id, kind, text, visited_on, author_user_id, author_organisation_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [referralId, input.kind, input.text, input.visitedOn ?? null, actor.userId, actor.organisationId, now],
      );
      return { result: await this.views.note(manager, id), details: { noteId: id, kind: input.kind } };
    });
  }

  /** A correction of one of the organisation's own notes, whatever the referral's state now (its records stay its own). */
  async correct(actor: Actor, referralId: string, noteId: string, input: NoteCorrectionDto): Promise<ReferralNoteView> {
    return this.scopes.asPartner(actor, referralId, 'referral.note_correction', async ({ manager, now }) => {
      const [note]: { kind: 'progress' | 'visit' }[] = await manager.query(
        'SELECT kind FROM referral_note WHERE id = $1 AND referral_id = $2 AND author_organisation_id = $3 FOR UPDATE',
        [noteId, referralId, actor.organisationId],
      );
      if (!note) throw new AppError(ReferralErrors.NOTE_NOT_FOUND);
      if (input.visitedOn !== undefined && note.kind !== 'visit') {
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'visitedOn', '只有回访记录有日期 / only a visit record has a day');
      }
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO referral_note_correction (note_id, referral_id, text, visited_on, reason, author_user_id, author_organisation_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [noteId, referralId, input.text, input.visitedOn ?? null, input.reason, actor.userId, actor.organisationId, now],
      );
      return { result: await this.views.note(manager, noteId), details: { noteId, correctionId: id }, purpose: input.reason };
    });
  }
}
