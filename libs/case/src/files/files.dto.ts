import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IDENTITY_STATUSES } from '../person/person.dto.js';
import type { PartnerPersonView, PersonView } from '../person/person.dto.js';
import { FILE_STATES } from '../state-machine/states.js';

export const AGE_BANDS = { '0-5': [0, 5], '6-15': [6, 15], '16-17': [16, 17], '18-59': [18, 59], '60+': [60, 150] } as const;

export class ListFilesQuery {
  @IsOptional()
  @IsIn(FILE_STATES)
  state?: string;

  /** Files whose responsible jurisdiction lies within this GB/T 2260 division. */
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'jurisdiction must be a 6-digit GB/T 2260 code' })
  jurisdiction?: string;

  @IsOptional()
  @IsIn(IDENTITY_STATUSES)
  identityStatus?: string;

  /** Ages the person may have today (an estimated range counts when it overlaps). */
  @IsOptional()
  @IsIn(Object.keys(AGE_BANDS))
  ageBand?: keyof typeof AGE_BANDS;

  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsOptional()
  @IsUUID()
  caseworkerId?: string;

  /** A name in Chinese characters (prefix), pinyin with or without spaces (prefix), or initials. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  /** An exact resident ID number, found through its blind index. */
  @IsOptional()
  @IsString()
  @MaxLength(30)
  idNumber?: string;

  /** The `next` of the previous page (keyset pagination, newest first). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{10,200}$/, { message: 'after must be the next cursor of a previous page' })
  after?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export interface FileListItem {
  audience: 'full';
  id: string;
  reference: string;
  state: string;
  name: string | null;
  sex: string;
  age: { min: number; max: number } | null;
  identityStatus: string;
  responsibleJurisdiction: { code: string; name: string };
  currentInstitution: string | null;
  caseworker: string | null;
  openedAt: Date;
}

export interface PartnerFileListItem {
  audience: 'partner';
  id: string;
  reference: string;
  person: PartnerPersonView;
}

export interface FilePage {
  files: (FileListItem | PartnerFileListItem)[];
  next: string | null;
}

/** What civil affairs and the institution where the person stays see. */
export interface FileView {
  audience: 'full';
  id: string;
  reference: string;
  state: string;
  stateLabel: string;
  version: number;
  intakeKind: string;
  openedAt: Date;
  closedAt: Date | null;
  responsibleJurisdiction: { code: string; name: string };
  responsibleOrganisation: { id: string; name: string };
  responsibleCaseworker: { id: string; displayName: string } | null;
  currentInstitution: { id: string; name: string } | null;
  person: PersonView;
  intake: Record<string, unknown> | null;
  interviewRecorded: boolean;
  guardians: Record<string, unknown>[];
  mandatoryReports: Record<string, unknown>[];
  buyerHousehold: Record<string, unknown>[];
  placements: Record<string, unknown>[];
  assistanceMeasures: Record<string, unknown>[];
  returnHome: Record<string, unknown> | null;
  repatriation: Record<string, unknown> | null;
  pendingApprovals: Record<string, unknown>[];
  openTransfer: Record<string, unknown> | null;
}

/** What police and partners see (R16): enough to receive the person, nothing of their history. */
export interface PartnerFileView {
  audience: 'partner';
  id: string;
  reference: string;
  person: PartnerPersonView;
}
