import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { keysetPage, type Page, type PageQuery } from '#app/platform';
import type { Actor } from '#app/access';
import { FileGateway } from '#app/case';
import { MatchingService } from '../matching/matching.service.js';
import type { CandidateView, FileTracingView } from './file-tracing.view.js';

/**
 * A file's tracing as those who keep the file see it (R8–R10), read through
 * the file kernel (scope, audit, 404 out of scope), and matching on demand:
 * the file locked, matched now, and its tracing answered in the same transaction.
 */
@Injectable()
export class FileTracingService {
  constructor(
    private readonly gateway: FileGateway,
    private readonly matching: MatchingService,
  ) {}

  view(actor: Actor, fileId: string): Promise<FileTracingView> {
    return this.gateway.read(actor, fileId, { action: 'tracing.read', details: (view) => ({ candidates: view.candidates.items.length }) }, ({ manager }) =>
      this.compose(manager, fileId),
    );
  }

  candidates(actor: Actor, fileId: string, query: PageQuery): Promise<Page<CandidateView>> {
    return this.gateway.read(actor, fileId, { action: 'tracing.candidates', details: (page) => ({ count: page.items.length }) }, ({ manager }) =>
      this.candidatePage(manager, fileId, query),
    );
  }

  /** On demand: match now and answer with the file's tracing. */
  matchNow(actor: Actor, fileId: string): Promise<FileTracingView> {
    return this.gateway.write(actor, fileId, { action: 'tracing.match' }, async ({ manager }) => {
      const found = await this.matching.matchFile(fileId, manager);
      return { result: await this.compose(manager, fileId), details: { candidates: found } };
    });
  }

  private async compose(manager: EntityManager, fileId: string): Promise<FileTracingView> {
    const q = (sql: string) => manager.query(sql, [fileId]);
    return {
      fileId,
      leads: await q(
        `SELECT l.id, l.kind, l.text, l.source, l.place_code AS "placeCode", l.recorded_at AS "recordedAt", l.status, to_char(l.checked_on, 'YYYY-MM-DD') AS "checkedOn",
                l.outcome_note AS "outcomeNote", u.display_name AS "checkedBy"
           FROM tracing_lead l LEFT JOIN user_account u ON u.id = l.checked_by WHERE l.file_id = $1 ORDER BY l.recorded_at, l.id`,
      ),
      candidates: await this.candidatePage(manager, fileId, {}),
      dnaComparisons: await q(
        `SELECT d.id, d.candidate_id AS "candidateId", o.name AS police, d.police_reference AS "policeReference", to_char(d.requested_on, 'YYYY-MM-DD') AS "requestedOn",
                d.outcome, to_char(d.reported_on, 'YYYY-MM-DD') AS "reportedOn", d.report_reference AS "reportReference"
           FROM dna_comparison d JOIN organisation o ON o.id = d.police_organisation_id WHERE d.file_id = $1 ORDER BY d.created_at, d.id`,
      ),
      refusedPaternityTests: await q(
        `SELECT id, offered_by AS "offeredBy", to_char(offered_on, 'YYYY-MM-DD') AS "offeredOn", note FROM private_paternity_test WHERE file_id = $1 ORDER BY offered_on, recorded_at, id`,
      ),
      dutyOfCareNotices: await q(
        `SELECT id, relatives, to_char(notified_on, 'YYYY-MM-DD') AS "notifiedOn", method, note FROM duty_of_care_notice WHERE file_id = $1 ORDER BY notified_on, recorded_at, id`,
      ),
    };
  }

  /** Open candidates first, then the best score first: the keyset runs over (not open, 1 − score, id) ascending. */
  private candidatePage(manager: EntityManager, fileId: string, query: PageQuery): Promise<Page<CandidateView>> {
    return keysetPage(
      manager,
      {
        select: `c.id, c.request_id AS "requestId", t.reference AS "requestReference", c.score::float AS score, c.features, c.status, c.dismissed_reason AS "dismissedReason"`,
        from: 'match_candidate c JOIN tracing_request t ON t.id = c.request_id',
        where: ['c.file_id = $1'],
        params: [fileId],
        keys: [
          { expr: `(c.status <> 'open')`, cast: 'boolean' },
          { expr: '(1 - c.score)', cast: 'numeric' },
          { expr: 'c.id', cast: 'uuid' },
        ],
      },
      query,
      (row: CandidateView) => row,
    );
  }
}
