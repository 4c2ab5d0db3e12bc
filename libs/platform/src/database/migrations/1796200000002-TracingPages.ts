import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Family tracing's lists page with a keyset (libs/tracing): an index in each
 * list's order lets a page be read by walking it — tracing requests newest
 * first, a police unit's DNA comparisons pending first and the oldest asked
 * first, a file's candidates open first and the best first.
 */
export class TracingPages1796200000002 implements MigrationInterface {
  name = 'TracingPages1796200000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tracing_request_newest_idx ON tracing_request (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX dna_comparison_worklist_idx ON dna_comparison (police_organisation_id, (outcome <> 'pending'), requested_on, created_at, id)`);
    await q.query(`CREATE INDEX match_candidate_file_rank_idx ON match_candidate (file_id, (status <> 'open'), (1 - score), id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX match_candidate_file_rank_idx`);
    await q.query(`DROP INDEX dna_comparison_worklist_idx`);
    await q.query(`DROP INDEX tracing_request_newest_idx`);
  }
}
