import { Injectable } from '@nestjs/common';
import { AppError, Outbox, QUEUES } from '#app/platform';
import { AccessErrors, type Actor } from '#app/access';
import { FileGateway } from '#app/case';
import type { LeadDto } from './lead.dto.js';
import type { LeadRecorded } from './lead.view.js';

/** R8: leads the person gave (a dialect, place names, people, marks), recorded through the file kernel; matching runs again with them. */
@Injectable()
export class LeadsService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly outbox: Outbox,
  ) {}

  add(actor: Actor, fileId: string, input: LeadDto): Promise<LeadRecorded> {
    return this.gateway.write(actor, fileId, { action: 'tracing.lead' }, async ({ manager }) => {
      if (input.placeCode && (await manager.query('SELECT 1 FROM jurisdiction WHERE code = $1', [input.placeCode])).length === 0) {
        throw AppError.field(AccessErrors.UNKNOWN_JURISDICTION, 'placeCode');
      }
      const [{ id }]: { id: string }[] = await manager.query(
        'INSERT INTO tracing_lead (file_id, kind, text, source, place_code, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [fileId, input.kind, input.text, input.source, input.placeCode ?? null, actor.userId],
      );
      await this.outbox.publish(manager, QUEUES.tracingMatch, 'file', { fileId });
      return { result: { id, fileId }, entityType: 'tracing_lead', entityId: id, details: { kind: input.kind, source: input.source } };
    });
  }
}
