import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { keysetPage, type Page, type PageQuery } from '#app/platform';
import type { JurisdictionView } from './jurisdiction.view.js';

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

const COLUMNS = 'code, name, level, parent_code AS "parentCode"';

@Injectable()
export class JurisdictionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(code: string, manager: EntityManager = this.dataSource.manager): Promise<JurisdictionView | undefined> {
    const rows: JurisdictionView[] = await manager.query(`SELECT ${COLUMNS} FROM jurisdiction WHERE code = $1`, [code]);
    return rows[0];
  }

  /** A page of the divisions directly below one (a province's prefectures, a prefecture's counties), by code. */
  children(code: string, query: PageQuery): Promise<Page<JurisdictionView>> {
    return this.page('parent_code = $1', [code], query);
  }

  /** A page of the provinces, by code. */
  provinces(query: PageQuery): Promise<Page<JurisdictionView>> {
    return this.page('level = 1', [], query);
  }

  private page(condition: string, params: unknown[], query: PageQuery): Promise<Page<JurisdictionView>> {
    return keysetPage(
      this.dataSource,
      { select: COLUMNS, from: 'jurisdiction', where: [condition], params, keys: [{ expr: 'code', cast: 'text' }] },
      query,
      (row: JurisdictionView) => row,
    );
  }
}
