import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { AuditSink } from '../audit/audit-sink.js';
import { AppError, defineErrors } from '../errors/app-error.js';
import { findGeneticField } from './genetic-data.js';

export const GeneticErrors = defineErrors({
  GENETIC_DATA_REFUSED: {
    status: 422,
    message: '系统不存储任何基因数据，DNA 只由公安机关采集比对 / huijia stores no genetic data: only the police collect and compare DNA (R9)',
  },
});

export const GENETIC_MEDIA_TYPES = /^(chemical\/seq-na-fasta|chemical\/x-fasta|text\/x-fasta|text\/x-fastq|application\/x-vcf|text\/x-vcf|application\/x-bam|application\/x-sam)/i;

/**
 * R9 at the door: every request body and query, on every route, is scanned
 * for genetic content before anything reads it. A hit is refused with
 * GENETIC_DATA_REFUSED naming the field; the attempt is recorded without the
 * content, and nothing of it is stored or logged.
 */
@Injectable()
export class GeneticDataInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditSink) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      const contentType = request.headers['content-type'] ?? '';
      const found = GENETIC_MEDIA_TYPES.test(contentType)
        ? { field: '(body)', finding: 'genetic_file' }
        : (findGeneticField(request.body, '') ?? findGeneticField(request.query ?? {}, 'query'));
      if (found) {
        await this.audit.record({
          action: 'genetic_data.refused',
          outcome: 'denied',
          details: { method: request.method, route: (request.route as { path?: string } | undefined)?.path ?? request.path, field: found.field, finding: found.finding },
        });
        throw new AppError(GeneticErrors.GENETIC_DATA_REFUSED, {
          details: [{ field: found.field, reason: `含有遗传信息（${found.finding}），拒绝且不保存 / genetic content (${found.finding}) is refused, not stored` }],
        });
      }
    }
    return next.handle();
  }
}
