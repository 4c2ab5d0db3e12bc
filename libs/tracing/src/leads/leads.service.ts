import { Injectable } from '@nestjs/common';
import { AppError, Outbox, PlatformErrors, QUEUES } from '#app/platform';
import { AccessErrors, type Actor } from '#app/access';
import { FileGateway } from '#app/case';
import { TracingErrors } from '../errors.js';
import type { LeadDto, LeadOutcomeDto } from './lead.dto.js';
import type { LeadChecked, LeadRecorded } from './lead.view.js';

/**
 * R8: leads the person gave (a dialect, place names, people, marks),
 * recorded through the file kernel — matching runs again with them — and
 * what following each one up found, once, with the day and how.
 */
@Injectable()
export class LeadsService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly outbox: Outbox,
  ) {}

  add(actor: Actor, fileId: string, input: LeadDto): Promise<LeadRecorded> {
    return this.gateway.write(actor, fileId, { action: 'tracing.lead' }, async ({ manager, now }) => {
      if (input.placeCode && (await manager.query('SELECT 1 FROM jurisdiction WHERE code = $1', [input.placeCode])).length === 0) {
        throw AppError.field(AccessErrors.UNKNOWN_JURISDICTION, 'placeCode');
      }
      const [{ id }]: { id: string }[] = await manager.query(
        'INSERT INTO tracing_lead (file_id, kind, text, source, place_code, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
        [fileId, input.kind, input.text, input.source, input.placeCode ?? null, actor.userId, now],
      );
      await this.outbox.publish(manager, QUEUES.tracingMatch, 'file', { fileId });
      return { result: { id, fileId }, entityType: 'tracing_lead', entityId: id, details: { kind: input.kind, source: input.source } };
    });
  }

  /** R8: the outcome of following a lead up — it held, or it was ruled out — recorded once; a lead of another file is no lead of this one. */
  checked(actor: Actor, fileId: string, leadId: string, input: LeadOutcomeDto): Promise<LeadChecked> {
    return this.gateway.write(actor, fileId, { action: 'tracing.lead_checked' }, async ({ manager, today }) => {
      const [lead]: { status: string }[] = await manager.query('SELECT status FROM tracing_lead WHERE id = $1 AND file_id = $2 FOR UPDATE', [leadId, fileId]);
      if (!lead) throw new AppError(TracingErrors.LEAD_NOT_FOUND);
      if (lead.status !== 'open') throw new AppError(TracingErrors.LEAD_CHECKED, { details: { status: lead.status } });
      if (input.checkedOn > today) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'checkedOn', '日期不能晚于今天 / must not be in the future');
      await manager.query('UPDATE tracing_lead SET status = $2, checked_on = $3, outcome_note = $4, checked_by = $5 WHERE id = $1', [
        leadId,
        input.outcome,
        input.checkedOn,
        input.note,
        actor.userId,
      ]);
      return {
        result: { id: leadId, fileId, status: input.outcome, checkedOn: input.checkedOn },
        entityType: 'tracing_lead',
        entityId: leadId,
        details: { outcome: input.outcome },
      };
    });
  }
}
