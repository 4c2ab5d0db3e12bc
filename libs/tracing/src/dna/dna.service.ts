import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, Clock, keysetPage, Outbox, PlatformErrors, type AuditSink, type Page } from '#app/platform';
import { AccessErrors, type Actor } from '#app/access';
import { CandidateFiles } from '../candidates/candidate-files.js';
import { TracingErrors } from '../errors.js';
import type { DnaComparisonQuery, DnaOutcomeDto, DnaRequestDto } from './dna.dto.js';
import type { DnaComparisonRequested, DnaOutcomeReported, PoliceComparisonView } from './dna.view.js';

/** A comparison as the police unit sees it: its references, the file's and the request's, never a person's details. */
const COMPARISON_COLUMNS = `d.id, d.police_reference AS "policeReference", to_char(d.requested_on, 'YYYY-MM-DD') AS "requestedOn", d.outcome,
  to_char(d.reported_on, 'YYYY-MM-DD') AS "reportedOn", d.report_reference AS "reportReference",
  f.id AS "fileId", f.reference AS "fileReference", t.id AS "requestId", t.reference AS "requestReference", t.police_report_reference AS "requestPoliceReference"`;
const COMPARISON_FROM = 'dna_comparison d JOIN match_candidate c ON c.id = d.candidate_id JOIN victim_file f ON f.id = d.file_id JOIN tracing_request t ON t.id = c.request_id';

/**
 * R9: only the police compare DNA. huijia records that a comparison was
 * asked of a unit (through the candidate's file, by the file kernel), gives
 * the unit the minimal view of the file while it compares, and records the
 * outcome the unit reports — scoped by the unit the comparison was asked of.
 * A police-reported match is the only basis for reuniting a traced family (R10).
 */
@Injectable()
export class DnaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly candidates: CandidateFiles,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  request(actor: Actor, candidateId: string, input: DnaRequestDto): Promise<DnaComparisonRequested> {
    this.notFuture(input.requestedOn, 'requestedOn');
    return this.candidates.write(actor, candidateId, 'tracing.dna_request', async ({ manager, now }, candidate) => {
      // Open, or back from the police inconclusive: a new comparison may be asked for; never two at once.
      const pending = await manager.query(`SELECT 1 FROM dna_comparison WHERE candidate_id = $1 AND outcome = 'pending'`, [candidateId]);
      if (!(candidate.status === 'open' || (candidate.status === 'referred_to_police' && pending.length === 0))) {
        throw new AppError(TracingErrors.CANDIDATE_DECIDED, { details: { status: candidate.status, pendingComparison: pending.length > 0 } });
      }
      const [police]: { kind: string }[] = await manager.query('SELECT kind FROM organisation WHERE id = $1 AND active', [input.policeOrganisationId]);
      if (police?.kind !== 'public_security') {
        throw AppError.field(AccessErrors.UNKNOWN_ORGANISATION, 'policeOrganisationId', '须为在用的公安机关 / must be an active public security unit');
      }
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO dna_comparison (candidate_id, file_id, police_organisation_id, police_reference, requested_on, requested_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [candidateId, candidate.file_id, input.policeOrganisationId, input.policeReference, input.requestedOn, actor.userId],
      );
      await manager.query(`UPDATE match_candidate SET status = 'referred_to_police', decided_by = $2, updated_at = $3 WHERE id = $1`, [candidateId, actor.userId, now]);
      // The unit sees the minimal view of the file while it compares.
      await manager.query(`INSERT INTO file_access_grant (file_id, organisation_id, source, source_id) VALUES ($1, $2, 'dna_comparison', $3)`, [
        candidate.file_id,
        input.policeOrganisationId,
        id,
      ]);
      await this.outbox.emit(manager, {
        type: 'tracing.dna_requested',
        subjectId: candidate.file_id,
        data: { comparisonId: id, policeOrganisationId: input.policeOrganisationId },
      });
      return {
        result: {
          id,
          candidateId,
          fileId: candidate.file_id,
          policeOrganisationId: input.policeOrganisationId,
          policeReference: input.policeReference,
          requestedOn: input.requestedOn,
          outcome: 'pending' as const,
        },
        entityType: 'dna_comparison',
        entityId: id,
        details: { candidateId, policeOrganisationId: input.policeOrganisationId },
      };
    });
  }

  /** The unit's worklist (R9): the comparisons asked of it, pending first, the oldest asked first; one query per page. */
  async worklist(actor: Actor, query: DnaComparisonQuery): Promise<Page<PoliceComparisonView>> {
    const status = query.status ?? 'pending';
    const params: unknown[] = [actor.organisationId];
    const where = ['d.police_organisation_id = $1'];
    if (status === 'pending') where.push(`d.outcome = 'pending'`);
    const page = await keysetPage(
      this.dataSource,
      {
        select: COMPARISON_COLUMNS,
        from: COMPARISON_FROM,
        where,
        params,
        keys: [
          { expr: `(d.outcome <> 'pending')`, cast: 'boolean' },
          { expr: 'd.requested_on', cast: 'date' },
          { expr: 'd.created_at', cast: 'timestamptz' },
          { expr: 'd.id', cast: 'uuid' },
        ],
      },
      query,
      (row: PoliceComparisonView) => row,
    );
    await this.audit.record({
      action: 'tracing.dna_list',
      outcome: 'allowed',
      entityType: 'dna_comparison',
      fileIds: [...new Set(page.items.map((item) => item.fileId))],
      details: { status },
    });
    return page;
  }

  /** One comparison asked of the caller's unit (R9); another unit's answers 404, as a nonexistent one does. */
  async one(actor: Actor, comparisonId: string): Promise<PoliceComparisonView> {
    const [row]: PoliceComparisonView[] = await this.dataSource.query(`SELECT ${COMPARISON_COLUMNS} FROM ${COMPARISON_FROM} WHERE d.id = $1 AND d.police_organisation_id = $2`, [
      comparisonId,
      actor.organisationId,
    ]);
    if (!row) {
      await this.audit.record({ action: 'tracing.dna_read', outcome: 'denied', entityType: 'dna_comparison', entityId: comparisonId });
      throw new AppError(TracingErrors.COMPARISON_NOT_FOUND);
    }
    await this.audit.record({ action: 'tracing.dna_read', outcome: 'allowed', entityType: 'dna_comparison', entityId: comparisonId, fileIds: [row.fileId] });
    return row;
  }

  /** The outcome the unit reports; a match makes the candidate confirmed and the request found. The unit's view of the file closes. */
  async reportOutcome(actor: Actor, comparisonId: string, input: DnaOutcomeDto): Promise<DnaOutcomeReported> {
    this.notFuture(input.reportedOn, 'reportedOn');
    const now = this.clock.now();
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
      const candidateStatus = input.outcome === 'match' ? 'confirmed' : input.outcome === 'no_match' ? 'ruled_out' : 'referred_to_police';
      await manager.query('UPDATE match_candidate SET status = $2, updated_at = $3 WHERE id = $1', [comparison.candidate_id, candidateStatus, now]);
      if (input.outcome === 'match') await manager.query(`UPDATE tracing_request SET status = 'found', updated_at = $2 WHERE id = $1`, [comparison.request_id, now]);
      await manager.query(`UPDATE file_access_grant SET revoked_at = $2 WHERE source = 'dna_comparison' AND source_id = $1 AND revoked_at IS NULL`, [comparisonId, now]);
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
      return { id: comparisonId, outcome: input.outcome, candidateStatus };
    });
  }

  private notFuture(day: string, field: string): void {
    if (day > this.clock.today()) throw AppError.field(PlatformErrors.VALIDATION_FAILED, field, '日期不能晚于今天 / must not be in the future');
  }
}
