import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { JurisdictionEntity } from '../entities.js';

export interface JurisdictionView {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

/** The prefix of a 6-digit code at its level: '530000' → '53', '530100' → '5301', '530102' → '530102'. */
export function prefixOf(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** "X lies within Y" (or is Y) for two GB/T 2260 codes — the same rule the SQL scopes apply. */
export function isWithin(code: string, ancestor: string): boolean {
  return code.startsWith(prefixOf(ancestor));
}

@Injectable()
export class JurisdictionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(code: string, manager: EntityManager = this.dataSource.manager): Promise<JurisdictionView | undefined> {
    const rows: JurisdictionEntity[] = await manager.query('SELECT code, name, level, parent_code AS "parentCode" FROM jurisdiction WHERE code = $1', [code]);
    return rows[0];
  }

  /** The division and those directly below it (a province's prefectures, a prefecture's counties). */
  async children(code: string): Promise<JurisdictionView[]> {
    return this.dataSource.query('SELECT code, name, level, parent_code AS "parentCode" FROM jurisdiction WHERE parent_code = $1 ORDER BY code', [code]);
  }

  async provinces(): Promise<JurisdictionView[]> {
    return this.dataSource.query('SELECT code, name, level, parent_code AS "parentCode" FROM jurisdiction WHERE level = 1 ORDER BY code');
  }
}
