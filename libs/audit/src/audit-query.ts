import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class AuditPageQuery {
  /** Records older than this record id (the `nextBefore` of the previous page). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export interface AuditRecordView {
  id: string;
  at: Date;
  actor: { userId: string | null; username: string | null; organisationId: string | null; role: string | null };
  action: string;
  outcome: string;
  entityType: string | null;
  entityId: string | null;
  fileIds: string[];
  purpose: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  records: AuditRecordView[];
  /** Pass as `before` for the next page; null on the last one. */
  nextBefore: string | null;
}
