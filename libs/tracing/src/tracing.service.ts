import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { addDays, AppError, AUDIT_SINK, Clock, FieldCipher, Outbox, PlatformErrors, QUEUES, yearsBefore, type AuditSink } from '#app/platform';
import { AccessErrors, fileScope, fileWriteScope, prefixOf, ROLE_FILE_REACH, type Actor } from '#app/access';
import { CaseErrors, nameForms } from '#app/case';
import { GIVEN_PINYIN_SQL, givenPinyin, scorePair, type NameForm, type PersonSide, type RequestSide } from './matcher.js';
import type { CandidateDecisionDto, DnaOutcomeDto, DnaRequestDto, DutyNoticeDto, LeadDto, PaternityTestDto, TracingRequestDto } from './tracing.dto.js';
import { TracingErrors } from './errors.js';

/** Candidates at or above this score are kept; the best 20 per file. */
const KEEP_FROM = 0.3;
const KEEP_BEST = 20;

export interface PersonRow {
  file_id: string;
  sex: string;
  birth_date_from: string | null;
  birth_date_to: string | null;
  found_on: string;
  place_codes: string[];
  names: NameForm[] | null;
  marks: string | null;
}

export interface RequestRow {
  id: string;
  sex: string;
  birth_date_from: string;
  birth_date_to: string;
  missing_place_code: string;
  missing_on: string;
  marks: string | null;
  names: NameForm[] | null;
}

const PERSON_SELECT = `
  SELECT f.id AS file_id, p.sex, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
         to_char(f.opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS found_on,
         array_remove(ARRAY[p.origin_place_code, f.place_code] || ARRAY(SELECT l.place_code FROM tracing_lead l WHERE l.file_id = f.id AND l.place_code IS NOT NULL), NULL) AS place_codes,
         (SELECT jsonb_agg(jsonb_build_object('name', n.name, 'compact', n.pinyin_compact, 'initials', n.initials, 'given', ${GIVEN_PINYIN_SQL})) FROM person_name n WHERE n.person_id = p.id) AS names,
         concat_ws(' ', p.disability, (SELECT string_agg(l.text, ' ') FROM tracing_lead l WHERE l.file_id = f.id AND l.kind = 'mark')) AS marks
    FROM victim_file f JOIN person p ON p.id = f.person_id`;

const REQUEST_SELECT = `
  SELECT t.id, t.sex, to_char(t.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(t.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
         t.missing_place_code, to_char(t.missing_on, 'YYYY-MM-DD') AS missing_on, t.marks,
         (SELECT jsonb_agg(jsonb_build_object('name', n.name, 'compact', n.pinyin_compact, 'initials', n.initials, 'given', n.given_pinyin)) FROM tracing_request_name n WHERE n.request_id = t.id) AS names
    FROM tracing_request t`;

/** Unidentified and still in the system: whom tracing is for. */
const UNIDENTIFIED = `p.identity_status IN ('unknown', 'claimed') AND f.state NOT IN ('closed', 'reunified', 'repatriated')`;

function personSide(row: PersonRow): PersonSide {
  return {
    sex: row.sex,
    birthFrom: row.birth_date_from,
    birthTo: row.birth_date_to,
    names: row.names ?? [],
    placeCodes: row.place_codes,
    foundOn: row.found_on,
    marks: row.marks ?? '',
  };
}

function requestSide(row: RequestRow): RequestSide {
  return {
    sex: row.sex,
    birthFrom: row.birth_date_from,
    birthTo: row.birth_date_to,
    names: row.names ?? [],
    missingPlaceCode: row.missing_place_code,
    missingOn: row.missing_on,
    marks: row.marks ?? '',
  };
}

/**
 * Family tracing (R8–R10): families' tracing requests, leads on files, the
 * matcher (queued when either side changes, and on demand), dismissal or
 * referral to the police for a DNA comparison whose outcome the police report
 * — the only basis for reuniting a traced family.
 */
@Injectable()
export class TracingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly outbox: Outbox,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  // ---- tracing requests and leads ------------------------------------------------------------

  async createRequest(actor: Actor, input: TracingRequestDto): Promise<{ id: string; reference: string }> {
    const today = this.clock.today();
    if (input.missingOn > today) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'missingOn', 'the day the person went missing cannot be in the future');
    let birthFrom: string;
    let birthTo: string;
    if (input.birthDate) {
      if (input.ageWhenMissing !== undefined) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'ageWhenMissing', 'give either birthDate or ageWhenMissing, not both');
      birthFrom = birthTo = input.birthDate;
    } else if (input.ageWhenMissing !== undefined) {
      // Aged N on the day: born between N+1 years and N years before it.
      birthFrom = addDays(yearsBefore(input.missingOn, input.ageWhenMissing + 1), 1);
      birthTo = yearsBefore(input.missingOn, input.ageWhenMissing);
    } else {
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'birthDate', 'give the birth date or the age when missing');
    }
    if (birthFrom > input.missingOn || birthTo > today) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'birthDate', 'the person must be born before going missing');
    return this.dataSource.transaction(async (manager) => {
      if ((await manager.query('SELECT 1 FROM jurisdiction WHERE code = $1', [input.missingPlaceCode])).length === 0) {
        throw AppError.field(AccessErrors.UNKNOWN_JURISDICTION, 'missingPlaceCode');
      }
      const reference = `XR-${today.slice(0, 4)}-${randomBytes(4).toString('hex').toUpperCase()}`;
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO tracing_request (reference, sex, birth_date_from, birth_date_to, missing_on, missing_place_code, marks, family_contact_name,
                                      family_contact_relation, family_phone_cipher, police_report_reference, recorded_by, organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          reference,
          input.sex,
          birthFrom,
          birthTo,
          input.missingOn,
          input.missingPlaceCode,
          input.marks ?? null,
          input.familyContact.name,
          input.familyContact.relation ?? null,
          this.cipher.seal('phone', input.familyContact.phone).cipher,
          input.policeReportReference ?? null,
          actor.userId,
          actor.organisationId,
        ],
      );
      for (const entry of input.names) {
        const forms = nameForms(entry.name, entry.kind === 'name');
        await manager.query('INSERT INTO tracing_request_name (request_id, kind, name, pinyin, pinyin_compact, initials, given_pinyin) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          id,
          entry.kind,
          entry.name,
          forms.pinyin,
          forms.compact,
          forms.initials,
          givenPinyin(forms.pinyin, entry.kind),
        ]);
      }
      await this.outbox.publish(manager, QUEUES.tracingMatch, 'request', { requestId: id });
      await this.audit.record({ action: 'tracing.request', outcome: 'allowed', entityType: 'tracing_request', entityId: id }, manager);
      return { id, reference };
    });
  }

  /** R22: the requests an actor may read: recorded by their organisation or within their jurisdiction, or matched to a file they see. */
  private requestScope(actor: Actor, params: unknown[], withCandidates = true): string {
    const reach = ROLE_FILE_REACH[actor.role];
    const own = `t.organisation_id = $${params.push(actor.organisationId)}`;
    if (reach === 'jurisdiction') {
      const prefix = `$${params.push(prefixOf(actor.jurisdictionCode) + '%')}`;
      const within = `(t.missing_place_code LIKE ${prefix} OR EXISTS (SELECT 1 FROM organisation o WHERE o.id = t.organisation_id AND o.jurisdiction_code LIKE ${prefix}))`;
      if (!withCandidates) return `(${own} OR ${within})`;
      const scope = fileScope(actor, 'f', params, this.clock.now());
      return `(${own} OR ${within} OR EXISTS (SELECT 1 FROM match_candidate c JOIN victim_file f ON f.id = c.file_id WHERE c.request_id = t.id AND ${scope.where}))`;
    }
    if (actor.role === 'police_liaison') {
      if (!withCandidates) return own;
      return `(${own} OR EXISTS (SELECT 1 FROM dna_comparison d JOIN match_candidate c ON c.id = d.candidate_id WHERE c.request_id = t.id AND d.police_organisation_id = $${params.push(actor.organisationId)}))`;
    }
    return 'false';
  }

  async listRequests(actor: Actor, status: 'open' | 'found' | 'closed' | 'all'): Promise<Record<string, unknown>[]> {
    const params: unknown[] = [];
    const where = [this.requestScope(actor, params)];
    if (status !== 'all') where.push(`t.status = $${params.push(status)}`);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT t.id, t.reference, t.sex, to_char(t.missing_on, 'YYYY-MM-DD') AS "missingOn", t.missing_place_code AS "missingPlaceCode", j.name AS "missingPlace",
              t.status, t.created_at AS "createdAt",
              (SELECT string_agg(n.name, '、' ORDER BY n.kind DESC) FROM tracing_request_name n WHERE n.request_id = t.id) AS names,
              (SELECT count(*)::int FROM match_candidate c WHERE c.request_id = t.id AND c.status = 'open') AS "openCandidates"
         FROM tracing_request t JOIN jurisdiction j ON j.code = t.missing_place_code
        WHERE ${where.join(' AND ')} ORDER BY t.created_at DESC LIMIT 500`,
      params,
    );
    await this.audit.record({ action: 'tracing.request_list', outcome: 'allowed', entityType: 'tracing_request', details: { status, count: rows.length } });
    return rows;
  }

  async getRequest(actor: Actor, id: string): Promise<Record<string, unknown>> {
    const params: unknown[] = [id];
    const scope = this.requestScope(actor, params);
    const [row]: Record<string, any>[] = await this.dataSource.query(
      `SELECT t.id, t.reference, t.sex, to_char(t.birth_date_from, 'YYYY-MM-DD') AS "birthDateFrom", to_char(t.birth_date_to, 'YYYY-MM-DD') AS "birthDateTo",
              to_char(t.missing_on, 'YYYY-MM-DD') AS "missingOn", t.missing_place_code AS "missingPlaceCode", j.name AS "missingPlace", t.marks,
              t.family_contact_name AS "familyContactName", t.family_contact_relation AS "familyContactRelation", t.family_phone_cipher,
              t.police_report_reference AS "policeReportReference", t.status, t.closed_reason AS "closedReason", t.created_at AS "createdAt",
              (SELECT jsonb_agg(jsonb_build_object('name', n.name, 'kind', n.kind)) FROM tracing_request_name n WHERE n.request_id = t.id) AS names
         FROM tracing_request t JOIN jurisdiction j ON j.code = t.missing_place_code WHERE t.id = $1 AND ${scope}`,
      params,
    );
    if (!row) {
      await this.audit.record({ action: 'tracing.request_read', outcome: 'denied', entityType: 'tracing_request', entityId: id });
      throw new AppError(TracingErrors.REQUEST_NOT_FOUND);
    }
    const { family_phone_cipher, ...rest } = row;
    await this.audit.record({ action: 'tracing.request_read', outcome: 'allowed', entityType: 'tracing_request', entityId: id });
    return { ...rest, familyPhone: this.cipher.open(family_phone_cipher) };
  }

  /** The family found the person another way, or withdrew: the request leaves matching; its open candidates are set aside. */
  async closeRequest(actor: Actor, id: string, reason: string): Promise<{ id: string; status: string }> {
    let denied = false;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const params: unknown[] = [id];
        const [row]: { status: string }[] = await manager.query(
          `SELECT t.status FROM tracing_request t WHERE t.id = $1 AND ${this.requestScope(actor, params, false)} FOR UPDATE`,
          params,
        );
        if (!row) {
          denied = true;
          throw new AppError(TracingErrors.REQUEST_NOT_FOUND);
        }
        if (row.status !== 'open') throw new AppError(TracingErrors.REQUEST_NOT_OPEN, { details: { status: row.status } });
        await manager.query(`UPDATE tracing_request SET status = 'closed', closed_reason = $2, updated_at = now() WHERE id = $1`, [id, reason]);
        await manager.query(
          `UPDATE match_candidate SET status = 'dismissed', dismissed_reason = $2, decided_by = $3, updated_at = now() WHERE request_id = $1 AND status = 'open'`,
          [id, `寻亲登记已撤销 / request closed: ${reason}`, actor.userId],
        );
        await this.audit.record({ action: 'tracing.request_close', outcome: 'allowed', entityType: 'tracing_request', entityId: id }, manager);
        return { id, status: 'closed' };
      });
    } catch (error) {
      if (denied) await this.audit.record({ action: 'tracing.request_close', outcome: 'denied', entityType: 'tracing_request', entityId: id });
      throw error;
    }
  }

  /** The police unit's list of comparisons asked of it (R9), pending first. */
  async comparisonsForPolice(actor: Actor, status: 'pending' | 'all'): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT d.id, d.police_reference AS "policeReference", to_char(d.requested_on, 'YYYY-MM-DD') AS "requestedOn", d.outcome,
              to_char(d.reported_on, 'YYYY-MM-DD') AS "reportedOn", d.report_reference AS "reportReference",
              f.id AS "fileId", f.reference AS "fileReference", t.id AS "requestId", t.reference AS "requestReference", t.police_report_reference AS "requestPoliceReference"
         FROM dna_comparison d JOIN match_candidate c ON c.id = d.candidate_id JOIN victim_file f ON f.id = d.file_id JOIN tracing_request t ON t.id = c.request_id
        WHERE d.police_organisation_id = $1 AND ($2 = 'all' OR d.outcome = 'pending')
        ORDER BY d.outcome = 'pending' DESC, d.requested_on, d.created_at LIMIT 500`,
      [actor.organisationId, status],
    );
    await this.audit.record({ action: 'tracing.dna_list', outcome: 'allowed', entityType: 'dna_comparison', fileIds: rows.map((row) => row.fileId as string) });
    return rows;
  }

  async addLead(actor: Actor, fileId: string, input: LeadDto): Promise<{ id: string }> {
    return this.onFile(actor, fileId, 'tracing.lead', async (manager) => {
      if (input.placeCode && (await manager.query('SELECT 1 FROM jurisdiction WHERE code = $1', [input.placeCode])).length === 0) {
        throw AppError.field(AccessErrors.UNKNOWN_JURISDICTION, 'placeCode');
      }
      const [{ id }]: { id: string }[] = await manager.query(
        'INSERT INTO tracing_lead (file_id, kind, text, source, place_code, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [fileId, input.kind, input.text, input.source, input.placeCode ?? null, actor.userId],
      );
      await this.outbox.publish(manager, QUEUES.tracingMatch, 'file', { fileId });
      return { result: { id }, entityId: id };
    });
  }

  async tracing(actor: Actor, fileId: string): Promise<Record<string, unknown>> {
    const params: unknown[] = [fileId];
    const scope = fileScope(actor, 'f', params, this.clock.now());
    const visible = scope.audience === 'full' ? await this.dataSource.query(`SELECT 1 FROM victim_file f WHERE f.id = $1 AND ${scope.where}`, params) : [];
    if (visible.length === 0) {
      await this.audit.record({ action: 'tracing.read', outcome: 'denied', entityType: 'victim_file', entityId: fileId });
      throw new AppError(CaseErrors.FILE_NOT_FOUND);
    }
    const q = (sql: string) => this.dataSource.query(sql, [fileId]);
    const view = {
      leads: await q(`SELECT id, kind, text, source, place_code AS "placeCode", recorded_at AS "recordedAt" FROM tracing_lead WHERE file_id = $1 ORDER BY recorded_at`),
      candidates: await q(
        `SELECT c.id, c.request_id AS "requestId", t.reference AS "requestReference", c.score::float AS score, c.features, c.status, c.dismissed_reason AS "dismissedReason"
           FROM match_candidate c JOIN tracing_request t ON t.id = c.request_id WHERE c.file_id = $1 ORDER BY c.status = 'open' DESC, c.score DESC`,
      ),
      dnaComparisons: await q(
        `SELECT d.id, d.candidate_id AS "candidateId", o.name AS police, d.police_reference AS "policeReference", to_char(d.requested_on, 'YYYY-MM-DD') AS "requestedOn",
                d.outcome, to_char(d.reported_on, 'YYYY-MM-DD') AS "reportedOn", d.report_reference AS "reportReference"
           FROM dna_comparison d JOIN organisation o ON o.id = d.police_organisation_id WHERE d.file_id = $1 ORDER BY d.created_at`,
      ),
      refusedPaternityTests: await q(`SELECT offered_by AS "offeredBy", to_char(offered_on, 'YYYY-MM-DD') AS "offeredOn", note FROM private_paternity_test WHERE file_id = $1`),
      dutyOfCareNotices: await q(
        `SELECT relatives, to_char(notified_on, 'YYYY-MM-DD') AS "notifiedOn", method, note FROM duty_of_care_notice WHERE file_id = $1 ORDER BY notified_on`,
      ),
    };
    await this.audit.record({ action: 'tracing.read', outcome: 'allowed', entityType: 'victim_file', entityId: fileId, fileIds: [fileId] });
    return view;
  }

  // ---- matching -----------------------------------------------------------------------------

  /** Candidates for one unidentified person: requests of a compatible sex and age, sharing a name form or the prefecture. */
  async matchFile(fileId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const blocked = await this.requestsFor(fileId, manager);
    if (!blocked) return 0;
    const { person, requests } = blocked;
    const scored = requests
      .map((request) => ({ request, result: scorePair(personSide(person), requestSide(request)) }))
      .filter((entry) => entry.result && entry.result.score >= KEEP_FROM)
      .sort((a, b) => b.result!.score - a.result!.score)
      .slice(0, KEEP_BEST);
    await this.upsertCandidates(
      manager,
      scored.map(({ request, result }) => ({ fileId, requestId: request.id, ...result! })),
    );
    return scored.length;
  }

  /**
   * Blocking: the open requests worth scoring for one person, out of all of
   * them — a compatible sex and age, and a name form or the prefecture in
   * common. Public for bench/matching, which measures the scoring against it.
   */
  async requestsFor(fileId: string, manager: EntityManager = this.dataSource.manager): Promise<{ person: PersonRow; requests: RequestRow[] } | undefined> {
    const [person]: PersonRow[] = await manager.query(`${PERSON_SELECT} WHERE f.id = $1 AND ${UNIDENTIFIED}`, [fileId]);
    if (!person) return undefined;
    const names = person.names ?? [];
    const prefectures = [...new Set(person.place_codes.map((code) => code.slice(0, 4)))];
    // Two index-driven blocks, united: a name form in common (characters, pinyin, initials, the given name
    // in characters or in pinyin), or the same prefecture at a closely matching age.
    const requests: RequestRow[] = await manager.query(
      `WITH blocked AS (
         SELECT n.request_id FROM tracing_request_name n
          WHERE n.name = ANY($5::text[]) OR n.pinyin_compact = ANY($6::text[]) OR n.initials = ANY($7::text[]) OR right(n.name, 2) = ANY($8::text[])
             OR n.given_pinyin = ANY($10::text[])
         UNION
         SELECT t.id FROM tracing_request t
          WHERE t.status = 'open' AND left(t.missing_place_code, 4) = ANY($9::text[]) AND ($1 = 'unknown' OR t.sex IN ($1, 'unknown'))
            AND ($2::date IS NULL OR (t.birth_date_from <= $3::date + interval '1 year' AND t.birth_date_to >= $2::date - interval '1 year'))
       )
       ${REQUEST_SELECT} JOIN blocked b ON b.request_id = t.id
        WHERE t.status = 'open'
          AND ($1 = 'unknown' OR t.sex IN ($1, 'unknown'))
          AND ($2::date IS NULL OR (t.birth_date_from <= $3::date + interval '3 years' AND t.birth_date_to >= $2::date - interval '3 years'))
          AND t.missing_on <= $4::date
        LIMIT 5000`,
      [
        person.sex,
        person.birth_date_from,
        person.birth_date_to,
        person.found_on,
        names.map((n) => n.name),
        names.map((n) => n.compact).filter(Boolean),
        names.map((n) => n.initials).filter((i) => i.length >= 2),
        names.map((n) => n.name.slice(-2)).filter((g) => g.length === 2),
        prefectures,
        names.map((n) => n.given).filter(Boolean),
      ],
    );
    return { person, requests };
  }

  /** Candidates for one request among the unidentified people in care. */
  async matchRequest(requestId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [request]: RequestRow[] = await manager.query(`${REQUEST_SELECT} WHERE t.id = $1 AND t.status = 'open'`, [requestId]);
    if (!request) return 0;
    const names = request.names ?? [];
    const people: PersonRow[] = await manager.query(
      `${PERSON_SELECT}
        WHERE ${UNIDENTIFIED}
          AND ($1 = 'unknown' OR p.sex IN ($1, 'unknown'))
          AND (p.birth_date_from IS NULL OR (p.birth_date_from <= $3::date + interval '3 years' AND p.birth_date_to >= $2::date - interval '3 years'))
          AND (EXISTS (SELECT 1 FROM person_name n WHERE n.person_id = p.id
                        AND (n.name = ANY($4::text[]) OR n.pinyin_compact = ANY($5::text[]) OR n.initials = ANY($6::text[]) OR right(n.name, 2) = ANY($7::text[])
                             OR ${GIVEN_PINYIN_SQL} = ANY($9::text[])))
               OR left(f.place_code, 4) = $8 OR left(p.origin_place_code, 4) = $8
               OR EXISTS (SELECT 1 FROM tracing_lead l WHERE l.file_id = f.id AND left(l.place_code, 4) = $8))
        LIMIT 5000`,
      [
        request.sex,
        request.birth_date_from,
        request.birth_date_to,
        names.map((n) => n.name),
        names.map((n) => n.compact).filter(Boolean),
        names.map((n) => n.initials).filter((i) => i.length >= 2),
        names.map((n) => n.name.slice(-2)).filter((g) => g.length === 2),
        request.missing_place_code.slice(0, 4),
        names.map((n) => n.given).filter(Boolean),
      ],
    );
    const kept = people
      .map((person) => ({ fileId: person.file_id, requestId: request.id, result: scorePair(personSide(person), requestSide(request)) }))
      .filter((entry) => entry.result && entry.result.score >= KEEP_FROM)
      .map(({ fileId, requestId, result }) => ({ fileId, requestId, ...result! }));
    await this.upsertCandidates(manager, kept);
    return kept.length;
  }

  /** In one statement. New scores refresh open candidates; a decision already taken (dismissed, referred…) stays. */
  private async upsertCandidates(manager: EntityManager, candidates: { fileId: string; requestId: string; score: number; features: unknown }[]): Promise<void> {
    if (candidates.length === 0) return;
    await manager.query(
      `INSERT INTO match_candidate (file_id, request_id, score, features)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::jsonb[])
       ON CONFLICT (file_id, request_id) DO UPDATE SET score = EXCLUDED.score, features = EXCLUDED.features, updated_at = now()
        WHERE match_candidate.status = 'open'`,
      [candidates.map((c) => c.fileId), candidates.map((c) => c.requestId), candidates.map((c) => c.score), candidates.map((c) => JSON.stringify(c.features))],
    );
  }

  /** On demand: match now and answer with the file's candidates. */
  async matchNow(actor: Actor, fileId: string): Promise<Record<string, unknown>> {
    await this.onFile(actor, fileId, 'tracing.match', async (manager) => {
      const found = await this.matchFile(fileId, manager);
      return { result: found, entityId: fileId };
    });
    return this.tracing(actor, fileId);
  }

  // ---- decisions and the police -------------------------------------------------------------

  async dismiss(actor: Actor, candidateId: string, input: CandidateDecisionDto): Promise<{ id: string; status: string }> {
    return this.onCandidate(actor, candidateId, 'tracing.dismiss', async (manager, candidate) => {
      if (candidate.status !== 'open') throw new AppError(TracingErrors.CANDIDATE_DECIDED, { details: { status: candidate.status } });
      await manager.query(`UPDATE match_candidate SET status = 'dismissed', dismissed_reason = $2, decided_by = $3, updated_at = now() WHERE id = $1`, [
        candidateId,
        input.reason,
        actor.userId,
      ]);
      return { id: candidateId, status: 'dismissed' };
    });
  }

  /** The police alone compare DNA (R9): huijia records that a comparison was asked for, by whom, under which reference. */
  async requestDna(actor: Actor, candidateId: string, input: DnaRequestDto): Promise<{ id: string }> {
    return this.onCandidate(actor, candidateId, 'tracing.dna_request', async (manager, candidate) => {
      // Open, or back from the police inconclusive: a new comparison may be asked for; never two at once.
      const pending = await manager.query(`SELECT 1 FROM dna_comparison WHERE candidate_id = $1 AND outcome = 'pending'`, [candidateId]);
      if (!(candidate.status === 'open' || (candidate.status === 'referred_to_police' && pending.length === 0))) {
        throw new AppError(TracingErrors.CANDIDATE_DECIDED, { details: { status: candidate.status, pendingComparison: pending.length > 0 } });
      }
      if (input.requestedOn > this.clock.today()) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'requestedOn', 'must not be in the future');
      const [police]: { kind: string }[] = await manager.query('SELECT kind FROM organisation WHERE id = $1 AND active', [input.policeOrganisationId]);
      if (police?.kind !== 'public_security') throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'policeOrganisationId', 'must be a public security unit');
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO dna_comparison (candidate_id, file_id, police_organisation_id, police_reference, requested_on, requested_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [candidateId, candidate.file_id, input.policeOrganisationId, input.policeReference, input.requestedOn, actor.userId],
      );
      await manager.query(`UPDATE match_candidate SET status = 'referred_to_police', decided_by = $2, updated_at = now() WHERE id = $1`, [candidateId, actor.userId]);
      // The unit sees the minimal view of the file while it compares.
      await manager.query(`INSERT INTO file_access_grant (file_id, organisation_id, source, source_id) VALUES ($1, $2, 'dna_comparison', $3)`, [
        candidate.file_id,
        input.policeOrganisationId,
        id,
      ]);
      return { id };
    });
  }

  /** The outcome the police report; a match makes the candidate confirmed and the request found. */
  async reportOutcome(actor: Actor, comparisonId: string, input: DnaOutcomeDto): Promise<{ id: string; outcome: string }> {
    if (input.reportedOn > this.clock.today()) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'reportedOn', 'must not be in the future');
    return this.dataSource.transaction(async (manager) => {
      const [comparison]: { id: string; candidate_id: string; file_id: string; outcome: string; request_id: string }[] = await manager.query(
        `SELECT d.id, d.candidate_id, d.file_id, d.outcome, c.request_id FROM dna_comparison d JOIN match_candidate c ON c.id = d.candidate_id
          WHERE d.id = $1 AND d.police_organisation_id = $2 FOR UPDATE OF d`,
        [comparisonId, actor.organisationId],
      );
      if (!comparison) {
        await this.audit.record({ action: 'tracing.dna_outcome', outcome: 'denied', entityType: 'dna_comparison', entityId: comparisonId });
        throw new AppError(TracingErrors.COMPARISON_NOT_FOUND);
      }
      if (comparison.outcome !== 'pending') throw new AppError(TracingErrors.OUTCOME_REPORTED, { details: { outcome: comparison.outcome } });
      await manager.query(`UPDATE dna_comparison SET outcome = $2, reported_on = $3, report_reference = $4, reported_by = $5 WHERE id = $1`, [
        comparisonId,
        input.outcome,
        input.reportedOn,
        input.reportReference,
        actor.userId,
      ]);
      const status = input.outcome === 'match' ? 'confirmed' : input.outcome === 'no_match' ? 'ruled_out' : 'referred_to_police';
      await manager.query('UPDATE match_candidate SET status = $2, updated_at = now() WHERE id = $1', [comparison.candidate_id, status]);
      if (input.outcome === 'match') await manager.query(`UPDATE tracing_request SET status = 'found', updated_at = now() WHERE id = $1`, [comparison.request_id]);
      await manager.query(`UPDATE file_access_grant SET revoked_at = $2 WHERE source = 'dna_comparison' AND source_id = $1 AND revoked_at IS NULL`, [
        comparisonId,
        this.clock.now(),
      ]);
      await this.outbox.emit(manager, { type: 'tracing.dna_outcome', subjectId: comparison.file_id, data: { comparisonId, outcome: input.outcome } });
      await this.audit.record(
        {
          action: 'tracing.dna_outcome',
          outcome: 'allowed',
          entityType: 'dna_comparison',
          entityId: comparisonId,
          fileIds: [comparison.file_id],
          details: { outcome: input.outcome },
        },
        manager,
      );
      return { id: comparisonId, outcome: input.outcome };
    });
  }

  /** R10: a family's private paternity test is recorded as refused; it never satisfies the reunification guard. */
  async refusePaternityTest(actor: Actor, fileId: string, input: PaternityTestDto): Promise<{ id: string; refused: true }> {
    if (input.offeredOn > this.clock.today()) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'offeredOn', 'must not be in the future');
    return this.onFile(actor, fileId, 'tracing.paternity_test_refused', async (manager) => {
      const [{ id }]: { id: string }[] = await manager.query(
        'INSERT INTO private_paternity_test (file_id, offered_by, offered_on, note, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [fileId, input.offeredBy, input.offeredOn, input.note ?? null, actor.userId],
      );
      return { result: { id, refused: true as const }, entityId: id };
    });
  }

  /** R8: the relatives found were told of their duties of care — who, when, how. */
  async recordDutyNotice(actor: Actor, fileId: string, input: DutyNoticeDto): Promise<{ id: string }> {
    if (input.notifiedOn > this.clock.today()) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'notifiedOn', 'must not be in the future');
    return this.onFile(actor, fileId, 'tracing.duty_notice', async (manager) => {
      const [{ id }]: { id: string }[] = await manager.query(
        'INSERT INTO duty_of_care_notice (file_id, relatives, notified_on, method, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [fileId, input.relatives, input.notifiedOn, input.method, input.note ?? null, actor.userId],
      );
      return { result: { id }, entityId: id };
    });
  }

  private async onFile<T>(actor: Actor, fileId: string, action: string, work: (manager: EntityManager) => Promise<{ result: T; entityId: string }>): Promise<T> {
    let denied = false;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const params: unknown[] = [fileId];
        const found = await manager.query(`SELECT f.id FROM victim_file f WHERE f.id = $1 AND ${fileWriteScope(actor, 'f', params)} FOR UPDATE OF f`, params);
        if (found.length === 0) {
          denied = true;
          throw new AppError(CaseErrors.FILE_NOT_FOUND);
        }
        const { result, entityId } = await work(manager);
        await this.audit.record({ action, outcome: 'allowed', entityType: action.split('.')[0], entityId, fileIds: [fileId] }, manager);
        return result;
      });
    } catch (error) {
      if (denied) await this.audit.record({ action, outcome: 'denied', entityType: 'victim_file', entityId: fileId });
      throw error;
    }
  }

  private async onCandidate<T>(
    actor: Actor,
    candidateId: string,
    action: string,
    work: (manager: EntityManager, candidate: { id: string; file_id: string; status: string }) => Promise<T>,
  ): Promise<T> {
    let denied = false;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const params: unknown[] = [candidateId];
        const [candidate]: { id: string; file_id: string; status: string }[] = await manager.query(
          `SELECT c.id, c.file_id, c.status FROM match_candidate c JOIN victim_file f ON f.id = c.file_id WHERE c.id = $1 AND ${fileWriteScope(actor, 'f', params)} FOR UPDATE OF c`,
          params,
        );
        if (!candidate) {
          denied = true;
          throw new AppError(TracingErrors.CANDIDATE_NOT_FOUND);
        }
        const result = await work(manager, candidate);
        await this.audit.record({ action, outcome: 'allowed', entityType: 'match_candidate', entityId: candidateId, fileIds: [candidate.file_id] }, manager);
        return result;
      });
    } catch (error) {
      if (denied) await this.audit.record({ action, outcome: 'denied', entityType: 'match_candidate', entityId: candidateId });
      throw error;
    }
  }
}
