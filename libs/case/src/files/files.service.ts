import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ageRange, AUDIT_SINK, Clock, FieldCipher, keysetPage, yearsBefore, type AuditSink, type Page } from '#app/platform';
import { fileScope, prefixOf, type Actor } from '#app/access';
import { FileGateway, type FileWork } from '../kernel/file-gateway.js';
import { searchForms } from '../person/names.js';
import { ID_NUMBER, PersonService } from '../person/person.service.js';
import type { PersonView } from '../person/person.view.js';
import { checkResidentId } from '../person/resident-id.js';
import { STATE_LABELS, type FileState } from '../state-machine/states.js';
import { AGE_BANDS, type HistoryQuery, type ListFilesQuery } from './files.dto.js';
import type { FileHistoryEntry, FileListItem, FileView, PartnerFileListItem, PartnerFileView } from './file.view.js';

interface ListRow {
  id: string;
  reference: string;
  state: FileState;
  opened_at: Date;
  name: string | null;
  sex: PersonView['sex'];
  birth_date_from: string | null;
  birth_date_to: string | null;
  identity_status: PersonView['identityStatus'];
  responsible_jurisdiction_code: string;
  jurisdiction_name: string;
  institution_name: string | null;
  caseworker_name: string | null;
}

/**
 * Reads of victim files through the kernel (R22: scoped in SQL, audited, 404
 * for a file out of scope). Lists are plain SQL rows with keyset pagination,
 * newest first; search finds a person by a name or a childhood name in
 * characters (also the given name alone), pinyin, initials, the file
 * reference or an ID number.
 */
@Injectable()
export class FilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly gateway: FileGateway,
    private readonly persons: PersonService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, id: string): Promise<FileView | PartnerFileView> {
    return this.gateway.read(
      actor,
      id,
      { action: 'file.read', audiences: ['full', 'partner'], details: (view) => ({ view: view.audience }) },
      async (work): Promise<FileView | PartnerFileView> => {
        if (work.audience === 'partner') {
          const [person]: { name: string | null; sex: string; birth_date_from: string | null; birth_date_to: string | null }[] = await work.manager.query(
            `SELECT name, sex, to_char(birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(birth_date_to, 'YYYY-MM-DD') AS birth_date_to FROM person WHERE id = $1`,
            [work.file.personId],
          );
          return { audience: 'partner', id: work.file.id, reference: work.file.reference, version: work.file.version, person: PersonService.partnerView(person, work.today) };
        }
        return this.fullView(work);
      },
    );
  }

  private async fullView({ manager, file, now }: FileWork): Promise<FileView> {
    const fileId = file.id;
    const q = (sql: string) => manager.query(sql, [fileId]);
    const [row]: Record<string, any>[] = await q(
      `SELECT f.intake_kind, f.opened_at, f.closed_at, j.name AS jurisdiction_name, o.name AS organisation_name, c.display_name AS caseworker_name, i.name AS institution_name,
              EXISTS (SELECT 1 FROM interview WHERE file_id = f.id) AS interview_recorded
         FROM victim_file f
         JOIN jurisdiction j ON j.code = f.responsible_jurisdiction_code
         JOIN organisation o ON o.id = f.responsible_organisation_id
         LEFT JOIN user_account c ON c.id = f.responsible_caseworker_id
         LEFT JOIN organisation i ON i.id = f.current_institution_id
        WHERE f.id = $1`,
    );
    const [intake] = await q(
      `SELECT n.kind, n.reporting_organisation_id AS "reportingOrganisationId", r.name AS "reportingOrganisation", n.police_case_number AS "policeCaseNumber",
              to_char(n.occurred_on, 'YYYY-MM-DD') AS "occurredOn", n.place_code AS "placeCode", pj.name AS "placeName", n.materials, n.circumstances,
              n.recorded_at AS "recordedAt"
         FROM intake n JOIN organisation r ON r.id = n.reporting_organisation_id JOIN jurisdiction pj ON pj.code = n.place_code WHERE n.file_id = $1`,
    );
    const guardians: Record<string, any>[] = await q(
      `SELECT id, kind, name, relation, id_number_cipher, id_number_verified AS "idNumberVerified", to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", phone_cipher,
              address, organisation_id AS "organisationId", to_char(since, 'YYYY-MM-DD') AS since, to_char(until, 'YYYY-MM-DD') AS until
         FROM guardian WHERE file_id = $1 AND removed_at IS NULL ORDER BY since, recorded_at`,
    );
    const household: Record<string, any>[] = await q(
      `SELECT id, name, aliases, relation, id_number_cipher, id_number_verified AS "idNumberVerified", address, place_code AS "placeCode", recorded_at AS "recordedAt"
         FROM buyer_household_member WHERE file_id = $1 AND removed_at IS NULL ORDER BY recorded_at`,
    );
    const [returnHome] = await q(
      `SELECT recipient_name AS "recipientName", relation, recipient_id_cipher, recipient_id_verified AS "recipientIdNumberVerified", recipient_phone_cipher, address, place_code AS "placeCode",
              to_char(planned_on, 'YYYY-MM-DD') AS "plannedOn", travel_arrangements AS "travelArrangements", escorted_by AS "escortedBy", handed_over_at AS "handedOverAt"
         FROM return_home WHERE file_id = $1`,
    );
    const { recipient_id_cipher, recipient_phone_cipher, ...returnHomeRest } = returnHome ?? {};
    return {
      audience: 'full',
      id: fileId,
      reference: file.reference,
      state: file.state,
      stateLabel: STATE_LABELS[file.state],
      version: file.version,
      intakeKind: row.intake_kind,
      openedAt: row.opened_at,
      closedAt: row.closed_at,
      responsibleJurisdiction: { code: file.responsibleJurisdictionCode, name: row.jurisdiction_name },
      responsibleOrganisation: { id: file.responsibleOrganisationId, name: row.organisation_name },
      responsibleCaseworker: file.responsibleCaseworkerId ? { id: file.responsibleCaseworkerId, displayName: row.caseworker_name } : null,
      currentInstitution: file.currentInstitutionId ? { id: file.currentInstitutionId, name: row.institution_name } : null,
      person: await this.persons.view(manager, file.personId),
      intake: intake ?? null,
      interviewRecorded: row.interview_recorded,
      guardians: guardians.map(({ id_number_cipher, phone_cipher, ...guardian }) => ({
        ...guardian,
        idNumber: this.cipher.open(id_number_cipher),
        phone: this.cipher.open(phone_cipher),
      })) as FileView['guardians'],
      mandatoryReports: await q(
        `SELECT id, suspected_harm AS "suspectedHarm", reported_to AS "reportedTo", reported_to_organisation_id AS "reportedToOrganisationId", reported_at AS "reportedAt", reference
           FROM mandatory_report WHERE file_id = $1 ORDER BY reported_at`,
      ),
      buyerHousehold: household.map(({ id_number_cipher, ...member }) => ({ ...member, idNumber: this.cipher.open(id_number_cipher) })) as FileView['buyerHousehold'],
      placements: await q(
        `SELECT p.id, p.institution_id AS "institutionId", o.name AS institution, to_char(p.from_date, 'YYYY-MM-DD') AS "fromDate", to_char(p.to_date, 'YYYY-MM-DD') AS "toDate", p.reason
           FROM placement p JOIN organisation o ON o.id = p.institution_id WHERE p.file_id = $1 ORDER BY p.from_date, p.recorded_at`,
      ),
      stay:
        (
          await manager.query(
            `SELECT s.id, s.institution_id AS "institutionId", o.name AS institution, to_char(s.begins_on, 'YYYY-MM-DD') AS "beginsOn", s.arrived_at AS "arrivedAt", s.room, s.unit,
                    EXISTS (SELECT 1 FROM stay_leave l WHERE l.stay_id = s.id AND l.returned_at IS NULL) AS "onLeave",
                    EXISTS (SELECT 1 FROM stay_leave l WHERE l.stay_id = s.id AND l.returned_at IS NULL AND l.expected_back_at < $2) AS "overdueLeave",
                    (SELECT count(*)::int FROM stay_care_note n WHERE n.stay_id = s.id) AS notes, (SELECT max(noted_at) FROM stay_care_note n WHERE n.stay_id = s.id) AS "lastNoteAt"
               FROM institution_stay s JOIN organisation o ON o.id = s.institution_id WHERE s.file_id = $1 AND s.departed_at IS NULL`,
            [fileId, now],
          )
        )[0] ?? null,
      assistanceMeasures: await q(
        `SELECT id, kind, description, to_char(provided_on, 'YYYY-MM-DD') AS "providedOn", provided_by_organisation_id AS "providedByOrganisationId",
                amount_yuan::float AS "amountYuan" FROM assistance_measure WHERE file_id = $1 ORDER BY provided_on, recorded_at`,
      ),
      returnHome: returnHome
        ? ({ ...returnHomeRest, recipientIdNumber: this.cipher.open(recipient_id_cipher), recipientPhone: this.cipher.open(recipient_phone_cipher) } as FileView['returnHome'])
        : null,
      repatriation:
        (
          await q(
            `SELECT country, foreign_affairs_organisation_id AS "foreignAffairsOrganisationId", transit_care AS "transitCare", handed_over_at AS "handedOverAt",
                    handed_over_to AS "handedOverTo", reference FROM repatriation WHERE file_id = $1`,
          )
        )[0] ?? null,
      pendingApprovals: await q(
        `SELECT a.id, a.event, a.payload, a.requested_at AS "requestedAt", u.display_name AS "requestedBy"
           FROM approval a JOIN user_account u ON u.id = a.requested_by WHERE a.file_id = $1 AND a.status = 'pending' ORDER BY a.requested_at`,
      ),
      openTransfer:
        (
          await q(
            `SELECT t.id, t.to_organisation_id AS "toOrganisationId", o.name AS "toOrganisation", t.reason, t.requested_at AS "requestedAt"
               FROM file_transfer t JOIN organisation o ON o.id = t.to_organisation_id WHERE t.file_id = $1 AND t.status = 'awaiting_acceptance'`,
          )
        )[0] ?? null,
    };
  }

  async list(actor: Actor, query: ListFilesQuery): Promise<Page<FileListItem | PartnerFileListItem>> {
    const now = this.clock.now();
    const today = this.clock.today();
    const params: unknown[] = [];
    const scope = fileScope(actor, 'f', params, now);
    const where = [scope.where];
    if (query.state) where.push(`f.state = $${params.push(query.state)}`);
    if (query.jurisdiction) where.push(`f.responsible_jurisdiction_code LIKE $${params.push(prefixOf(query.jurisdiction) + '%')}`);
    if (query.institutionId) where.push(`f.current_institution_id = $${params.push(query.institutionId)}`);
    if (query.caseworkerId) where.push(`f.responsible_caseworker_id = $${params.push(query.caseworkerId)}`);
    if (query.identityStatus) where.push(`p.identity_status = $${params.push(query.identityStatus)}`);
    if (query.ageBand) {
      const [youngest, oldest] = AGE_BANDS[query.ageBand];
      // May be `youngest`..`oldest` today: born no later than today - youngest years, no earlier than today - (oldest + 1) years.
      where.push(`p.birth_date_from <= $${params.push(yearsBefore(today, youngest))}::date AND p.birth_date_to > $${params.push(yearsBefore(today, oldest + 1))}::date`);
    }
    if (query.minor) {
      // R23 (mayBeMinor): the youngest the birth range allows is under 18, or the age is unknown.
      const adultIfBornBy = `$${params.push(yearsBefore(today, 18))}::date`;
      where.push(query.minor === 'true' ? `(p.birth_date_to IS NULL OR p.birth_date_to > ${adultIfBornBy})` : `p.birth_date_to <= ${adultIfBornBy}`);
    }
    if (query.q) {
      const found = this.search(query.q, today, params);
      if (!found) return { items: [], nextCursor: null };
      where.push(found);
    }
    if (query.idNumber) {
      const check = checkResidentId(query.idNumber, today);
      const number = check.valid ? check.facts.number : query.idNumber;
      where.push(`p.id_number_index = $${params.push(this.cipher.blindIndex(ID_NUMBER, number))}`);
    }
    // Newest first.
    const page = await keysetPage(
      this.dataSource,
      {
        select: `f.id, f.reference, f.state, f.opened_at, p.name, p.sex, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from,
                 to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to, p.identity_status, f.responsible_jurisdiction_code, j.name AS jurisdiction_name,
                 i.name AS institution_name, c.display_name AS caseworker_name`,
        from: `victim_file f
               JOIN person p ON p.id = f.person_id
               JOIN jurisdiction j ON j.code = f.responsible_jurisdiction_code
               LEFT JOIN organisation i ON i.id = f.current_institution_id
               LEFT JOIN user_account c ON c.id = f.responsible_caseworker_id`,
        where,
        params,
        keys: [
          { expr: 'f.opened_at', cast: 'timestamptz' },
          { expr: 'f.id', cast: 'uuid' },
        ],
        direction: 'desc',
      },
      query,
      (row: ListRow): FileListItem | PartnerFileListItem =>
        scope.audience === 'partner'
          ? { audience: 'partner', id: row.id, reference: row.reference, person: PersonService.partnerView(row, today) }
          : {
              audience: 'full',
              id: row.id,
              reference: row.reference,
              state: row.state,
              name: row.name,
              sex: row.sex,
              age: ageRange(row.birth_date_from, row.birth_date_to, today) ?? null,
              identityStatus: row.identity_status,
              responsibleJurisdiction: { code: row.responsible_jurisdiction_code, name: row.jurisdiction_name },
              currentInstitution: row.institution_name,
              caseworker: row.caseworker_name,
              openedAt: row.opened_at,
            },
    );
    await this.audit.record({
      action: 'file.list',
      outcome: 'allowed',
      entityType: 'victim_file',
      fileIds: page.items.map((item) => item.id),
      details: { view: scope.audience, filters: { ...query, idNumber: query.idNumber ? '(given)' : undefined } },
    });
    return page;
  }

  /**
   * Search like a caseworker: a name or a childhood name in characters (a
   * prefix, or the given name alone: 小明 finds 王小明), pinyin with or without
   * spaces, initials, a file reference (530102-2026-000017, or its number)
   * or a resident ID number. Undefined when the text can match nothing.
   */
  private search(text: string, today: string, params: unknown[]): string | undefined {
    const trimmed = text.trim();
    const conditions: string[] = [];
    if (/^\d{6}-\d{4}-\d{1,6}$/.test(trimmed)) return `f.reference = $${params.push(trimmed.replace(/-(\d{1,6})$/, (_, n: string) => `-${n.padStart(6, '0')}`))}`;
    if (/^\d{17}[\dXx]$/.test(trimmed)) {
      const check = checkResidentId(trimmed, today);
      if (check.valid) return `p.id_number_index = $${params.push(this.cipher.blindIndex(ID_NUMBER, check.facts.number))}`;
    }
    if (/^\d{4,6}$/.test(trimmed)) conditions.push(`f.reference LIKE $${params.push(`%-${trimmed.padStart(6, '0')}`)}`);
    const forms = searchForms(trimmed);
    const names: string[] = [];
    if (forms.characters) {
      const escaped = forms.characters.replace(/[%_\\]/g, '\\$&');
      names.push(`n.name LIKE $${params.push(escaped + '%')}`);
      // The given name alone (two or more characters): a name ending with it.
      if (forms.characters.length >= 2) names.push(`n.name LIKE $${params.push('%' + escaped)}`);
    } else if (forms.compact) {
      const compact = `$${params.push(forms.compact + '%')}`;
      names.push(`n.pinyin_compact LIKE ${compact}`, `n.initials LIKE ${compact}`);
    }
    if (names.length > 0) conditions.push(`EXISTS (SELECT 1 FROM person_name n WHERE n.person_id = f.person_id AND (${names.join(' OR ')}))`);
    return conditions.length > 0 ? `(${conditions.join(' OR ')})` : undefined;
  }

  async history(actor: Actor, id: string, query: HistoryQuery): Promise<Page<FileHistoryEntry>> {
    return this.gateway.read(actor, id, { action: 'file.history' }, ({ manager }) =>
      keysetPage(
        manager,
        {
          select: `h.id, h.event, h.from_state AS "from", h.to_state AS "to", h.at, h.note, h.approval_id AS "approvalId", u.display_name AS actor`,
          from: 'file_history h LEFT JOIN user_account u ON u.id = h.actor_user_id',
          where: ['h.file_id = $1'],
          params: [id],
          keys: [{ expr: 'h.id', cast: 'bigint' }],
        },
        query,
        (row: FileHistoryEntry & { id: string }) => ({ ...row, id: Number(row.id) }),
      ),
    );
  }

  /** The person's id and facts for duplicate checks on demand (R4), read through the kernel. */
  async readForDuplicates<T>(actor: Actor, id: string, work: (manager: EntityManager, personId: string) => Promise<T>): Promise<T> {
    return this.gateway.read(actor, id, { action: 'file.duplicates' }, ({ manager, file }) => work(manager, file.personId));
  }
}
