import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ageRange, chinaDate, FieldCipher } from '#app/platform';
import { WorkingCalendar } from '#app/followup';
import { KIND_RULES, REFERRAL_KINDS, type BaseField, type DisclosureCategory, type ReferralKind } from '../kinds.js';
import { OPEN_STATES, REFERRAL_STATE_LABELS, type ReferralStatus } from '../lifecycle.js';
import { consentStandsSql } from '../shared/consents.js';
import { daySql, isoSql, type ReferralDetails } from '../shared/referral-row.js';
import type {
  ContactSeenView,
  DisabilityAssessmentView,
  DisclosedPersonView,
  EnrolmentView,
  GuardianContactView,
  KindRecordsView,
  MedicalMeasureSeenView,
  NeedsSeenView,
  PartnerReferralListItem,
  PartnerReferralView,
  ReferralCoreView,
  ReferralDeadlineView,
  ReferralHistoryEntry,
  ReferralNoteView,
  ReferralOutcomeView,
  ReferrerReferralView,
} from './referral.view.js';

/** A page query's rows: the view's columns (keysetPage strips its sort keys before the view sees them). */
export type ViewRow = CoreRow & Record<string, unknown>;

interface CoreRow {
  id: string;
  file_id: string;
  kind: ReferralKind;
  status: ReferralStatus;
  version: number;
  green_channel: boolean;
  organisation_id: string;
  organisation_name: string;
  reference: string;
  purpose: string;
  details: ReferralDetails;
  accept_by: Date | null;
  complete_by: string | null;
  outcome: ReferralOutcomeView | null;
  decline_reason: string | null;
  withdraw_reason: string | null;
  sent_at: Date | null;
  disclosed: DisclosureCategory[];
}

interface ReferrerRow extends CoreRow {
  withheld: DisclosureCategory[];
  notes: ReferralNoteView[];
  history: ReferralHistoryEntry[];
  assessments: DisabilityAssessmentView[];
  enrolment: EnrolmentView | null;
  kind_records: KindRecordsView;
}

interface PartnerRow extends CoreRow {
  /** The categories disclosed whose consent still stands: all the partner sees of them (R16). */
  shown: DisclosureCategory[];
  notes?: ReferralNoteView[];
  history?: ReferralHistoryEntry[];
  assessments?: DisabilityAssessmentView[];
  enrolment?: EnrolmentView | null;
  kind_records?: KindRecordsView;
  open: boolean;
  name: string | null;
  sex: DisclosedPersonView['sex'];
  birth_date_from: string | null;
  birth_date_to: string | null;
  languages: string[];
  disability: string | null;
  nationality: string | null;
  travel_document: { type: string | null; country: string | null; number: string } | null;
  id_number_cipher: Buffer | null;
  guardians: { name: string; relation: string | null; phone: string | null }[] | null;
  medical_measures: MedicalMeasureSeenView[] | null;
  contacts: { label: string; phone: string | null; address: string | null }[] | null;
  circumstances: string | null;
  needs: NeedsSeenView | null;
}

/** The partner sees the person while its referral is open and the file is not closed (R16, R22). */
const OPEN = `(r.status IN (${OPEN_STATES.map((state) => `'${state}'`).join(', ')}) AND f.state <> 'closed')`;
const FROM = 'referral r JOIN organisation o ON o.id = r.organisation_id JOIN victim_file f ON f.id = r.file_id';
const CORE = `r.id, r.file_id, r.kind, r.status, r.version, r.green_channel, r.organisation_id, o.name AS organisation_name, f.reference, r.purpose, r.details,
  r.accept_by, ${daySql('r.complete_by')} AS complete_by, r.outcome, r.decline_reason, r.withdraw_reason, r.sent_at, r.disclosed`;

/** One note (`n`, its author `nu`, their organisation `nauthor`) with its corrections, as JSON. */
const NOTE_JSON = `json_build_object(
  'id', n.id, 'kind', n.kind, 'text', n.text, 'visitedOn', ${daySql('n.visited_on')}, 'author', nu.display_name, 'organisation', nauthor.name,
  'createdAt', ${isoSql('n.created_at')},
  'corrections', COALESCE((
    SELECT json_agg(json_build_object('id', c.id, 'text', c.text, 'visitedOn', ${daySql('c.visited_on')}, 'reason', c.reason, 'author', cu.display_name,
                                      'organisation', cauthor.name, 'createdAt', ${isoSql('c.created_at')}) ORDER BY c.created_at, c.id)
      FROM referral_note_correction c JOIN user_account cu ON cu.id = c.author_user_id JOIN organisation cauthor ON cauthor.id = c.author_organisation_id
     WHERE c.note_id = n.id), '[]'::json))`;
const NOTE_FROM = 'referral_note n JOIN user_account nu ON nu.id = n.author_user_id JOIN organisation nauthor ON nauthor.id = n.author_organisation_id';

const NOTES = `COALESCE((SELECT json_agg(${NOTE_JSON} ORDER BY n.created_at, n.id) FROM ${NOTE_FROM} WHERE n.referral_id = r.id), '[]'::json) AS notes`;

const HISTORY = `COALESCE((
  SELECT json_agg(json_build_object('event', h.event, 'from', h.from_status, 'to', h.to_status, 'note', h.note, 'at', ${isoSql('h.at')}, 'actor', hu.display_name) ORDER BY h.id)
    FROM referral_history h LEFT JOIN user_account hu ON hu.id = h.actor_user_id WHERE h.referral_id = r.id), '[]'::json) AS history`;

/** The categories disclosed to the referral `r` whose consent stands (R16), or (`standing` false) whose consent was withdrawn since. */
const disclosedWhile = (standing: boolean) =>
  `ARRAY(SELECT c.category FROM unnest(r.disclosed) WITH ORDINALITY AS c(category, position) WHERE ${standing ? '' : 'NOT '}${consentStandsSql('r.file_id', 'c.category')} ORDER BY c.position)`;

/** The rows of a kind's record table `t` of the referral `r`, as a JSON array in the order recorded. */
const kindRows = (table: string, fields: string, join = '') =>
  `COALESCE((SELECT json_agg(json_build_object('id', t.id, ${fields}, 'recordedAt', ${isoSql('t.recorded_at')}) ORDER BY t.recorded_at, t.id)
     FROM ${table} t ${join} WHERE t.referral_id = r.id), '[]'::json)`;

/** R15, R18, R19: the records of its kind the partner kept on the referral. */
const KIND_RECORDS = `json_build_object(
  'trainingCourses', ${kindRows('training_course', `'name', t.name, 'provider', t.provider, 'startsOn', ${daySql('t.starts_on')}, 'endsOn', ${daySql('t.ends_on')}, 'status', t.status`)},
  'certificates', ${kindRows('training_certificate', `'name', t.name, 'number', t.number, 'issuedOn', ${daySql('t.issued_on')}`)},
  'jobs', ${kindRows(
    'job_placement_record',
    `'employer', t.employer, 'position', t.position, 'startsOn', ${daySql('t.starts_on')}, 'placeCode', t.place_code, 'placeName', pj.name,
     'elsewhere', NOT (t.place_code LIKE fj.prefix || '%')`,
    'JOIN jurisdiction pj ON pj.code = t.place_code JOIN jurisdiction fj ON fj.code = f.responsible_jurisdiction_code',
  )},
  'legalAidSteps', ${kindRows('legal_aid_step', `'kind', t.kind, 'takenOn', ${daySql('t.taken_on')}, 'note', t.note`)},
  'handover', (SELECT json_build_object('id', t.id, 'handedOverOn', ${daySql('t.handed_over_on')}, 'place', t.place, 'receivingAuthority', t.receiving_authority,
                      'receivingCountry', t.receiving_country, 'travelDocumentRef', t.travel_document_ref, 'recordedAt', ${isoSql('t.recorded_at')})
                 FROM repatriation_handover t WHERE t.referral_id = r.id))`;

const RECORDS = `COALESCE((
  SELECT json_agg(json_build_object('id', a.id, 'category', a.category, 'grade', a.grade, 'assessedOn', ${daySql('a.assessed_on')}, 'assessedBy', a.assessed_by)
                  ORDER BY a.recorded_at, a.id)
    FROM disability_assessment a WHERE a.referral_id = r.id), '[]'::json) AS assessments,
  (SELECT json_build_object('grade', e.grade, 'className', e.class_name, 'enrolledOn', ${daySql('e.enrolled_on')}) FROM enrolment e WHERE e.referral_id = r.id) AS enrolment,
  ${KIND_RECORDS} AS kind_records`;

/** The kinds whose partner sees a base field (R16). */
function kindsSeeing(field: BaseField): ReferralKind[] {
  return REFERRAL_KINDS.filter((kind) => KIND_RULES[kind].base.includes(field));
}

/**
 * The referral views as SQL: each page of referrals, whatever its size, is one
 * statement — notes, history and the kinds' records as json_agg subqueries,
 * and for the partner the person's disclosed fields, each computed only when
 * the kind or a consented disclosure lets the partner see it (R16) and only
 * while the referral is open. Callers add their WHERE, ORDER BY and keys.
 */
@Injectable()
export class ReferralViewsQuery {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly calendar: WorkingCalendar,
  ) {}

  readonly from = FROM;

  referrerColumns(): string {
    return `${CORE}, ${disclosedWhile(false)} AS withheld, ${NOTES}, ${HISTORY}, ${RECORDS}`;
  }

  /** The partner's columns; `today` decides which guardians are current. */
  partnerColumns(params: unknown[], today: string, withNotes: boolean): string {
    const guardianKinds = `$${params.push(kindsSeeing('guardianContact'))}::text[]`;
    const travelKinds = `$${params.push(kindsSeeing('travelDocument'))}::text[]`;
    const day = `$${params.push(today)}::date`;
    const disclosed = (category: DisclosureCategory) => `${OPEN} AND '${category}' = ANY(d.shown)`;
    return `${CORE}${withNotes ? `, ${NOTES}, ${HISTORY}, ${RECORDS}` : ''}, ${OPEN} AS open, d.shown,
      p.name, p.sex, ${daySql('p.birth_date_from')} AS birth_date_from, ${daySql('p.birth_date_to')} AS birth_date_to, p.languages, p.disability, p.nationality,
      CASE WHEN ${OPEN} AND r.kind = ANY(${travelKinds}) AND p.travel_document_cipher IS NOT NULL
           THEN json_build_object('type', p.travel_document_type, 'country', p.travel_document_country, 'number', encode(p.travel_document_cipher, 'base64')) END AS travel_document,
      CASE WHEN ${disclosed('identity')} THEN p.id_number_cipher END AS id_number_cipher,
      CASE WHEN ${OPEN} AND (r.kind = ANY(${guardianKinds}) OR 'family' = ANY(d.shown)) THEN COALESCE((
        SELECT json_agg(json_build_object('name', g.name, 'relation', g.relation, 'phone', encode(g.phone_cipher, 'base64')) ORDER BY g.since, g.recorded_at, g.id)
          FROM guardian g WHERE g.file_id = r.file_id AND g.removed_at IS NULL AND (g.until IS NULL OR g.until >= ${day})), '[]'::json) END AS guardians,
      CASE WHEN ${disclosed('medical')} THEN COALESCE((
        SELECT json_agg(json_build_object('kind', m.kind, 'description', m.description, 'providedOn', ${daySql('m.provided_on')}) ORDER BY m.provided_on, m.recorded_at, m.id)
          FROM assistance_measure m WHERE m.file_id = r.file_id AND m.kind IN ('medical', 'psychological')), '[]'::json) END AS medical_measures,
      CASE WHEN ${disclosed('contacts')} THEN COALESCE((
        SELECT json_agg(json_build_object('label', c.label, 'phone', encode(c.phone_cipher, 'base64'), 'address', c.address) ORDER BY c.label, c.id)
          FROM person_contact c WHERE c.person_id = p.id), '[]'::json) END AS contacts,
      CASE WHEN ${disclosed('trafficking_history')} THEN (SELECT i.circumstances FROM interview i WHERE i.file_id = r.file_id) END AS circumstances,
      CASE WHEN ${disclosed('needs')} THEN (SELECT json_build_object('needs', i.needs, 'note', i.needs_note, 'wishes', i.wishes) FROM interview i WHERE i.file_id = r.file_id) END AS needs`;
  }

  /** The partner's FROM: the referral with the person (`p`) and the disclosures whose consent stands (`d.shown`, R16). */
  readonly partnerFrom = `${FROM} JOIN person p ON p.id = f.person_id CROSS JOIN LATERAL (SELECT ${disclosedWhile(true)}::text[] AS shown) d`;

  toReferrer(row: ViewRow): ReferrerReferralView {
    const referrer = row as unknown as ReferrerRow;
    return {
      ...this.core(referrer),
      audience: 'referrer',
      fileId: referrer.file_id,
      withheld: referrer.withheld,
      notes: referrer.notes,
      history: referrer.history,
      assessments: referrer.assessments,
      enrolment: referrer.enrolment,
      records: referrer.kind_records,
    };
  }

  toPartnerItem(row: ViewRow, today: string): PartnerReferralListItem {
    const partner = row as unknown as PartnerRow;
    // A category whose consent was withdrawn is no longer disclosed to the partner, nor named to it (R16).
    const item: PartnerReferralListItem = { ...this.core(partner), disclosed: partner.shown, audience: 'partner' };
    if (partner.open) {
      item.person = this.person(partner, today);
      const deadline = this.deadline(partner, today);
      if (deadline) item.deadline = deadline;
    }
    return item;
  }

  toPartner(row: ViewRow, today: string): PartnerReferralView {
    const partner = row as unknown as PartnerRow;
    return {
      ...this.toPartnerItem(row, today),
      notes: partner.notes ?? [],
      history: partner.history ?? [],
      assessments: partner.assessments ?? [],
      enrolment: partner.enrolment ?? null,
      records: partner.kind_records ?? { trainingCourses: [], certificates: [], jobs: [], legalAidSteps: [], handover: null },
    };
  }

  /** One referral of the referring side (the caller has checked the scope). */
  async referrer(manager: EntityManager, referralId: string): Promise<ReferrerReferralView> {
    const [row]: ViewRow[] = await manager.query(`SELECT ${this.referrerColumns()} FROM ${FROM} WHERE r.id = $1`, [referralId]);
    return this.toReferrer(row);
  }

  /** One referral as its partner sees it (the caller has checked the scope). */
  async partner(manager: EntityManager, referralId: string, today: string): Promise<PartnerReferralView> {
    const params: unknown[] = [referralId];
    const [row]: ViewRow[] = await manager.query(`SELECT ${this.partnerColumns(params, today, true)} FROM ${this.partnerFrom} WHERE r.id = $1`, params);
    return this.toPartner(row, today);
  }

  /** One note of a referral with its corrections. */
  async note(manager: EntityManager, noteId: string): Promise<ReferralNoteView> {
    const [row]: { note: ReferralNoteView }[] = await manager.query(`SELECT ${NOTE_JSON} AS note FROM ${NOTE_FROM} WHERE n.id = $1`, [noteId]);
    return row.note;
  }

  private core(row: CoreRow): ReferralCoreView {
    return {
      id: row.id,
      kind: row.kind,
      label: KIND_RULES[row.kind].label,
      status: row.status,
      statusLabel: REFERRAL_STATE_LABELS[row.status],
      version: row.version,
      greenChannel: row.green_channel,
      organisation: { id: row.organisation_id, name: row.organisation_name },
      fileReference: row.reference,
      purpose: row.purpose,
      details: row.details,
      acceptBy: row.accept_by,
      completeBy: row.complete_by,
      outcome: row.outcome,
      declineReason: row.decline_reason,
      withdrawReason: row.withdraw_reason,
      sentAt: row.sent_at,
      disclosed: row.disclosed,
    };
  }

  /** The deadline the partner has to meet next, in working days with 调休 (R18): accepting a sent referral, then completing it. */
  private deadline(row: CoreRow, today: string): ReferralDeadlineView | undefined {
    const due =
      row.status === 'sent' && row.accept_by
        ? { kind: 'accept' as const, day: chinaDate(new Date(row.accept_by)) }
        : row.status !== 'sent' && row.complete_by
          ? { kind: 'complete' as const, day: row.complete_by }
          : undefined;
    return due && { ...due, workingDaysLeft: this.calendar.workingDaysBetween(today, due.day), overdue: due.day < today };
  }

  /** What the partner sees of the person (R16): only what was computed for it, each field only when its kind or a disclosure allows. */
  private person(row: PartnerRow, today: string): DisclosedPersonView {
    const out: DisclosedPersonView = { name: row.name, sex: row.sex, age: ageRange(row.birth_date_from, row.birth_date_to, today) ?? null };
    const guardians = (): GuardianContactView[] => (row.guardians ?? []).map((g) => ({ name: g.name, relation: g.relation, phone: this.open(g.phone) }));
    for (const field of KIND_RULES[row.kind].base) {
      if (field === 'gradeLevel') out.gradeLevel = row.details.gradeLevel ?? null;
      if (field === 'guardianContact') out.guardianContact = guardians();
      if (field === 'disability') out.disability = row.disability;
      if (field === 'languages') out.languages = row.languages;
      if (field === 'nationality') out.nationality = row.nationality;
      if (field === 'travelDocument') out.travelDocument = row.travel_document ? { ...row.travel_document, number: this.open(row.travel_document.number)! } : null;
    }
    for (const category of row.shown) {
      if (category === 'identity') out.idNumber = this.cipher.open(row.id_number_cipher);
      if (category === 'family') out.guardians = guardians();
      if (category === 'medical') {
        out.disability = row.disability;
        out.medicalMeasures = row.medical_measures ?? [];
      }
      if (category === 'contacts') out.contacts = (row.contacts ?? []).map((c): ContactSeenView => ({ label: c.label, phone: this.open(c.phone), address: c.address }));
      if (category === 'trafficking_history') out.circumstances = row.circumstances;
      if (category === 'needs') out.needs = row.needs;
    }
    return out;
  }

  /** A cipher that travelled as base64 inside JSON. */
  private open(base64: string | null): string | null {
    return base64 ? this.cipher.decrypt(Buffer.from(base64, 'base64')) : null;
  }
}
