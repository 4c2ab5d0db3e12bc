import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, Clock, FieldCipher, PlatformErrors } from '#app/platform';
import { AccessErrors, type Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { FileGateway } from '../kernel/file-gateway.js';
import { ID_NUMBER, PHONE } from '../person/person.service.js';
import { checkResidentId } from '../person/resident-id.js';
import { buyerHouseholdMatch } from '../state-machine/builtin-guards.js';
import { normaliseText } from './buyer-household-text.js';
import type { BuyerHouseholdMemberDto, GuardianDto, GuardianUpdateDto, MandatoryReportDto } from './records.dto.js';
import type { GuardianUpdated, RecordCreated } from './records.view.js';

/**
 * Protection of the person (R6, R23): the buying household as the police
 * established it, guardians (never one of the buyers), and the mandatory
 * reports of suspected harm to a minor. Appends, except a guardian's contact
 * and the end of a guardianship, which are audited, versioned edits.
 */
@Injectable()
export class ProtectionService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  addBuyerHouseholdMember(actor: Actor, fileId: string, input: BuyerHouseholdMemberDto): Promise<RecordCreated> {
    if (!input.name && !input.idNumber && !input.address)
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'name', '请给出姓名、身份证号或地址 / give a name, an ID number or an address');
    const id = input.idNumber ? validId(input.idNumber, 'idNumber', this.clock.today()) : null;
    return this.gateway.write(actor, fileId, { action: 'buyer_household.record' }, async ({ manager, now }) => {
      if (input.placeCode) await requirePlace(manager, input.placeCode, 'placeCode');
      const sealed = this.cipher.seal(ID_NUMBER, id);
      const [{ id: memberId }]: { id: string }[] = await manager.query(
        `INSERT INTO buyer_household_member (file_id, name, name_normalised, relation, id_number_cipher, id_number_index, address, address_normalised, place_code, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          fileId,
          input.name ?? null,
          input.name ? normaliseText(input.name) : null,
          input.relation ?? null,
          sealed.cipher,
          sealed.index,
          input.address ?? null,
          input.address ? normaliseText(input.address) : null,
          input.placeCode ?? null,
          actor.userId,
          now,
        ],
      );
      return { result: { id: memberId }, entityType: 'buyer_household', entityId: memberId };
    });
  }

  addGuardian(actor: Actor, fileId: string, input: GuardianDto): Promise<RecordCreated> {
    const id = input.idNumber ? validId(input.idNumber, 'idNumber', this.clock.today()) : null;
    return this.gateway.write(actor, fileId, { action: 'guardian.record', auditRefusals: [CaseErrors.BUYER_HOUSEHOLD.code] }, async ({ manager, today, now }) => {
      if (input.since > today) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'since', '不能晚于今天 / must not be in the future');
      if (input.organisationId && (await manager.query('SELECT 1 FROM organisation WHERE id = $1', [input.organisationId])).length === 0) {
        throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'organisationId');
      }
      const sealed = this.cipher.seal(ID_NUMBER, id);
      // R6: the buying household never raises the child (不得由收买家庭继续抚养).
      const buyer = await buyerHouseholdMatch(manager, fileId, { name: input.name, idNumberIndex: sealed.index, address: input.address });
      if (buyer) throw new AppError(buyer.error, { details: buyer.details });
      const [{ id: guardianId }]: { id: string }[] = await manager.query(
        `INSERT INTO guardian (file_id, kind, name, relation, id_number_cipher, id_number_index, phone_cipher, address, organisation_id, since, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          fileId,
          input.kind,
          input.name,
          input.relation ?? null,
          sealed.cipher,
          sealed.index,
          this.cipher.seal(PHONE, input.phone).cipher,
          input.address ?? null,
          input.organisationId ?? null,
          input.since,
          actor.userId,
          now,
        ],
      );
      return { result: { id: guardianId }, entityType: 'guardian', entityId: guardianId, details: { kind: input.kind } };
    });
  }

  /** R23: a guardian's contact changes, or the guardianship ends; an audited edit of the file's current version. */
  updateGuardian(actor: Actor, fileId: string, guardianId: string, input: GuardianUpdateDto): Promise<GuardianUpdated> {
    return this.gateway.write(
      actor,
      fileId,
      { action: 'guardian.update', expectedVersion: input.expectedVersion, auditRefusals: [CaseErrors.BUYER_HOUSEHOLD.code] },
      async ({ manager, file }) => {
        const [guardian]: { name: string; since: string; until: string | null }[] = await manager.query(
          `SELECT name, to_char(since, 'YYYY-MM-DD') AS since, to_char(until, 'YYYY-MM-DD') AS until FROM guardian WHERE id = $1 AND file_id = $2 FOR UPDATE`,
          [guardianId, fileId],
        );
        if (!guardian) throw new AppError(CaseErrors.RECORD_NOT_FOUND, { details: { guardianId } });
        if (input.until !== undefined && input.until < guardian.since)
          throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'until', `不能早于监护开始之日 ${guardian.since} / must not be before ${guardian.since}`);
        if (input.address) {
          const buyer = await buyerHouseholdMatch(manager, fileId, { name: guardian.name, address: input.address });
          if (buyer) throw new AppError(buyer.error, { details: buyer.details });
        }
        await manager.query(
          `UPDATE guardian SET relation = COALESCE($3, relation), phone_cipher = COALESCE($4, phone_cipher), address = COALESCE($5, address), until = COALESCE($6, until)
            WHERE id = $1 AND file_id = $2`,
          [guardianId, fileId, input.relation ?? null, input.phone ? this.cipher.seal(PHONE, input.phone).cipher : null, input.address ?? null, input.until ?? null],
        );
        const changed = (['relation', 'phone', 'address', 'until'] as const).filter((field) => input[field] !== undefined);
        return {
          result: { id: guardianId, fileId, version: file.version },
          entityType: 'guardian',
          entityId: guardianId,
          purpose: input.reason,
          details: { changed, until: input.until ?? guardian.until },
        };
      },
    );
  }

  addMandatoryReport(actor: Actor, fileId: string, input: MandatoryReportDto): Promise<RecordCreated> {
    return this.gateway.write(actor, fileId, { action: 'mandatory_report.record' }, async ({ manager, now }) => {
      if (input.reportedToOrganisationId && (await manager.query('SELECT 1 FROM organisation WHERE id = $1', [input.reportedToOrganisationId])).length === 0) {
        throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'reportedToOrganisationId');
      }
      if (Date.parse(input.reportedAt) > now.getTime() + 5 * 60_000)
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'reportedAt', '不能晚于现在 / must not be in the future');
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO mandatory_report (file_id, suspected_harm, reported_to, reported_to_organisation_id, reported_at, reference, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [fileId, input.suspectedHarm, input.reportedTo, input.reportedToOrganisationId ?? null, input.reportedAt, input.reference ?? null, actor.userId, now],
      );
      return { result: { id }, entityType: 'mandatory_report', entityId: id };
    });
  }
}

/** A resident ID number checked (GB 11643) on `today`; 422 naming the field otherwise. */
export function validId(value: string, field: string, today: string): string {
  const check = checkResidentId(value, today);
  if (!check.valid) throw AppError.field(CaseErrors.INVALID_ID_NUMBER, field, check.reason);
  return check.facts.number;
}

/** A GB/T 2260 code that exists; 422 UNKNOWN_JURISDICTION naming the field otherwise. */
export async function requirePlace(manager: EntityManager, code: string, field: string): Promise<void> {
  if ((await manager.query('SELECT 1 FROM jurisdiction WHERE code = $1', [code])).length === 0) throw AppError.field(AccessErrors.UNKNOWN_JURISDICTION, field);
}
