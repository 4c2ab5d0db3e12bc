import { Injectable } from '@nestjs/common';
import { AppError, Clock, FieldCipher, PlatformErrors } from '#app/platform';
import { AccessErrors, type Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { FileGateway } from '../kernel/file-gateway.js';
import { ID_NUMBER, PHONE } from '../person/person.service.js';
import { refuseBuyerHousehold } from '../state-machine/buyer-household-guards.js';
import { normaliseText } from './buyer-household-text.js';
import { requirePlace, validId } from './protection.service.js';
import type { AssistanceMeasureDto, RepatriationDto, ReturnHomeDto } from './records.dto.js';
import type { RecordCreated, RecordReplaced } from './records.view.js';

/**
 * Care and the way out (R5, R7, R19): assistance measures given (appended),
 * the return home and the repatriation (each replaced as plans change —
 * versioned: a stale version answers 409, never a lost change).
 */
@Injectable()
export class CareService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  addAssistanceMeasure(actor: Actor, fileId: string, input: AssistanceMeasureDto): Promise<RecordCreated> {
    return this.gateway.write(actor, fileId, { action: 'assistance.record' }, async ({ manager, now }) => {
      if (input.providedByOrganisationId && (await manager.query('SELECT 1 FROM organisation WHERE id = $1', [input.providedByOrganisationId])).length === 0) {
        throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'providedByOrganisationId');
      }
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO assistance_measure (file_id, kind, description, provided_on, provided_by_organisation_id, amount_yuan, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [fileId, input.kind, input.description, input.providedOn, input.providedByOrganisationId ?? null, input.amountYuan ?? null, actor.userId, now],
      );
      return { result: { id }, entityType: 'assistance', entityId: id, details: { kind: input.kind } };
    });
  }

  /** R5, R7: the return home, refused outright when it would go to the buying household (R6, on record). */
  setReturnHome(actor: Actor, fileId: string, input: ReturnHomeDto): Promise<RecordReplaced> {
    const id = input.recipientIdNumber ? validId(input.recipientIdNumber, 'recipientIdNumber', this.clock.today()) : null;
    if (input.recipientIdNumberVerified && !id) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'recipientIdNumber', '核实须有身份证号 / a verified ID needs the number');
    return this.gateway.write(
      actor,
      fileId,
      {
        action: 'return_home.record',
        expectedVersion: input.expectedVersion,
        auditRefusals: [CaseErrors.BUYER_HOUSEHOLD.code, CaseErrors.BUYER_HOUSEHOLD_HOMOPHONE.code],
      },
      async ({ manager, file }) => {
        await requirePlace(manager, input.placeCode, 'placeCode');
        const sealed = this.cipher.seal(ID_NUMBER, id);
        await refuseBuyerHousehold(manager, fileId, [
          {
            name: input.recipientName,
            idNumberIndex: sealed.index,
            idNumberVerified: !!input.recipientIdNumberVerified,
            address: input.address,
            fields: { name: 'recipientName', idNumber: 'recipientIdNumber', address: 'address' },
          },
        ]);
        const written: unknown[] = await manager.query(
          `INSERT INTO return_home (file_id, recipient_name, recipient_name_normalised, relation, recipient_id_cipher, recipient_id_index, recipient_phone_cipher,
                                    address, address_normalised, place_code, planned_on, travel_arrangements, escorted_by, recorded_by, recipient_id_verified)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           ON CONFLICT (file_id) DO UPDATE SET recipient_name = EXCLUDED.recipient_name, recipient_name_normalised = EXCLUDED.recipient_name_normalised,
             relation = EXCLUDED.relation, recipient_id_cipher = EXCLUDED.recipient_id_cipher, recipient_id_index = EXCLUDED.recipient_id_index,
             recipient_id_verified = EXCLUDED.recipient_id_verified,
             recipient_phone_cipher = EXCLUDED.recipient_phone_cipher, address = EXCLUDED.address, address_normalised = EXCLUDED.address_normalised,
             place_code = EXCLUDED.place_code, planned_on = EXCLUDED.planned_on, travel_arrangements = EXCLUDED.travel_arrangements,
             escorted_by = EXCLUDED.escorted_by, updated_at = now()
           WHERE return_home.handed_over_at IS NULL
           RETURNING file_id`,
          [
            fileId,
            input.recipientName,
            normaliseText(input.recipientName),
            input.relation,
            sealed.cipher,
            sealed.index,
            this.cipher.seal(PHONE, input.recipientPhone).cipher,
            input.address,
            normaliseText(input.address),
            input.placeCode,
            input.plannedOn ?? null,
            input.travelArrangements ?? null,
            input.escortedBy ?? null,
            actor.userId,
            !!input.recipientIdNumberVerified,
          ],
        );
        // Handed over already: the return home happened and is history.
        if (written.length === 0) throw new AppError(CaseErrors.RETURN_HOME_COMPLETED);
        return { result: { fileId, version: file.version }, entityType: 'return_home', details: { relation: input.relation } };
      },
    );
  }

  /** R19: transit care and the handover of a foreign victim; the foreign affairs office gets the partner view of the file. */
  setRepatriation(actor: Actor, fileId: string, input: RepatriationDto): Promise<RecordReplaced> {
    if ((input.handedOverAt === undefined) !== (input.handedOverTo === undefined)) {
      throw AppError.field(
        PlatformErrors.VALIDATION_FAILED,
        input.handedOverAt ? 'handedOverTo' : 'handedOverAt',
        '交接时间与接收方须同时填写 / give both when and to whom the person was handed over',
      );
    }
    return this.gateway.write(actor, fileId, { action: 'repatriation.record', expectedVersion: input.expectedVersion }, async ({ manager, file, now }) => {
      const [office]: { kind: string }[] = await manager.query('SELECT kind FROM organisation WHERE id = $1 AND active', [input.foreignAffairsOrganisationId]);
      if (office?.kind !== 'foreign_affairs_office')
        throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'foreignAffairsOrganisationId', '须为外事部门 / must be a foreign affairs office');
      if (input.handedOverAt && Date.parse(input.handedOverAt) > now.getTime() + 5 * 60_000) {
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'handedOverAt', '不能晚于现在 / must not be in the future');
      }
      await manager.query(
        `INSERT INTO repatriation (file_id, country, foreign_affairs_organisation_id, transit_care, handed_over_at, handed_over_to, reference, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (file_id) DO UPDATE SET country = EXCLUDED.country, foreign_affairs_organisation_id = EXCLUDED.foreign_affairs_organisation_id,
           transit_care = EXCLUDED.transit_care, handed_over_at = EXCLUDED.handed_over_at, handed_over_to = EXCLUDED.handed_over_to,
           reference = EXCLUDED.reference, updated_at = now()`,
        [
          fileId,
          input.country,
          input.foreignAffairsOrganisationId,
          input.transitCare,
          input.handedOverAt ?? null,
          input.handedOverTo ?? null,
          input.reference ?? null,
          actor.userId,
        ],
      );
      // The foreign affairs office coordinates the return (R19): it gets the partner view of the file.
      await manager.query(
        `INSERT INTO file_access_grant (file_id, organisation_id, source)
         SELECT $1, $2, 'referral' WHERE NOT EXISTS (SELECT 1 FROM file_access_grant WHERE file_id = $1 AND organisation_id = $2 AND revoked_at IS NULL)`,
        [fileId, input.foreignAffairsOrganisationId],
      );
      return { result: { fileId, version: file.version }, entityType: 'repatriation', details: { country: input.country, handedOver: !!input.handedOverAt } };
    });
  }
}
