import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ageRange, AppError, AUDIT_SINK, Clock, FieldCipher, yearsBefore, type AuditSink } from '#app/platform';
import { fileScope, prefixOf, type Actor } from '#app/access';
import { CaseErrors } from '../errors.js';
import { searchForms } from '../person/names.js';
import { ID_NUMBER, PersonService } from '../person/person.service.js';
import { checkResidentId } from '../person/resident-id.js';
import { STATE_LABELS, type FileState } from '../state-machine/states.js';
import { AGE_BANDS, type FilePage, type FileView, type ListFilesQuery, type PartnerFileView } from './files.dto.js';

interface ListRow {
  id: string;
  reference: string;
  state: string;
  opened_at: Date;
  name: string | null;
  sex: string;
  birth_date_from: string | null;
  birth_date_to: string | null;
  identity_status: string;
  responsible_jurisdiction_code: string;
  jurisdiction_name: string;
  institution_name: string | null;
  caseworker_name: string | null;
}

function encodeCursor(openedAt: Date, id: string): string {
  return Buffer.from(`${openedAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { openedAt: string; id: string } | undefined {
  const [openedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!openedAt || !id || Number.isNaN(Date.parse(openedAt)) || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return { openedAt, id };
}

/**
 * Reads of victim files, scoped in SQL to what the actor may see (R22) and
 * recorded in the audit record; a file out of scope answers exactly like one
 * that does not exist. Lists are plain SQL rows (no entity hydration) with
 * keyset pagination, newest first.
 */
@Injectable()
export class FilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly persons: PersonService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, id: string): Promise<FileView | PartnerFileView> {
    const params: unknown[] = [id];
    const scope = fileScope(actor, 'f', params, this.clock.now());
    const view = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [row]: Record<string, any>[] = await manager.query(
        `SELECT f.*, j.name AS jurisdiction_name, o.name AS organisation_name, c.display_name AS caseworker_name, i.name AS institution_name,
                p.name AS person_name, p.sex, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to
           FROM victim_file f
           JOIN person p ON p.id = f.person_id
           JOIN jurisdiction j ON j.code = f.responsible_jurisdiction_code
           JOIN organisation o ON o.id = f.responsible_organisation_id
           LEFT JOIN user_account c ON c.id = f.responsible_caseworker_id
           LEFT JOIN organisation i ON i.id = f.current_institution_id
          WHERE f.id = $1 AND ${scope.where}`,
        params,
      );
      if (!row) return undefined;
      if (scope.audience === 'partner') {
        return {
          audience: 'partner',
          id: row.id,
          reference: row.reference,
          person: PersonService.partnerView({ name: row.person_name, sex: row.sex, birth_date_from: row.birth_date_from, birth_date_to: row.birth_date_to }, this.clock.today()),
        } satisfies PartnerFileView;
      }
      return this.fullView(manager, row);
    });
    if (!view) {
      await this.audit.record({ action: 'file.read', outcome: 'denied', entityType: 'victim_file', entityId: id });
      throw new AppError(CaseErrors.FILE_NOT_FOUND);
    }
    await this.audit.record({ action: 'file.read', outcome: 'allowed', entityType: 'victim_file', entityId: id, fileIds: [id], details: { view: view.audience } });
    return view;
  }

  private async fullView(manager: EntityManager, row: Record<string, any>): Promise<FileView> {
    const fileId: string = row.id;
    const q = (sql: string) => manager.query(sql, [fileId]);
    const [intake] = await q(
      `SELECT n.kind, n.reporting_organisation_id AS "reportingOrganisationId", r.name AS "reportingOrganisation", n.police_case_number AS "policeCaseNumber",
              to_char(n.occurred_on, 'YYYY-MM-DD') AS "occurredOn", n.place_code AS "placeCode", pj.name AS "placeName", n.materials, n.circumstances,
              n.recorded_at AS "recordedAt"
         FROM intake n JOIN organisation r ON r.id = n.reporting_organisation_id JOIN jurisdiction pj ON pj.code = n.place_code WHERE n.file_id = $1`,
    );
    const guardians: Record<string, any>[] = await q(
      `SELECT id, kind, name, relation, id_number_cipher, phone_cipher, address, organisation_id AS "organisationId", to_char(since, 'YYYY-MM-DD') AS since,
              to_char(until, 'YYYY-MM-DD') AS until FROM guardian WHERE file_id = $1 ORDER BY since`,
    );
    const household: Record<string, any>[] = await q(
      `SELECT id, name, relation, id_number_cipher, address, place_code AS "placeCode", recorded_at AS "recordedAt" FROM buyer_household_member WHERE file_id = $1 ORDER BY recorded_at`,
    );
    const [returnHome] = await q(
      `SELECT recipient_name AS "recipientName", relation, recipient_id_cipher, recipient_phone_cipher, address, place_code AS "placeCode",
              to_char(planned_on, 'YYYY-MM-DD') AS "plannedOn", travel_arrangements AS "travelArrangements", escorted_by AS "escortedBy", handed_over_at AS "handedOverAt"
         FROM return_home WHERE file_id = $1`,
    );
    const { recipient_id_cipher, recipient_phone_cipher, ...returnHomeRest } = returnHome ?? {};
    return {
      audience: 'full',
      id: fileId,
      reference: row.reference,
      state: row.state,
      stateLabel: STATE_LABELS[row.state as FileState],
      version: row.version,
      intakeKind: row.intake_kind,
      openedAt: row.opened_at,
      closedAt: row.closed_at,
      responsibleJurisdiction: { code: row.responsible_jurisdiction_code, name: row.jurisdiction_name },
      responsibleOrganisation: { id: row.responsible_organisation_id, name: row.organisation_name },
      responsibleCaseworker: row.responsible_caseworker_id ? { id: row.responsible_caseworker_id, displayName: row.caseworker_name } : null,
      currentInstitution: row.current_institution_id ? { id: row.current_institution_id, name: row.institution_name } : null,
      person: await this.persons.view(manager, row.person_id),
      intake: intake ?? null,
      interviewRecorded: (await q('SELECT 1 FROM interview WHERE file_id = $1')).length > 0,
      guardians: guardians.map(({ id_number_cipher, phone_cipher, ...guardian }) => ({
        ...guardian,
        idNumber: this.cipher.open(id_number_cipher),
        phone: this.cipher.open(phone_cipher),
      })),
      mandatoryReports: await q(
        `SELECT id, suspected_harm AS "suspectedHarm", reported_to AS "reportedTo", reported_at AS "reportedAt", reference FROM mandatory_report WHERE file_id = $1 ORDER BY reported_at`,
      ),
      buyerHousehold: household.map(({ id_number_cipher, ...member }) => ({ ...member, idNumber: this.cipher.open(id_number_cipher) })),
      placements: await q(
        `SELECT p.id, p.institution_id AS "institutionId", o.name AS institution, to_char(p.from_date, 'YYYY-MM-DD') AS "fromDate", to_char(p.to_date, 'YYYY-MM-DD') AS "toDate", p.reason
           FROM placement p JOIN organisation o ON o.id = p.institution_id WHERE p.file_id = $1 ORDER BY p.from_date, p.recorded_at`,
      ),
      assistanceMeasures: await q(
        `SELECT id, kind, description, to_char(provided_on, 'YYYY-MM-DD') AS "providedOn", provided_by_organisation_id AS "providedByOrganisationId",
                amount_yuan::float AS "amountYuan" FROM assistance_measure WHERE file_id = $1 ORDER BY provided_on`,
      ),
      returnHome: returnHome ? { ...returnHomeRest, recipientIdNumber: this.cipher.open(recipient_id_cipher), recipientPhone: this.cipher.open(recipient_phone_cipher) } : null,
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

  async list(actor: Actor, query: ListFilesQuery): Promise<FilePage> {
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
    if (query.q) {
      const forms = searchForms(query.q);
      const conditions: string[] = [];
      if (forms.characters) conditions.push(`n.name LIKE $${params.push(forms.characters.replace(/[%_\\]/g, '\\$&') + '%')}`);
      else if (forms.compact) {
        const compact = `$${params.push(forms.compact + '%')}`;
        conditions.push(`n.pinyin_compact LIKE ${compact}`, `n.initials LIKE ${compact}`);
      }
      if (conditions.length === 0) return { files: [], next: null };
      where.push(`EXISTS (SELECT 1 FROM person_name n WHERE n.person_id = f.person_id AND (${conditions.join(' OR ')}))`);
    }
    if (query.idNumber) {
      const check = checkResidentId(query.idNumber, today);
      const number = check.valid ? check.facts.number : query.idNumber;
      where.push(`p.id_number_index = $${params.push(this.cipher.blindIndex(ID_NUMBER, number))}`);
    }
    if (query.after) {
      const cursor = decodeCursor(query.after);
      if (cursor) where.push(`(f.opened_at, f.id) < ($${params.push(cursor.openedAt)}::timestamptz, $${params.push(cursor.id)}::uuid)`);
    }
    const limit = query.limit ?? 50;
    const rows: ListRow[] = await this.dataSource.query(
      `SELECT f.id, f.reference, f.state, f.opened_at, p.name, p.sex, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from,
              to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to, p.identity_status, f.responsible_jurisdiction_code, j.name AS jurisdiction_name,
              i.name AS institution_name, c.display_name AS caseworker_name
         FROM victim_file f
         JOIN person p ON p.id = f.person_id
         JOIN jurisdiction j ON j.code = f.responsible_jurisdiction_code
         LEFT JOIN organisation i ON i.id = f.current_institution_id
         LEFT JOIN user_account c ON c.id = f.responsible_caseworker_id
        WHERE ${where.join(' AND ')}
        ORDER BY f.opened_at DESC, f.id DESC
        LIMIT ${limit + 1}`,
      params,
    );
    const page = rows.slice(0, limit);
    await this.audit.record({
      action: 'file.list',
      outcome: 'allowed',
      entityType: 'victim_file',
      fileIds: page.map((row) => row.id),
      details: { view: scope.audience, filters: { ...query, idNumber: query.idNumber ? '(given)' : undefined } },
    });
    const last = page[page.length - 1];
    return {
      files: page.map((row) =>
        scope.audience === 'partner'
          ? { audience: 'partner' as const, id: row.id, reference: row.reference, person: PersonService.partnerView(row, today) }
          : {
              audience: 'full' as const,
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
      ),
      next: rows.length > limit && last ? encodeCursor(last.opened_at, last.id) : null,
    };
  }

  async history(actor: Actor, id: string): Promise<Record<string, unknown>[]> {
    const params: unknown[] = [id];
    const scope = fileScope(actor, 'f', params, this.clock.now());
    const visible = scope.audience === 'full' ? await this.dataSource.query(`SELECT 1 FROM victim_file f WHERE f.id = $1 AND ${scope.where}`, params) : [];
    if (visible.length === 0) {
      await this.audit.record({ action: 'file.history', outcome: 'denied', entityType: 'victim_file', entityId: id });
      throw new AppError(CaseErrors.FILE_NOT_FOUND);
    }
    const rows = await this.dataSource.query(
      `SELECT h.id, h.event, h.from_state AS "from", h.to_state AS "to", h.at, h.note, h.approval_id AS "approvalId", u.display_name AS actor
         FROM file_history h LEFT JOIN user_account u ON u.id = h.actor_user_id WHERE h.file_id = $1 ORDER BY h.id`,
      [id],
    );
    await this.audit.record({ action: 'file.history', outcome: 'allowed', entityType: 'victim_file', entityId: id, fileIds: [id] });
    return rows;
  }
}
