import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, ageOn, Clock, FieldCipher, PlatformErrors } from '#app/platform';
import { AccessErrors, type Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { FileGateway } from '../kernel/file-gateway.js';
import { ID_NUMBER, PHONE } from '../person/person.service.js';
import { checkResidentId } from '../person/resident-id.js';
import { refuseBuyerHousehold } from '../state-machine/buyer-household-guards.js';
import type { GuardianDto, GuardianUpdateDto, MandatoryReportDto, RecordRemovalDto } from './records.dto.js';
import type { GuardianUpdated, RecordChanged, RecordCreated } from './records.view.js';

/**
 * Protection of the person (R6, R23): guardians (adults other than the ward,
 * never one of the buyers) and the mandatory reports of suspected harm to a
 * minor. Appends, except a guardian's correction, contact, the end of a
 * guardianship and a removal, which are audited, versioned edits.
 */
@Injectable()
export class ProtectionService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  addGuardian(actor: Actor, fileId: string, input: GuardianDto): Promise<RecordCreated> {
    const id = input.idNumber ? validId(input.idNumber, 'idNumber', this.clock.today()) : null;
    if (input.idNumberVerified && !id) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'idNumber', '核实须有身份证号 / a verified ID needs the number');
    const refusals = [CaseErrors.BUYER_HOUSEHOLD.code, CaseErrors.BUYER_HOUSEHOLD_HOMOPHONE.code];
    return this.gateway.write(actor, fileId, { action: 'guardian.record', auditRefusals: refusals }, async ({ manager, file, today, now }) => {
      if (input.since > today) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'since', '不能晚于今天 / must not be in the future');
      if (input.organisationId && (await manager.query('SELECT 1 FROM organisation WHERE id = $1', [input.organisationId])).length === 0) {
        throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'organisationId');
      }
      const sealed = this.cipher.seal(ID_NUMBER, id);
      await requireAdultOtherThanWard(manager, file.personId, { idNumber: id, idNumberIndex: sealed.index, birthDate: input.birthDate ?? null }, today);
      // R6: the buying household never raises the child (不得由收买家庭继续抚养).
      await refuseBuyerHousehold(manager, fileId, [
        { name: input.name, idNumberIndex: sealed.index, idNumberVerified: !!input.idNumberVerified, address: input.address, fields: GUARDIAN_FIELDS },
      ]);
      const [{ id: guardianId }]: { id: string }[] = await manager.query(
        `INSERT INTO guardian (file_id, kind, name, relation, id_number_cipher, id_number_index, id_number_verified, birth_date, phone_cipher, address, organisation_id,
                               since, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
        [
          fileId,
          input.kind,
          input.name,
          input.relation ?? null,
          sealed.cipher,
          sealed.index,
          !!input.idNumberVerified,
          input.birthDate ?? null,
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

  /**
   * R23: a guardian corrected (name, ID number, birth date — checked again:
   * an adult other than the ward, never one of the buyers, R6), the contact
   * changed, or the guardianship ended; an audited edit with its reason.
   */
  updateGuardian(actor: Actor, fileId: string, guardianId: string, input: GuardianUpdateDto): Promise<GuardianUpdated> {
    const id = input.idNumber ? validId(input.idNumber, 'idNumber', this.clock.today()) : undefined;
    const refusals = [CaseErrors.BUYER_HOUSEHOLD.code, CaseErrors.BUYER_HOUSEHOLD_HOMOPHONE.code];
    return this.gateway.write(actor, fileId, { action: 'guardian.update', expectedVersion: input.expectedVersion, auditRefusals: refusals }, async ({ manager, file, today }) => {
      const guardian = await this.currentGuardian(manager, fileId, guardianId);
      if (input.until !== undefined && input.until < guardian.since)
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'until', `不能早于监护开始之日 ${guardian.since} / must not be before ${guardian.since}`);
      const sealed = id ? this.cipher.seal(ID_NUMBER, id) : { cipher: guardian.id_number_cipher, index: guardian.id_number_index };
      const verified = input.idNumberVerified ?? (id ? false : guardian.id_number_verified);
      if (verified && !sealed.index) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'idNumber', '核实须有身份证号 / a verified ID needs the number');
      const birthDate = input.birthDate ?? guardian.birth_date;
      if (id !== undefined || input.birthDate !== undefined) {
        const idNumber = id ?? (sealed.cipher ? this.cipher.open(sealed.cipher) : null);
        await requireAdultOtherThanWard(manager, file.personId, { idNumber, idNumberIndex: sealed.index, birthDate }, today);
      }
      // Who the guardian is, or where, changes: checked again against the buying household (R6). Ending a guardianship never is.
      if ([input.name, input.idNumber, input.idNumberVerified, input.address].some((value) => value !== undefined)) {
        const address = input.address ?? guardian.address;
        await refuseBuyerHousehold(manager, fileId, [
          { name: input.name ?? guardian.name, idNumberIndex: sealed.index, idNumberVerified: verified, address, fields: GUARDIAN_FIELDS },
        ]);
      }
      await manager.query(
        `UPDATE guardian SET name = $3, relation = COALESCE($4, relation), phone_cipher = COALESCE($5, phone_cipher), address = COALESCE($6, address),
                  until = COALESCE($7, until), id_number_cipher = $8, id_number_index = $9, id_number_verified = $10, birth_date = $11
            WHERE id = $1 AND file_id = $2`,
        [
          guardianId,
          fileId,
          input.name ?? guardian.name,
          input.relation ?? null,
          input.phone ? this.cipher.seal(PHONE, input.phone).cipher : null,
          input.address ?? null,
          input.until ?? null,
          sealed.cipher,
          sealed.index,
          verified,
          birthDate,
        ],
      );
      const changed = (['name', 'idNumber', 'idNumberVerified', 'birthDate', 'relation', 'phone', 'address', 'until'] as const).filter((field) => input[field] !== undefined);
      return {
        result: { id: guardianId, fileId, version: file.version },
        entityType: 'guardian',
        entityId: guardianId,
        purpose: input.reason,
        details: { changed, until: input.until ?? guardian.until },
      };
    });
  }

  /** R23: a guardian recorded by mistake (a buyer, a minor, the wrong person) is removed with the reason: kept, no longer counting. */
  removeGuardian(actor: Actor, fileId: string, guardianId: string, input: RecordRemovalDto): Promise<RecordChanged> {
    return this.gateway.write(actor, fileId, { action: 'guardian.remove', expectedVersion: input.expectedVersion }, async ({ manager, file, now }) => {
      await this.currentGuardian(manager, fileId, guardianId);
      await manager.query('UPDATE guardian SET removed_at = $3, removed_by = $4, removal_reason = $5 WHERE id = $1 AND file_id = $2', [
        guardianId,
        fileId,
        now,
        actor.userId,
        input.reason,
      ]);
      return { result: { id: guardianId, fileId, version: file.version }, entityType: 'guardian', entityId: guardianId, purpose: input.reason };
    });
  }

  /** The guardian on record, locked; a removed one answers like one that does not exist. */
  private async currentGuardian(manager: EntityManager, fileId: string, guardianId: string): Promise<GuardianRow> {
    const [guardian]: GuardianRow[] = await manager.query(
      `SELECT name, address, id_number_cipher, id_number_index, id_number_verified, to_char(birth_date, 'YYYY-MM-DD') AS birth_date,
              to_char(since, 'YYYY-MM-DD') AS since, to_char(until, 'YYYY-MM-DD') AS until
         FROM guardian WHERE id = $1 AND file_id = $2 AND removed_at IS NULL FOR UPDATE`,
      [guardianId, fileId],
    );
    if (!guardian) throw new AppError(CaseErrors.RECORD_NOT_FOUND, { details: { guardianId } });
    return guardian;
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

interface GuardianRow {
  name: string;
  address: string | null;
  id_number_cipher: Buffer | null;
  id_number_index: Buffer | null;
  id_number_verified: boolean;
  birth_date: string | null;
  since: string;
  until: string | null;
}

const GUARDIAN_FIELDS = { name: 'name', idNumber: 'idNumber', address: 'address' };

/**
 * R23: a guardian is an adult other than the ward — not the ward's own ID
 * number, not under 18 on `today` by the birth date given or the one in the ID
 * number (the two agreeing). 422 naming the field.
 */
async function requireAdultOtherThanWard(
  manager: EntityManager,
  wardPersonId: string,
  guardian: { idNumber: string | null; idNumberIndex: Buffer | null; birthDate: string | null },
  today: string,
): Promise<void> {
  if (guardian.birthDate !== null && guardian.birthDate > today) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'birthDate', '不能晚于今天 / must not be in the future');
  const fromId = guardian.idNumber ? checkResidentId(guardian.idNumber, today) : undefined;
  const idBirth = fromId?.valid ? fromId.facts.birthDate : null;
  if (idBirth && guardian.birthDate && idBirth !== guardian.birthDate)
    throw AppError.field(CaseErrors.INCONSISTENT_BIRTH, 'birthDate', `身份证号码中的出生日期为 ${idBirth} / the ID number says ${idBirth}`);
  if (guardian.idNumberIndex) {
    const ward = await manager.query('SELECT 1 FROM person WHERE id = $1 AND id_number_index = $2', [wardPersonId, guardian.idNumberIndex]);
    if (ward.length > 0) throw AppError.field(CaseErrors.GUARDIAN_IS_THE_WARD, 'idNumber', "这是被监护人本人的身份证号码 / this is the ward's own ID number");
  }
  const birthDate = guardian.birthDate ?? idBirth;
  if (birthDate && ageOn(birthDate, today) < 18) {
    throw AppError.field(
      CaseErrors.GUARDIAN_UNDER_AGE,
      guardian.birthDate ? 'birthDate' : 'idNumber',
      `未满18周岁（${ageOn(birthDate, today)}岁） / under 18 (aged ${ageOn(birthDate, today)})`,
    );
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
