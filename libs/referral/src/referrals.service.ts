import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  addDays,
  addMonths,
  ageRange,
  APP_CONFIG,
  AppError,
  AUDIT_SINK,
  Clock,
  dueAtNine,
  endOfChinaDay,
  FieldCipher,
  Outbox,
  PlatformErrors,
  yearsBefore,
  type AppConfig,
  type AuditSink,
} from '#app/platform';
import { AccessErrors, fileWriteScope, prefixOf, ROLE_FILE_REACH, type Actor } from '#app/access';
import { CaseErrors } from '#app/case';
import { RemindersService, WorkingCalendar } from '#app/followup';
import { ReferralErrors } from './errors.js';
import { KIND_RULES, TRAINING_KINDS, type DisclosureCategory, type ReferralKind } from './kinds.js';
import type { ConsentDto, ContributionDto, CreateReferralDto, DisabilityAssessmentDto, EnrolmentDto, NoteDto, OutcomeDto } from './referral.dto.js';

type Status = 'draft' | 'sent' | 'accepted' | 'declined' | 'in_progress' | 'completed' | 'withdrawn';
type Side = 'referrer' | 'partner';

/** The referral's own small machine (draft → sent → accepted | declined → in_progress → completed | withdrawn). */
const MACHINE: Record<string, { from: readonly Status[]; to: Status; side: Side }> = {
  send: { from: ['draft'], to: 'sent', side: 'referrer' },
  withdraw: { from: ['draft', 'sent', 'accepted', 'in_progress'], to: 'withdrawn', side: 'referrer' },
  accept: { from: ['sent'], to: 'accepted', side: 'partner' },
  decline: { from: ['sent'], to: 'declined', side: 'partner' },
  start: { from: ['accepted'], to: 'in_progress', side: 'partner' },
  complete: { from: ['in_progress'], to: 'completed', side: 'partner' },
};
export type ReferralEvent = keyof typeof MACHINE;

/** While the partner works the case it sees the person; afterwards only its own records of the referral (R16). */
const OPEN: readonly Status[] = ['sent', 'accepted', 'in_progress'];

interface FileFacts {
  id: string;
  reference: string;
  person_id: string;
  responsible_organisation_id: string;
  responsible_jurisdiction_code: string;
  responsible_caseworker_id: string | null;
  birth_date_from: string | null;
  birth_date_to: string | null;
  nationality: string | null;
}

interface ReferralRow {
  id: string;
  file_id: string;
  kind: ReferralKind;
  organisation_id: string;
  referring_organisation_id: string;
  purpose: string;
  status: Status;
  green_channel: boolean;
  disclosed: DisclosureCategory[];
  details: Record<string, unknown>;
  accept_by: Date | null;
  complete_by: string | null;
  outcome: Record<string, unknown> | null;
  decline_reason: string | null;
  withdraw_reason: string | null;
  version: number;
  created_at: Date;
  sent_at: Date | null;
}

const REFERRAL_COLUMNS = `r.id, r.file_id, r.kind, r.organisation_id, r.referring_organisation_id, r.purpose, r.status, r.green_channel, r.disclosed,
  r.details, r.accept_by, to_char(r.complete_by, 'YYYY-MM-DD') AS complete_by, r.outcome, r.decline_reason, r.withdraw_reason, r.version, r.created_at, r.sent_at`;

/**
 * Referrals to partners (R12–R16, R18, R19). A caseworker refers a person to
 * an organisation of the right kind; the partner works it in its own inbox,
 * seeing only the minimum its kind needs plus what was disclosed with consent;
 * deadlines become reminders that escalate; while a referral is open the
 * partner has a grant on the file, which ends with it.
 */
@Injectable()
export class ReferralsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly outbox: Outbox,
    private readonly reminders: RemindersService,
    private readonly calendar: WorkingCalendar,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  // ---- the referring side ------------------------------------------------------------------

  async create(actor: Actor, fileId: string, input: CreateReferralDto): Promise<Record<string, unknown>> {
    return this.refusalsOnRecord('referral.create', fileId, () =>
      this.dataSource.transaction(async (manager) => {
        const file = await this.lockFile(manager, actor, fileId);
        const today = this.clock.today();
        let kind = input.kind;
        const [receiver]: { kind: string; designated: boolean; jurisdiction_code: string }[] = await manager.query(
          'SELECT kind, designated, jurisdiction_code FROM organisation WHERE id = $1 AND active',
          [input.organisationId],
        );
        if (!receiver) throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'organisationId');
        let forcedFrom: ReferralKind | undefined;
        if (TRAINING_KINDS.includes(kind)) {
          const age = ageRange(file.birth_date_from, file.birth_date_to, today);
          if (!age || age.max < 16) throw AppError.field(ReferralErrors.TOO_YOUNG, 'kind', age ? `may be at most ${age.max} today` : 'the age is not known');
          if (age.min < 16 && !input.ageConfirmed) throw AppError.field(ReferralErrors.AGE_CONFIRMATION_REQUIRED, 'ageConfirmed', `the estimated age is ${age.min}–${age.max}`);
          if (!(await this.hasConsent(manager, fileId, 'job_training')))
            throw AppError.field(ReferralErrors.CONSENT_REQUIRED, 'kind', "record the person's consent to job training (category job_training)");
          // R15: 16 and 17 year olds are guided to a technical school.
          if (age.min < 18) {
            forcedFrom = kind;
            kind = 'technical_school';
          }
        }
        const rule = KIND_RULES[kind];
        if (!rule.receivers.includes(receiver.kind as never)) {
          throw AppError.field(ReferralErrors.WRONG_ORGANISATION_KIND, 'organisationId', `a ${kind} referral goes to ${rule.receivers.join(' or ')}, not ${receiver.kind}`);
        }
        if (rule.designatedOnly && !receiver.designated) throw AppError.field(ReferralErrors.NOT_DESIGNATED, 'organisationId');
        if (kind === 'repatriation' && (!file.nationality || file.nationality === 'CN')) throw AppError.field(ReferralErrors.NOT_FOREIGN_NATIONAL, 'kind');
        const details: Record<string, unknown> = { ...(input.details ?? {}) };
        if (kind === 'schooling' || kind === 'technical_school') {
          // Local: the school serves the file's place (within it, or a prefecture school above a county).
          const local =
            receiver.jurisdiction_code.startsWith(prefixOf(file.responsible_jurisdiction_code)) ||
            file.responsible_jurisdiction_code.startsWith(prefixOf(receiver.jurisdiction_code));
          if (!local) {
            // 异地就学: the child studies elsewhere; the caseworker records the contact made to help (R14).
            if (!input.details?.elsewhere)
              throw AppError.field(
                PlatformErrors.VALIDATION_FAILED,
                'details.elsewhere.contactMade',
                'a school in another jurisdiction: record the contact made to help the child in',
              );
            details.elsewhere = { ...input.details.elsewhere, destinationJurisdictionCode: receiver.jurisdiction_code };
          }
        }
        for (const [index, category] of (input.disclose ?? []).entries()) {
          if (!(await this.hasConsent(manager, fileId, category))) {
            throw AppError.field(ReferralErrors.CONSENT_REQUIRED, `disclose[${index}]`, `no consent of the person or guardian to share ${category}`);
          }
        }
        if (input.completeBy && input.completeBy < today) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'completeBy', 'must not be in the past');
        if (input.acceptBy && input.acceptBy < today) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'acceptBy', 'must not be in the past');
        const [{ id }]: { id: string }[] = await manager.query(
          `INSERT INTO referral (file_id, kind, organisation_id, referring_organisation_id, purpose, status, green_channel, disclosed, details, accept_by, complete_by, created_by)
           VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $11) RETURNING id`,
          [
            fileId,
            kind,
            input.organisationId,
            file.responsible_organisation_id,
            input.purpose,
            rule.greenChannel ?? false,
            input.disclose ?? [],
            JSON.stringify(details),
            input.acceptBy ? endOfChinaDay(input.acceptBy) : null,
            input.completeBy ?? null,
            actor.userId,
          ],
        );
        await manager.query(`INSERT INTO referral_history (referral_id, event, from_status, to_status, actor_user_id) VALUES ($1, 'create', NULL, 'draft', $2)`, [
          id,
          actor.userId,
        ]);
        if (input.send) await this.sendIn(manager, actor, id, file);
        await this.audit.record(
          {
            action: 'referral.create',
            outcome: 'allowed',
            entityType: 'referral',
            entityId: id,
            fileIds: [fileId],
            details: { kind, disclosed: input.disclose ?? [], forcedFrom },
          },
          manager,
        );
        return { ...(await this.referrerView(manager, id)), ...(forcedFrom ? { forcedFrom } : {}) };
      }),
    );
  }

  async send(actor: Actor, referralId: string): Promise<Record<string, unknown>> {
    return this.referrerStep(actor, referralId, 'send', async (manager, referral, file) => this.sendIn(manager, actor, referral.id, file));
  }

  async withdraw(actor: Actor, referralId: string, reason: string): Promise<Record<string, unknown>> {
    return this.referrerStep(
      actor,
      referralId,
      'withdraw',
      async (manager, referral) => {
        await manager.query('UPDATE referral SET withdraw_reason = $2 WHERE id = $1', [referral.id, reason]);
        await this.close(manager, referral.id);
      },
      reason,
    );
  }

  async forFile(actor: Actor, fileId: string): Promise<Record<string, unknown>[]> {
    return this.refusalsOnRecord('referral.list', fileId, () =>
      this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        await this.lockFile(manager, actor, fileId, false);
        const ids: { id: string }[] = await manager.query('SELECT id FROM referral WHERE file_id = $1 ORDER BY created_at', [fileId]);
        const views = [];
        for (const { id } of ids) views.push(await this.referrerView(manager, id));
        await this.audit.record({ action: 'referral.list', outcome: 'allowed', entityType: 'victim_file', entityId: fileId, fileIds: [fileId] });
        return views;
      }),
    );
  }

  async recordConsent(actor: Actor, fileId: string, input: ConsentDto): Promise<{ id: string }> {
    if (input.givenOn > this.clock.today()) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'givenOn', 'must not be in the future');
    return this.refusalsOnRecord('consent.record', fileId, () =>
      this.dataSource.transaction(async (manager) => {
        await this.lockFile(manager, actor, fileId);
        const [{ id }]: { id: string }[] = await manager.query(
          'INSERT INTO consent (file_id, category, given_by, given_on, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
          [fileId, input.category, input.givenBy, input.givenOn, input.note ?? null, actor.userId],
        );
        await this.audit.record(
          { action: 'consent.record', outcome: 'allowed', entityType: 'consent', entityId: id, fileIds: [fileId], details: { category: input.category, givenBy: input.givenBy } },
          manager,
        );
        return { id };
      }),
    );
  }

  /** R13: funding and in-kind support from organisations and individuals. */
  async addContribution(actor: Actor, fileId: string, input: ContributionDto, referralId?: string): Promise<{ id: string }> {
    if (input.amountYuan === undefined && !input.inKind) throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'amountYuan', 'give an amount or what was given in kind');
    return this.dataSource.transaction(async (manager) => {
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO support_contribution (file_id, referral_id, source_kind, source_name, amount_yuan, in_kind, purpose, received_on, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [fileId, referralId ?? null, input.sourceKind, input.sourceName, input.amountYuan ?? null, input.inKind ?? null, input.purpose, input.receivedOn, actor.userId],
      );
      await this.audit.record({ action: 'support.record', outcome: 'allowed', entityType: 'support_contribution', entityId: id, fileIds: [fileId] }, manager);
      return { id };
    });
  }

  async addFileContribution(actor: Actor, fileId: string, input: ContributionDto): Promise<{ id: string }> {
    return this.refusalsOnRecord('support.record', fileId, async () => {
      await this.dataSource.transaction((manager) => this.lockFile(manager, actor, fileId, false));
      return this.addContribution(actor, fileId, input);
    });
  }

  /** R14: children of compulsory-education age in care and not enrolled, in the caller's scope. */
  async unenrolled(actor: Actor): Promise<Record<string, unknown>[]> {
    const { from, to } = this.config.referrals.compulsoryEducationAges;
    const today = this.clock.today();
    const params: unknown[] = [yearsBefore(today, from), yearsBefore(today, to + 1)];
    const scope = fileWriteScope(actor, 'f', params);
    const rows: { id: string; reference: string; state: string; name: string | null; birth_date_from: string; birth_date_to: string; open_referral: boolean }[] =
      await this.dataSource.query(
        `SELECT f.id, f.reference, f.state, p.name, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
                EXISTS (SELECT 1 FROM referral r WHERE r.file_id = f.id AND r.kind IN ('schooling', 'technical_school') AND r.status IN ('draft', 'sent', 'accepted', 'in_progress')) AS open_referral
           FROM victim_file f JOIN person p ON p.id = f.person_id
          WHERE f.state IN ('received', 'in_care', 'tracing', 'returning_home') AND ${scope}
            AND p.birth_date_from <= $1::date AND p.birth_date_to > $2::date
            AND NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.file_id = f.id)
          ORDER BY f.opened_at DESC LIMIT 500`,
        params,
      );
    await this.audit.record({ action: 'schooling.unenrolled', outcome: 'allowed', entityType: 'victim_file', fileIds: rows.map((row) => row.id) });
    return rows.map((row) => ({
      fileId: row.id,
      reference: row.reference,
      state: row.state,
      name: row.name,
      age: ageRange(row.birth_date_from, row.birth_date_to, today),
      schoolingReferralOpen: row.open_referral,
    }));
  }

  // ---- the partner's side ------------------------------------------------------------------

  /** The organisation's referrals; green-channel legal aid first (R18). */
  async inbox(actor: Actor, status: 'open' | 'all'): Promise<Record<string, unknown>[]> {
    const rows: { id: string; file_id: string }[] = await this.dataSource.query(
      `SELECT r.id, r.file_id FROM referral r
        WHERE r.organisation_id = $1 AND r.status <> 'draft' ${status === 'open' ? `AND r.status IN ('sent', 'accepted', 'in_progress')` : ''}
        ORDER BY (r.status IN ('sent', 'accepted', 'in_progress')) DESC, r.green_channel DESC, r.accept_by NULLS LAST, r.sent_at LIMIT 500`,
      [actor.organisationId],
    );
    const views = [];
    for (const row of rows) views.push(await this.partnerView(this.dataSource.manager, row.id, false));
    await this.audit.record({ action: 'referral.inbox', outcome: 'allowed', entityType: 'referral', fileIds: [...new Set(rows.map((row) => row.file_id))] });
    return views;
  }

  async get(actor: Actor, referralId: string): Promise<Record<string, unknown>> {
    const [row]: { file_id: string; organisation_id: string; status: Status }[] = await this.dataSource.query(
      'SELECT file_id, organisation_id, status FROM referral WHERE id = $1',
      [referralId],
    );
    if (row && row.organisation_id === actor.organisationId && row.status !== 'draft') {
      const view = await this.partnerView(this.dataSource.manager, referralId, true);
      await this.audit.record({
        action: 'referral.read',
        outcome: 'allowed',
        entityType: 'referral',
        entityId: referralId,
        fileIds: OPEN.includes(row.status) ? [row.file_id] : [],
        details: { view: 'partner' },
      });
      return view;
    }
    // The referring side: those who keep the file (civil affairs, the institution where the person stays), not other partners.
    if (row && ['jurisdiction', 'institution'].includes(ROLE_FILE_REACH[actor.role])) {
      const params: unknown[] = [row.file_id];
      const inScope = await this.dataSource.query(`SELECT 1 FROM victim_file f WHERE f.id = $1 AND ${fileWriteScope(actor, 'f', params)}`, params);
      if (inScope.length > 0) {
        const view = await this.referrerView(this.dataSource.manager, referralId);
        await this.audit.record({
          action: 'referral.read',
          outcome: 'allowed',
          entityType: 'referral',
          entityId: referralId,
          fileIds: [row.file_id],
          details: { view: 'referrer' },
        });
        return view;
      }
    }
    await this.audit.record({ action: 'referral.read', outcome: 'denied', entityType: 'referral', entityId: referralId });
    throw new AppError(ReferralErrors.REFERRAL_NOT_FOUND);
  }

  async accept(actor: Actor, referralId: string): Promise<Record<string, unknown>> {
    return this.partnerStep(actor, referralId, 'accept', async (manager, referral) => {
      await manager.query('UPDATE referral SET decided_at = $2 WHERE id = $1', [referral.id, this.clock.now()]);
      await this.reminders.acknowledge(manager, await this.reminderIds(manager, referral.id, ['accept']), actor.userId);
    });
  }

  async decline(actor: Actor, referralId: string, reason: string): Promise<Record<string, unknown>> {
    return this.partnerStep(
      actor,
      referralId,
      'decline',
      async (manager, referral) => {
        await manager.query('UPDATE referral SET decided_at = $3, decline_reason = $2 WHERE id = $1', [referral.id, reason, this.clock.now()]);
        await this.close(manager, referral.id);
      },
      reason,
    );
  }

  async start(actor: Actor, referralId: string): Promise<Record<string, unknown>> {
    return this.partnerStep(actor, referralId, 'start', async () => undefined);
  }

  async complete(actor: Actor, referralId: string, outcome: OutcomeDto): Promise<Record<string, unknown>> {
    return this.partnerStep(actor, referralId, 'complete', async (manager, referral) => {
      const missing = KIND_RULES[referral.kind].outcomeRequires.filter((field) => outcome[field as keyof OutcomeDto] === undefined);
      if (missing.length > 0)
        throw new AppError(ReferralErrors.OUTCOME_INCOMPLETE, { details: missing.map((field) => ({ field, reason: `a ${referral.kind} outcome needs ${field}` })) });
      if (referral.kind === 'disability_assessment' && (await manager.query('SELECT 1 FROM disability_assessment WHERE referral_id = $1', [referral.id])).length === 0) {
        throw new AppError(ReferralErrors.ASSESSMENT_REQUIRED);
      }
      await manager.query('UPDATE referral SET outcome = $2, completed_at = $3 WHERE id = $1', [referral.id, JSON.stringify(outcome), this.clock.now()]);
      await this.close(manager, referral.id);
    });
  }

  async addNote(actor: Actor, referralId: string, input: NoteDto): Promise<{ id: string }> {
    if ((input.kind === 'visit') !== (input.visitedOn !== undefined))
      throw AppError.field(PlatformErrors.VALIDATION_FAILED, 'visitedOn', 'a visit has the day it took place, a progress note none');
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.lockAsPartner(manager, actor, referralId, 'referral.note');
      if (!['accepted', 'in_progress'].includes(referral.status)) throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { status: referral.status } });
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO referral_note (referral_id, kind, text, visited_on, author_user_id, author_organisation_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [referralId, input.kind, input.text, input.visitedOn ?? null, actor.userId, actor.organisationId],
      );
      await this.audit.record({ action: 'referral.note', outcome: 'allowed', entityType: 'referral', entityId: referralId, fileIds: [referral.file_id] }, manager);
      return { id };
    });
  }

  /** R12: the disability category and grade (1–4) as the hospital reports them. */
  async recordAssessment(actor: Actor, referralId: string, input: DisabilityAssessmentDto): Promise<{ id: string }> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.lockAsPartner(manager, actor, referralId, 'referral.assessment');
      if (referral.kind !== 'disability_assessment' || !['accepted', 'in_progress'].includes(referral.status)) {
        throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { kind: referral.kind, status: referral.status } });
      }
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO disability_assessment (referral_id, file_id, category, grade, assessed_on, assessed_by, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [referralId, referral.file_id, input.category, input.grade, input.assessedOn, input.assessedBy, actor.userId],
      );
      await this.audit.record(
        { action: 'referral.assessment', outcome: 'allowed', entityType: 'disability_assessment', entityId: id, fileIds: [referral.file_id], details: { grade: input.grade } },
        manager,
      );
      return { id };
    });
  }

  /** R14: the enrolment; follow-up visits one, three and six months later are reminded to the caseworker. */
  async recordEnrolment(actor: Actor, referralId: string, input: EnrolmentDto): Promise<{ enrolled: true; followUpVisits: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.lockAsPartner(manager, actor, referralId, 'referral.enrolment');
      if (referral.kind !== 'schooling' && referral.kind !== 'technical_school') throw new AppError(ReferralErrors.NOT_SCHOOLING);
      if (!['accepted', 'in_progress'].includes(referral.status)) throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { status: referral.status } });
      const existing = await manager.query('SELECT 1 FROM enrolment WHERE referral_id = $1', [referralId]);
      if (existing.length > 0) throw new AppError(CaseErrors.RECORD_EXISTS);
      await manager.query(`INSERT INTO enrolment (referral_id, file_id, school_id, grade, class_name, enrolled_on, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        referralId,
        referral.file_id,
        actor.organisationId,
        input.grade,
        input.className ?? null,
        input.enrolledOn,
        actor.userId,
      ]);
      const [file]: { reference: string; responsible_organisation_id: string; responsible_caseworker_id: string | null }[] = await manager.query(
        'SELECT reference, responsible_organisation_id, responsible_caseworker_id FROM victim_file WHERE id = $1',
        [referral.file_id],
      );
      const visits = [1, 3, 6].map((months) => addMonths(input.enrolledOn, months));
      for (const [index, day] of visits.entries()) {
        await this.reminders.schedule(manager, {
          kind: 'followup_visit',
          title: `入学后跟踪回访 ${index + 1}/3：档案 ${file.reference} / follow-up visit ${index + 1} of 3 after enrolment, file ${file.reference} (R14)`,
          dueAt: dueAtNine(day),
          assigneeUserId: file.responsible_caseworker_id,
          assigneeOrganisationId: file.responsible_organisation_id,
          fileId: referral.file_id,
          subjectType: 'enrolment',
          subjectId: referralId,
          dedupeKey: `enrolment:${referralId}:${index + 1}`,
        });
      }
      await this.audit.record({ action: 'referral.enrolment', outcome: 'allowed', entityType: 'referral', entityId: referralId, fileIds: [referral.file_id] }, manager);
      return { enrolled: true, followUpVisits: visits };
    });
  }

  async addPartnerContribution(actor: Actor, referralId: string, input: ContributionDto): Promise<{ id: string }> {
    const referral = await this.dataSource.transaction((manager) => this.lockAsPartner(manager, actor, referralId, 'support.record'));
    if (!['accepted', 'in_progress'].includes(referral.status)) throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { status: referral.status } });
    return this.addContribution(actor, referral.file_id, input, referralId);
  }

  // ---- the machine and its effects ---------------------------------------------------------

  private async apply(manager: EntityManager, actor: Actor, referral: ReferralRow, event: ReferralEvent, note?: string): Promise<void> {
    const step = MACHINE[event];
    if (!step.from.includes(referral.status)) throw new AppError(ReferralErrors.REFERRAL_NOT_ALLOWED, { details: { event, status: referral.status } });
    await manager.query('UPDATE referral SET status = $2, version = version + 1, updated_at = now() WHERE id = $1', [referral.id, step.to]);
    await manager.query('INSERT INTO referral_history (referral_id, event, from_status, to_status, actor_user_id, note) VALUES ($1, $2, $3, $4, $5, $6)', [
      referral.id,
      event,
      referral.status,
      step.to,
      actor.userId,
      note ?? null,
    ]);
    await this.outbox.emit(manager, { type: `referral.${step.to as Exclude<Status, 'draft'>}`, subjectId: referral.id, data: { fileId: referral.file_id, kind: referral.kind } });
  }

  /** Sent: the deadlines become reminders (R18: the legal aid centre's in working days), the partner gets its grant. */
  private async sendIn(manager: EntityManager, actor: Actor, referralId: string, file: FileFacts): Promise<void> {
    const referral = await this.lockReferral(manager, referralId);
    await this.apply(manager, actor, referral, 'send');
    const today = this.clock.today();
    const acceptBy = referral.green_channel
      ? endOfChinaDay(this.calendar.addWorkingDays(today, this.config.referrals.legalAidAcceptWorkingDays))
      : (referral.accept_by ?? endOfChinaDay(addDays(today, this.config.referrals.acceptDays)));
    await manager.query('UPDATE referral SET sent_at = $3, accept_by = $2 WHERE id = $1', [referralId, acceptBy, this.clock.now()]);
    await manager.query(`INSERT INTO file_access_grant (file_id, organisation_id, source, source_id) VALUES ($1, $2, 'referral', $3)`, [
      file.id,
      referral.organisation_id,
      referralId,
    ]);
    const label = `${KIND_RULES[referral.kind].label}：档案 ${file.reference}`;
    await this.reminders.schedule(manager, {
      kind: 'referral_accept_by',
      title: `请在期限内接收转介 / accept the referral by ${acceptBy.toISOString().slice(0, 10)}：${label}`,
      dueAt: acceptBy,
      assigneeUserId: null,
      assigneeOrganisationId: referral.organisation_id,
      escalateToOrganisationId: referral.referring_organisation_id,
      fileId: file.id,
      subjectType: 'referral',
      subjectId: referralId,
      dedupeKey: `referral:${referralId}:accept`,
    });
    if (referral.complete_by) {
      await this.reminders.schedule(manager, {
        kind: 'referral_complete_by',
        title: `请在期限内完成转介 / complete the referral by ${referral.complete_by}：${label}`,
        dueAt: endOfChinaDay(referral.complete_by),
        assigneeUserId: null,
        assigneeOrganisationId: referral.organisation_id,
        escalateToOrganisationId: referral.referring_organisation_id,
        fileId: file.id,
        subjectType: 'referral',
        subjectId: referralId,
        dedupeKey: `referral:${referralId}:complete`,
      });
    }
  }

  /** Declined, completed or withdrawn: the deadlines stop, the partner's grant on the file ends. */
  private async close(manager: EntityManager, referralId: string): Promise<void> {
    await this.reminders.cancel(manager, { ids: await this.reminderIds(manager, referralId, ['accept', 'complete']) });
    await manager.query(`UPDATE file_access_grant SET revoked_at = $2 WHERE source = 'referral' AND source_id = $1 AND revoked_at IS NULL`, [referralId, this.clock.now()]);
  }

  private async reminderIds(manager: EntityManager, referralId: string, which: ('accept' | 'complete')[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query('SELECT id FROM reminder WHERE dedupe_key = ANY($1::text[])', [which.map((w) => `referral:${referralId}:${w}`)]);
    return rows.map((row) => row.id);
  }

  private async referrerStep(
    actor: Actor,
    referralId: string,
    event: ReferralEvent,
    effect: (manager: EntityManager, referral: ReferralRow, file: FileFacts) => Promise<void>,
    note?: string,
  ): Promise<Record<string, unknown>> {
    let fileId: string | undefined;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const referral = await this.lockReferral(manager, referralId);
        const file = await this.lockFile(manager, actor, referral.file_id).catch(() => {
          throw new AppError(ReferralErrors.REFERRAL_NOT_FOUND);
        });
        fileId = file.id;
        if (event !== 'send') await this.apply(manager, actor, referral, event, note);
        await effect(manager, referral, file);
        await this.audit.record({ action: `referral.${event}`, outcome: 'allowed', entityType: 'referral', entityId: referralId, fileIds: [file.id], purpose: note }, manager);
        return this.referrerView(manager, referralId);
      });
    } catch (error) {
      if (error instanceof AppError && error.status === 404)
        await this.audit.record({ action: `referral.${event}`, outcome: 'denied', entityType: 'referral', entityId: referralId, fileIds: fileId ? [fileId] : [] });
      throw error;
    }
  }

  private async partnerStep(
    actor: Actor,
    referralId: string,
    event: ReferralEvent,
    effect: (manager: EntityManager, referral: ReferralRow) => Promise<void>,
    note?: string,
  ): Promise<Record<string, unknown>> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.lockAsPartner(manager, actor, referralId, `referral.${event}`);
      await this.apply(manager, actor, referral, event, note);
      await effect(manager, referral);
      await this.audit.record(
        { action: `referral.${event}`, outcome: 'allowed', entityType: 'referral', entityId: referralId, fileIds: [referral.file_id], purpose: note },
        manager,
      );
      return this.partnerView(manager, referralId, true);
    });
  }

  private async lockReferral(manager: EntityManager, referralId: string): Promise<ReferralRow> {
    const [row]: ReferralRow[] = await manager.query(`SELECT ${REFERRAL_COLUMNS} FROM referral r WHERE r.id = $1 FOR UPDATE`, [referralId]);
    if (!row) throw new AppError(ReferralErrors.REFERRAL_NOT_FOUND);
    return row;
  }

  /** A referral of the actor's organisation, sent to it; anything else is 404 like a missing one (recorded). */
  private async lockAsPartner(manager: EntityManager, actor: Actor, referralId: string, action: string): Promise<ReferralRow> {
    const [row]: ReferralRow[] = await manager.query(`SELECT ${REFERRAL_COLUMNS} FROM referral r WHERE r.id = $1 AND r.organisation_id = $2 AND r.status <> 'draft' FOR UPDATE`, [
      referralId,
      actor.organisationId,
    ]);
    if (!row) {
      await this.audit.record({ action, outcome: 'denied', entityType: 'referral', entityId: referralId });
      throw new AppError(ReferralErrors.REFERRAL_NOT_FOUND);
    }
    return row;
  }

  private async lockFile(manager: EntityManager, actor: Actor, fileId: string, forUpdate = true): Promise<FileFacts> {
    const params: unknown[] = [fileId];
    const scope = fileWriteScope(actor, 'f', params);
    const [file]: (FileFacts & { state: string })[] = await manager.query(
      `SELECT f.id, f.reference, f.state, f.person_id, f.responsible_organisation_id, f.responsible_jurisdiction_code, f.responsible_caseworker_id,
              to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to, p.nationality
         FROM victim_file f JOIN person p ON p.id = f.person_id WHERE f.id = $1 AND ${scope} ${forUpdate ? 'FOR UPDATE OF f' : ''}`,
      params,
    );
    if (!file) throw new AppError(CaseErrors.FILE_NOT_FOUND);
    if (forUpdate && file.state === 'closed') throw new AppError(CaseErrors.FILE_CLOSED);
    return file;
  }

  private async hasConsent(manager: EntityManager, fileId: string, category: string): Promise<boolean> {
    const [row]: { found: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM consent WHERE file_id = $1 AND category = $2 AND withdrawn_at IS NULL)
           OR EXISTS (SELECT 1 FROM interview WHERE file_id = $1 AND (consents -> $2 ->> 'given') = 'true') AS found`,
      [fileId, category],
    );
    return row.found;
  }

  /** A file out of scope and an organisation the caller may not name are denials, on record after the rollback. */
  private async refusalsOnRecord<T>(action: string, fileId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError && (error.status === 404 || error.code === AccessErrors.UNKNOWN_ORGANISATION.code)) {
        await this.audit.record({ action, outcome: 'denied', entityType: 'victim_file', entityId: fileId, details: { code: error.code } });
      }
      throw error;
    }
  }

  // ---- views -------------------------------------------------------------------------------

  private async notesAndHistory(manager: EntityManager, referralId: string) {
    const notes = await manager.query(
      `SELECT n.id, n.kind, n.text, to_char(n.visited_on, 'YYYY-MM-DD') AS "visitedOn", u.display_name AS author, o.name AS organisation, n.created_at AS "createdAt"
         FROM referral_note n JOIN user_account u ON u.id = n.author_user_id JOIN organisation o ON o.id = n.author_organisation_id
        WHERE n.referral_id = $1 ORDER BY n.created_at`,
      [referralId],
    );
    const history = await manager.query(
      `SELECT h.event, h.from_status AS "from", h.to_status AS "to", h.note, h.at, u.display_name AS actor
         FROM referral_history h LEFT JOIN user_account u ON u.id = h.actor_user_id WHERE h.referral_id = $1 ORDER BY h.id`,
      [referralId],
    );
    return { notes, history };
  }

  private async basics(manager: EntityManager, referralId: string) {
    const [row]: (ReferralRow & { organisation_name: string; reference: string })[] = await manager.query(
      `SELECT ${REFERRAL_COLUMNS}, o.name AS organisation_name, f.reference
         FROM referral r JOIN organisation o ON o.id = r.organisation_id JOIN victim_file f ON f.id = r.file_id WHERE r.id = $1`,
      [referralId],
    );
    return {
      row,
      view: {
        id: row.id,
        kind: row.kind,
        label: KIND_RULES[row.kind].label,
        status: row.status,
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
      },
    };
  }

  /** The referring side sees everything about the referral, the partner's notes included. */
  private async referrerView(manager: EntityManager, referralId: string): Promise<Record<string, unknown>> {
    const { row, view } = await this.basics(manager, referralId);
    const assessments = await manager.query(
      `SELECT category, grade, to_char(assessed_on, 'YYYY-MM-DD') AS "assessedOn", assessed_by AS "assessedBy" FROM disability_assessment WHERE referral_id = $1`,
      [referralId],
    );
    const [enrolment] = await manager.query(`SELECT grade, class_name AS "className", to_char(enrolled_on, 'YYYY-MM-DD') AS "enrolledOn" FROM enrolment WHERE referral_id = $1`, [
      referralId,
    ]);
    return { ...view, fileId: row.file_id, ...(await this.notesAndHistory(manager, referralId)), assessments, enrolment: enrolment ?? null };
  }

  /**
   * What the partner sees (R16): the referral and its own records; while it is
   * open, the person's minimum for the kind plus the categories disclosed with
   * consent. Everything else is absent from the response.
   */
  private async partnerView(manager: EntityManager, referralId: string, withNotes: boolean): Promise<Record<string, unknown>> {
    const { row, view } = await this.basics(manager, referralId);
    const result: Record<string, unknown> = { ...view, ...(withNotes ? await this.notesAndHistory(manager, referralId) : {}) };
    if (OPEN.includes(row.status)) result.person = await this.disclosedPerson(manager, row);
    return result;
  }

  private async disclosedPerson(manager: EntityManager, referral: ReferralRow): Promise<Record<string, unknown>> {
    const [person]: {
      id: string;
      name: string | null;
      sex: string;
      birth_date_from: string | null;
      birth_date_to: string | null;
      nationality: string | null;
      languages: string[];
      disability: string | null;
      travel_document_type: string | null;
      travel_document_country: string | null;
      travel_document_cipher: Buffer | null;
      id_number_cipher: Buffer | null;
    }[] = await manager.query(
      `SELECT p.id, p.name, p.sex, to_char(p.birth_date_from, 'YYYY-MM-DD') AS birth_date_from, to_char(p.birth_date_to, 'YYYY-MM-DD') AS birth_date_to,
              p.nationality, p.languages, p.disability, p.travel_document_type, p.travel_document_country, p.travel_document_cipher, p.id_number_cipher
         FROM victim_file f JOIN person p ON p.id = f.person_id WHERE f.id = $1`,
      [referral.file_id],
    );
    const out: Record<string, unknown> = { name: person.name, sex: person.sex, age: ageRange(person.birth_date_from, person.birth_date_to, this.clock.today()) ?? null };
    const guardians = async () =>
      (
        await manager.query(`SELECT name, relation, phone_cipher FROM guardian WHERE file_id = $1 AND (until IS NULL OR until >= $2::date) ORDER BY since`, [
          referral.file_id,
          this.clock.today(),
        ])
      ).map((g: { name: string; relation: string | null; phone_cipher: Buffer | null }) => ({ name: g.name, relation: g.relation, phone: this.cipher.open(g.phone_cipher) }));
    for (const field of KIND_RULES[referral.kind].base) {
      if (field === 'gradeLevel') out.gradeLevel = referral.details.gradeLevel ?? null;
      if (field === 'guardianContact') out.guardianContact = await guardians();
      if (field === 'disability') out.disability = person.disability;
      if (field === 'languages') out.languages = person.languages;
      if (field === 'nationality') out.nationality = person.nationality;
      if (field === 'travelDocument') {
        out.travelDocument = person.travel_document_cipher
          ? { type: person.travel_document_type, country: person.travel_document_country, number: this.cipher.decrypt(person.travel_document_cipher) }
          : null;
      }
    }
    for (const category of referral.disclosed) {
      if (category === 'identity') out.idNumber = this.cipher.open(person.id_number_cipher);
      if (category === 'family') out.guardians = await guardians();
      if (category === 'medical') {
        out.disability = person.disability;
        out.medicalMeasures = await manager.query(
          `SELECT kind, description, to_char(provided_on, 'YYYY-MM-DD') AS "providedOn" FROM assistance_measure WHERE file_id = $1 AND kind IN ('medical', 'psychological') ORDER BY provided_on`,
          [referral.file_id],
        );
      }
      if (category === 'contacts') {
        out.contacts = (await manager.query('SELECT label, phone_cipher, address FROM person_contact WHERE person_id = $1', [person.id])).map(
          (c: { label: string; phone_cipher: Buffer | null; address: string | null }) => ({ label: c.label, phone: this.cipher.open(c.phone_cipher), address: c.address }),
        );
      }
      if (category === 'trafficking_history' || category === 'needs') {
        const [interview] = await manager.query('SELECT circumstances, needs, needs_note, wishes FROM interview WHERE file_id = $1', [referral.file_id]);
        if (category === 'trafficking_history') out.circumstances = interview?.circumstances ?? null;
        if (category === 'needs') out.needs = interview ? { needs: interview.needs, note: interview.needs_note, wishes: interview.wishes } : null;
      }
    }
    return out;
  }
}
