import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export class ListFilesQuery {
  @IsOptional()
  @IsString()
  @MaxLength(40)
  state?: string;

  /** Files whose responsible jurisdiction lies within this GB/T 2260 division. */
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'jurisdiction must be a 6-digit GB/T 2260 code' })
  jurisdiction?: string;

  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsOptional()
  @IsUUID()
  caseworkerId?: string;

  /** The `nextAfter` of the previous page (keyset pagination). */
  @IsOptional()
  @IsUUID()
  after?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** What civil affairs and the institution where the person stays see. */
export interface FileView {
  audience: 'full';
  id: string;
  reference: string;
  state: string;
  version: number;
  responsibleJurisdiction: { code: string; name: string };
  responsibleOrganisation: { id: string; name: string };
  responsibleCaseworker: { id: string; displayName: string } | null;
  currentInstitution: { id: string; name: string } | null;
  openedAt: Date;
  updatedAt: Date;
}

/** What police and partners see (R16): enough to find the file their referral or task is about, nothing of its history. */
export interface PartnerFileView {
  audience: 'partner';
  id: string;
  reference: string;
}

export interface FilePage {
  files: (FileView | PartnerFileView)[];
  nextAfter: string | null;
}
