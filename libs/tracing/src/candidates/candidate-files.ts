import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError, AUDIT_SINK, type AuditSink } from '#app/platform';
import type { Actor } from '#app/access';
import { CaseErrors, FileGateway, type FileWork } from '#app/case';
import { TracingErrors } from '../errors.js';

export interface CandidateRow {
  id: string;
  file_id: string;
  request_id: string;
  status: 'open' | 'dismissed' | 'referred_to_police' | 'confirmed' | 'ruled_out';
}

/** What a decision on a candidate returns and how its audit record names it (by default the candidate). */
export interface CandidateRecorded<T> {
  result: T;
  entityType?: string;
  entityId?: string;
  details?: Record<string, unknown>;
  purpose?: string;
}

/**
 * A decision on a candidate is a write on its person's file: the file is
 * locked in the actor's scope by the kernel (closed refused, audited), then
 * the candidate row. A candidate out of scope answers 404 CANDIDATE_NOT_FOUND
 * exactly like one that does not exist; both denials are on record.
 */
@Injectable()
export class CandidateFiles {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    private readonly gateway: FileGateway,
  ) {}

  async write<T>(actor: Actor, candidateId: string, action: string, work: (work: FileWork, candidate: CandidateRow) => Promise<CandidateRecorded<T>>): Promise<T> {
    const [ref]: { file_id: string }[] = await this.dataSource.query('SELECT file_id FROM match_candidate WHERE id = $1', [candidateId]);
    if (!ref) {
      await this.audit.record({ action, outcome: 'denied', entityType: 'match_candidate', entityId: candidateId, details: { code: TracingErrors.CANDIDATE_NOT_FOUND.code } });
      throw new AppError(TracingErrors.CANDIDATE_NOT_FOUND);
    }
    try {
      return await this.gateway.write(actor, ref.file_id, { action }, async (fileWork) => {
        const [candidate]: CandidateRow[] = await fileWork.manager.query('SELECT id, file_id, request_id, status FROM match_candidate WHERE id = $1 FOR UPDATE', [candidateId]);
        const recorded = await work(fileWork, candidate);
        return { entityType: 'match_candidate', entityId: candidateId, ...recorded };
      });
    } catch (error) {
      // The kernel put the denial on record against the file; the caller learns nothing of it.
      if (error instanceof AppError && error.code === CaseErrors.FILE_NOT_FOUND.code) throw new AppError(TracingErrors.CANDIDATE_NOT_FOUND);
      throw error;
    }
  }
}
