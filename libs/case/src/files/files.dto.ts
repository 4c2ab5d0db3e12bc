import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '#app/platform';
import { IDENTITY_STATUSES } from '../person/person.dto.js';
import { FILE_STATES } from '../state-machine/states.js';

export const AGE_BANDS = { '0-5': [0, 5], '6-15': [6, 15], '16-17': [16, 17], '18-59': [18, 59], '60+': [60, 150] } as const;

export class ListFilesQuery extends PageQuery {
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

  /** R23: true, people who may be under 18 today or whose age is unknown (treated as minors); false, those 18 or over for certain. */
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  minor?: 'true' | 'false';

  /** Files of people staying in this institution now. */
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsOptional()
  @IsUUID()
  caseworkerId?: string;

  /** A name or a childhood name in characters (a prefix, or the given name alone: 小明), pinyin with or without spaces (a prefix), initials, a file reference (530102-2026-000017) or a resident ID number. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  /** An exact resident ID number, found through its blind index. */
  @IsOptional()
  @IsString()
  @MaxLength(30)
  idNumber?: string;
}

/** A page of a file's history, oldest first. */
export class HistoryQuery extends PageQuery {}
