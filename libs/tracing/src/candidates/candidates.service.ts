import { Injectable } from '@nestjs/common';
import { AppError } from '#app/platform';
import type { Actor } from '#app/access';
import { TracingErrors } from '../errors.js';
import { CandidateFiles } from './candidate-files.js';
import type { DismissCandidateDto } from './candidate.dto.js';
import type { CandidateDismissed } from './candidate.view.js';

/** R8: a caseworker sets a candidate aside, with the reason; matching again does not bring it back. */
@Injectable()
export class CandidatesService {
  constructor(private readonly candidates: CandidateFiles) {}

  dismiss(actor: Actor, candidateId: string, input: DismissCandidateDto): Promise<CandidateDismissed> {
    return this.candidates.write(actor, candidateId, 'tracing.dismiss', async ({ manager, now }, candidate) => {
      if (candidate.status !== 'open') throw new AppError(TracingErrors.CANDIDATE_DECIDED, { details: { status: candidate.status } });
      await manager.query(`UPDATE match_candidate SET status = 'dismissed', dismissed_reason = $2, decided_by = $3, updated_at = $4 WHERE id = $1`, [
        candidateId,
        input.reason,
        actor.userId,
        now,
      ]);
      return { result: { id: candidateId, status: 'dismissed' as const }, purpose: input.reason };
    });
  }
}
