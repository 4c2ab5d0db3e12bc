import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
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

const ENCODED_FILES = 'huijia:encoded-files';

/**
 * R9: body fields that carry a file encoded as base64 (a workbook): their bytes are no text to scan — a zip's
 * zeros read as `AAAA…` — so the handler decodes the file and scans what it holds itself (history-workbook.ts).
 */
export const EncodedFileFields = (...fields: string[]) => SetMetadata(ENCODED_FILES, fields);

/** The body without its encoded files (EncodedFileFields). */
function scannedBody(body: unknown, encoded: string[] | undefined): unknown {
  if (!encoded?.length || !body || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([key]) => !encoded.includes(key)));
}

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
        : (findGeneticField(scannedBody(request.body, Reflect.getMetadata(ENCODED_FILES, context.getHandler()) as string[] | undefined), '') ??
          findGeneticField(request.query ?? {}, 'query'));
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
