import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, FieldCipher, Outbox, PlatformErrors, type AuditSink } from '#app/platform';
import { AccessErrors, fileScope, fileWriteScope, type Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { normaliseText } from './buyer-household-text.js';
import { checkResidentId } from '../person/resident-id.js';
import { nameForms } from '../person/names.js';
import { ID_NUMBER, PHONE } from '../person/person.service.js';
import { buyerHouseholdMatch } from '../state-machine/builtin-guards.js';
import type {
  AddendumDto,
  AssistanceMeasureDto,
  BuyerHouseholdMemberDto,
  GuardianDto,
  IdentityDto,
  InterviewDto,
  MandatoryReportDto,
  RepatriationDto,
  ReturnHomeDto,
} from './records.dto.js';

interface LockedFile {
  id: string;
  state: string;
}

/**
 * The records of a file besides its state: the one interview and its addenda
 * (R2), the buying household (R6), guardians and mandatory reports (R23),
 * assistance measures (R7), the return home (R5, R7) and repatriation (R19).
 * Each write locks the file in the actor's scope, refuses a closed file, and
 * ends with its audit record.
 */
@Injectable()
export class RecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly cipher: FieldCipher,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async recordInterview(actor: Actor, fileId: string, input: InterviewDto): Promise<{ fileId: string; recordedAt: Date }> {
    return this.write(actor, fileId, 'interview.record', async (manager) => {
      if ((await manager.query('SELECT 1 FROM interview WHERE file_id = $1', [fileId])).length > 0) throw new AppError(CaseErrors.INTERVIEW_EXISTS);
      if (Date.parse(input.conductedAt) > this.clock.now().getTime() + 5 * 60_000)
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'conductedAt', 'the interview cannot be in the future');
      const [row]: { recorded_at: Date }[] = await manager.query(
        `INSERT INTO interview (file_id, conducted_at, place, language, interpreter, attendees, circumstances, needs, needs_note, risks, wishes, consents, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING recorded_at`,
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
        ],
      );
      return { result: { fileId, recordedAt: row.recorded_at }, entityId: fileId };
    });
  }

  /** R2: corrections and completions are addenda; the interview itself never changes. */
  async addAddendum(actor: Actor, fileId: string, input: AddendumDto): Promise<{ id: string }> {
    return this.write(actor, fileId, 'interview.addendum', async (manager) => {
      if ((await manager.query('SELECT 1 FROM interview WHERE file_id = $1', [fileId])).length === 0) throw new AppError(CaseErrors.INTERVIEW_MISSING);
      const [{ id }]: { id: string }[] = await manager.query(
        'INSERT INTO interview_addendum (file_id, section, text, reason, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [fileId, input.section, input.text, input.reason, actor.userId],
      );
      return { result: { id }, entityId: id, details: { section: input.section } };
    });
  }

  /** The interview with its addenda, for those who see the whole file; partners never (R16). */
  async interview(actor: Actor, fileId: string): Promise<Record<string, unknown>> {
    const params: unknown[] = [fileId];
    const scope = fileScope(actor, 'f', params, this.clock.now());
    const [row] =
      scope.audience === 'full'
        ? await this.dataSource.query(
            `SELECT i.conducted_at AS "conductedAt", i.place, i.language, i.interpreter, i.attendees, i.circumstances, i.needs, i.needs_note AS "needsNote",
                    i.risks, i.wishes, i.consents, u.display_name AS "recordedBy", i.recorded_at AS "recordedAt"
               FROM victim_file f JOIN interview i ON i.file_id = f.id JOIN user_account u ON u.id = i.recorded_by
              WHERE f.id = $1 AND ${scope.where}`,
            params,
          )
        : [];
    if (!row) {
      await this.audit.record({ action: 'interview.read', outcome: 'denied', entityType: 'victim_file', entityId: fileId });
      throw new AppError(CaseErrors.INTERVIEW_MISSING);
    }
    const addenda = await this.dataSource.query(
      `SELECT a.id, a.section, a.text, a.reason, u.display_name AS "recordedBy", a.recorded_at AS "recordedAt"
         FROM interview_addendum a JOIN user_account u ON u.id = a.recorded_by WHERE a.file_id = $1 ORDER BY a.recorded_at`,
      [fileId],
    );
    await this.audit.record({ action: 'interview.read', outcome: 'allowed', entityType: 'victim_file', entityId: fileId, fileIds: [fileId] });
    return { ...row, addenda };
  }

  async addBuyerHouseholdMember(actor: Actor, fileId: string, input: BuyerHouseholdMemberDto): Promise<{ id: string }> {
    if (!input.name && !input.idNumber && !input.address) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'name', 'give a name, an ID number or an address');
    const id = input.idNumber ? this.validId(input.idNumber, 'idNumber') : null;
    return this.write(actor, fileId, 'buyer_household.record', async (manager) => {
      if (input.placeCode) await this.requirePlace(manager, input.placeCode, 'placeCode');
      const sealed = this.cipher.seal(ID_NUMBER, id);
      const [{ id: memberId }]: { id: string }[] = await manager.query(
        `INSERT INTO buyer_household_member (file_id, name, name_normalised, relation, id_number_cipher, id_number_index, address, address_normalised, place_code, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
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
        ],
      );
      return { result: { id: memberId }, entityId: memberId };
    });
  }

  async addGuardian(actor: Actor, fileId: string, input: GuardianDto): Promise<{ id: string }> {
    const id = input.idNumber ? this.validId(input.idNumber, 'idNumber') : null;
    if (input.since > this.clock.today()) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'since', 'must not be in the future');
    return this.write(actor, fileId, 'guardian.record', async (manager) => {
      if (input.organisationId && (await manager.query('SELECT 1 FROM organisation WHERE id = $1', [input.organisationId])).length === 0) {
        throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'organisationId');
      }
      const sealed = this.cipher.seal(ID_NUMBER, id);
      // R6: the buying household never raises the child (不得由收买家庭继续抚养).
      const buyer = await buyerHouseholdMatch(manager, fileId, { name: input.name, idNumberIndex: sealed.index, address: input.address });
      if (buyer) throw new AppError(buyer.error, { details: buyer.details });
      const [{ id: guardianId }]: { id: string }[] = await manager.query(
        `INSERT INTO guardian (file_id, kind, name, relation, id_number_cipher, id_number_index, phone_cipher, address, organisation_id, since, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
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
        ],
      );
      return { result: { id: guardianId }, entityId: guardianId, details: { kind: input.kind } };
    });
  }

  async addMandatoryReport(actor: Actor, fileId: string, input: MandatoryReportDto): Promise<{ id: string }> {
    return this.write(actor, fileId, 'mandatory_report.record', async (manager) => {
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO mandatory_report (file_id, suspected_harm, reported_to, reported_to_organisation_id, reported_at, reference, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [fileId, input.suspectedHarm, input.reportedTo, input.reportedToOrganisationId ?? null, input.reportedAt, input.reference ?? null, actor.userId],
      );
      return { result: { id }, entityId: id };
    });
  }

  async addAssistanceMeasure(actor: Actor, fileId: string, input: AssistanceMeasureDto): Promise<{ id: string }> {
    return this.write(actor, fileId, 'assistance.record', async (manager) => {
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO assistance_measure (file_id, kind, description, provided_on, provided_by_organisation_id, amount_yuan, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [fileId, input.kind, input.description, input.providedOn, input.providedByOrganisationId ?? null, input.amountYuan ?? null, actor.userId],
      );
      return { result: { id }, entityId: id, details: { kind: input.kind } };
    });
  }

  /** R5, R7: the return home, refused outright when it would go to the buying household (R6). */
  async setReturnHome(actor: Actor, fileId: string, input: ReturnHomeDto): Promise<{ fileId: string }> {
    const id = input.recipientIdNumber ? this.validId(input.recipientIdNumber, 'recipientIdNumber') : null;
    return this.write(actor, fileId, 'return_home.record', async (manager) => {
      await this.requirePlace(manager, input.placeCode, 'placeCode');
      const sealed = this.cipher.seal(ID_NUMBER, id);
      const buyer = await buyerHouseholdMatch(manager, fileId, { name: input.recipientName, idNumberIndex: sealed.index, address: input.address });
      if (buyer) throw new AppError(buyer.error, { details: buyer.details });
      await manager.query(
        `INSERT INTO return_home (file_id, recipient_name, recipient_name_normalised, relation, recipient_id_cipher, recipient_id_index, recipient_phone_cipher,
                                  address, address_normalised, place_code, planned_on, travel_arrangements, escorted_by, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (file_id) DO UPDATE SET recipient_name = EXCLUDED.recipient_name, recipient_name_normalised = EXCLUDED.recipient_name_normalised,
           relation = EXCLUDED.relation, recipient_id_cipher = EXCLUDED.recipient_id_cipher, recipient_id_index = EXCLUDED.recipient_id_index,
           recipient_phone_cipher = EXCLUDED.recipient_phone_cipher, address = EXCLUDED.address, address_normalised = EXCLUDED.address_normalised,
           place_code = EXCLUDED.place_code, planned_on = EXCLUDED.planned_on, travel_arrangements = EXCLUDED.travel_arrangements,
           escorted_by = EXCLUDED.escorted_by, updated_at = now()
         WHERE return_home.handed_over_at IS NULL`,
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
        ],
      );
      return { result: { fileId }, entityId: fileId, details: { relation: input.relation } };
    });
  }

  async setRepatriation(actor: Actor, fileId: string, input: RepatriationDto): Promise<{ fileId: string }> {
    if ((input.handedOverAt === undefined) !== (input.handedOverTo === undefined)) {
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, input.handedOverAt ? 'handedOverTo' : 'handedOverAt', 'give both when and to whom the person was handed over');
    }
    return this.write(actor, fileId, 'repatriation.record', async (manager) => {
      const [office]: { kind: string }[] = await manager.query('SELECT kind FROM organisation WHERE id = $1 AND active', [input.foreignAffairsOrganisationId]);
      if (office?.kind !== 'foreign_affairs_office') throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'foreignAffairsOrganisationId', 'must be a foreign affairs office');
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
      return { result: { fileId }, entityId: fileId, details: { country: input.country, handedOver: !!input.handedOverAt } };
    });
  }

  /**
   * The identity of someone who came unidentified, established at last — by a
   * police DNA match (R10), the police, documents or the registration (R11) —
   * with how it is known. Tracing and the household clock stop for them.
   */
  async confirmIdentity(actor: Actor, fileId: string, input: IdentityDto): Promise<{ fileId: string; identityStatus: 'confirmed' }> {
    const check = checkResidentId(input.idNumber, this.clock.today());
    if (!check.valid) throw AppError.field(CaseErrors.INVALID_ID_NUMBER, 'idNumber', check.reason);
    const facts = check.facts;
    return this.write(actor, fileId, 'identity.confirm', async (manager) => {
      const [person]: { id: string; sex: string; identity_status: string; nationality: string | null }[] = await manager.query(
        'SELECT p.id, p.sex, p.identity_status, p.nationality FROM victim_file f JOIN person p ON p.id = f.person_id WHERE f.id = $1 FOR UPDATE OF p',
        [fileId],
      );
      if (person.identity_status === 'confirmed') throw new AppError(CaseErrors.IDENTITY_CONFIRMED);
      if (person.nationality && person.nationality !== 'CN')
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'idNumber', 'a resident ID number belongs to a Chinese national');
      if (person.sex !== 'unknown' && person.sex !== facts.sex)
        throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'idNumber', `the ID number says ${facts.sex}, the file ${person.sex}`);
      const sealed = this.cipher.seal(ID_NUMBER, facts.number);
      // R4: one person, one file — an ID already on another person is a duplicate to resolve, not a second identity.
      const taken = await manager.query('SELECT 1 FROM person WHERE id_number_index = $1 AND id <> $2', [sealed.index, person.id]);
      if (taken.length > 0) throw AppError.field(CaseErrors.IDENTITY_ON_ANOTHER_PERSON, 'idNumber');
      await manager.query(
        `UPDATE person SET identity_status = 'confirmed', id_number_cipher = $2, id_number_index = $3, sex = $4, birth_date_from = $5, birth_date_to = $5,
                name = coalesce($6, name), updated_at = now() WHERE id = $1`,
        [person.id, sealed.cipher, sealed.index, facts.sex, facts.birthDate, input.name?.trim() ?? null],
      );
      if (input.name) {
        // The name they were known by stays searchable as an alias.
        await manager.query(`UPDATE person_name SET kind = 'alias' WHERE person_id = $1 AND kind = 'name'`, [person.id]);
        const forms = nameForms(input.name.trim(), true);
        await manager.query('INSERT INTO person_name (person_id, kind, name, pinyin, pinyin_compact, initials) VALUES ($1, $2, $3, $4, $5, $6)', [
          person.id,
          'name',
          input.name.trim(),
          forms.pinyin,
          forms.compact,
          forms.initials,
        ]);
      }
      await manager.query('INSERT INTO identity_confirmation (file_id, basis, basis_reference, confirmed_by) VALUES ($1, $2, $3, $4)', [
        fileId,
        input.basis,
        input.basisReference,
        actor.userId,
      ]);
      await this.outbox.emit(manager, { type: 'file.identity_confirmed', subjectId: fileId, data: { basis: input.basis } });
      return { result: { fileId, identityStatus: 'confirmed' as const }, entityId: fileId, details: { basis: input.basis } };
    });
  }

  private validId(value: string, field: string): string {
    const check = checkResidentId(value, this.clock.today());
    if (!check.valid) throw AppError.field(CaseErrors.INVALID_ID_NUMBER, field, check.reason);
    return check.facts.number;
  }

  private async requirePlace(manager: EntityManager, code: string, field: string): Promise<void> {
    if ((await manager.query('SELECT 1 FROM jurisdiction WHERE code = $1', [code])).length === 0) throw AppError.field(AccessErrors.UNKNOWN_JURISDICTION, field);
  }

  /** Locks the file in the actor's write scope (404 otherwise, recorded), refuses a closed one, writes, audits last. */
  private async write<T>(
    actor: Actor,
    fileId: string,
    action: string,
    work: (manager: EntityManager, file: LockedFile) => Promise<{ result: T; entityId: string; details?: Record<string, unknown> }>,
  ): Promise<T> {
    let denied = false;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const params: unknown[] = [fileId];
        const scope = fileWriteScope(actor, 'f', params);
        const [file]: LockedFile[] = await manager.query(`SELECT f.id, f.state FROM victim_file f WHERE f.id = $1 AND ${scope} FOR UPDATE OF f`, params);
        if (!file) {
          denied = true;
          throw new AppError(CaseErrors.FILE_NOT_FOUND);
        }
        if (file.state === 'closed') throw new AppError(CaseErrors.FILE_CLOSED);
        const { result, entityId, details } = await work(manager, file);
        await this.audit.record({ action, outcome: 'allowed', entityType: action.split('.')[0], entityId, fileIds: [fileId], details }, manager);
        return result;
      });
    } catch (error) {
      if (denied || (error instanceof AppError && error.code === 'BUYER_HOUSEHOLD')) {
        await this.audit.record({
          action,
          outcome: 'denied',
          entityType: 'victim_file',
          entityId: fileId,
          fileIds: denied ? [] : [fileId],
          details: error instanceof AppError ? { code: error.code } : {},
        });
      }
      throw error;
    }
  }
}
