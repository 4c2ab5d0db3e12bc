import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { StatisticsImportedFromView } from '../figures/figures.view.js';
import type { ImportedFigures, YearImport } from './imported-table.js';

/** A year's latest import, with its figures. */
export interface ImportedYear {
  figures: ImportedFigures;
  from: StatisticsImportedFromView;
}

/**
 * R20 history: which import a year's figures come from. A jurisdiction's own
 * workbook, or else the nearest one above it whose workbook has a row for it
 * (a city's workbook gives each county's figures, not those below them).
 */
@Injectable()
export class HistoryStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every jurisdiction a year's imports cover within a province (`53`): each workbook's own and those it has a row
   * for, with the import. The chain does not expect a report of a year covered, nor remind anyone of it.
   */
  async coverage(year: number, province: string, manager: EntityManager = this.dataSource.manager): Promise<Map<string, StatisticsImportedFromView>> {
    const rows: { id: string; jurisdiction_code: string; version: number; file_name: string; imported_at: Date; codes: string[] }[] = await manager.query(
      `SELECT DISTINCT ON (i.jurisdiction_code) i.id, i.jurisdiction_code, i.version, i.file_name, i.imported_at,
              ARRAY(SELECT row ->> 'code' FROM jsonb_array_elements(i.figures -> 'rows') row) AS codes
         FROM statistics_import i
        WHERE i.year = $1 AND i.jurisdiction_code LIKE $2
        ORDER BY i.jurisdiction_code, i.version DESC`,
      [year, `${province}%`],
    );
    const covered = new Map<string, StatisticsImportedFromView>();
    // A jurisdiction's own workbook before one above that has a row for it: the imports by code, those above first.
    for (const row of rows.sort((a, b) => a.jurisdiction_code.localeCompare(b.jurisdiction_code))) {
      const from = { importId: row.id, jurisdictionCode: row.jurisdiction_code, version: row.version, fileName: row.file_name, importedAt: row.imported_at };
      for (const code of new Set([row.jurisdiction_code, ...row.codes])) if (code === row.jurisdiction_code || !covered.has(code)) covered.set(code, from);
    }
    return covered;
  }

  /** A year's latest import of every jurisdiction in a province (`53`). */
  yearImports(year: number, province: string): Promise<YearImport[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (i.jurisdiction_code) i.id, i.figures FROM statistics_import i
        WHERE i.year = $1 AND i.jurisdiction_code LIKE $2 ORDER BY i.jurisdiction_code, i.version DESC`,
      [year, `${province}%`],
    );
  }

  async latestFor(year: number, code: string): Promise<ImportedYear | null> {
    // Several imports can give the row (a city's and the province's): its own first, then the nearest above (the longest code prefix).
    const rows: { id: string; jurisdiction_code: string; version: number; file_name: string; imported_at: Date; figures: ImportedFigures }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (i.jurisdiction_code) i.id, i.jurisdiction_code, i.version, i.file_name, i.imported_at, i.figures
         FROM statistics_import i
        WHERE i.year = $1 AND (i.jurisdiction_code = $2 OR (i.figures -> 'rows') @> jsonb_build_array(jsonb_build_object('code', $2::text, 'part', 'child')))
        ORDER BY i.jurisdiction_code, i.version DESC`,
      [year, code],
    );
    if (rows.length === 0) return null;
    const chosen = rows.find((candidate) => candidate.jurisdiction_code === code) ?? rows.sort((a, b) => b.jurisdiction_code.localeCompare(a.jurisdiction_code))[0];
    return {
      figures: chosen.figures,
      from: { importId: chosen.id, jurisdictionCode: chosen.jurisdiction_code, version: chosen.version, fileName: chosen.file_name, importedAt: chosen.imported_at },
    };
  }
}
