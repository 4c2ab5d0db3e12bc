/**
 * R20 history: a year from before huijia (2021 on) read from a workbook of the
 * export's shape — the template GET /statistics/imports/template gives, filled
 * in with the year's exact figures. Every sheet, header, row name and value is
 * checked against the catalogue, and the figures must add up (a jurisdiction
 * is its own units plus those below; a total is each breakdown's sum); every
 * problem is named by its sheet and cell, so that the person importing can fix
 * the workbook in one go.
 */
import ExcelJS from 'exceljs';
import { findGeneticContent, type GeneticFinding } from '#app/platform';
import { INDICATORS, type Indicator } from '../figures/catalogue.js';
import { cellKey, type JurisdictionNode } from '../figures/figure-table.js';
import { REFERRALS_BY_KIND, REPORT_TABLES } from '../figures/report-tables.js';
import { headerDepth, leavesOf, NONE, referralKinds, sheetName, TABLE_TOP, tableTitle, WITHHELD } from '../export/report-export.js';
import { ImportedTable, nodeOfRow, type ImportedFigures, type ImportedRowPart } from './imported-table.js';

/** At most this many problems are listed; the rest are counted. */
const MAX_PROBLEMS = 20;

export class HistoryWorkbookProblems extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** R9: a cell of the workbook holds genetic content — refused whole, nothing of it kept. */
export class GeneticContentInWorkbook extends Error {
  constructor(
    readonly cell: string,
    readonly finding: GeneticFinding,
  ) {
    super(`genetic content (${finding}) in ${cell}`);
  }
}

/** What the workbook must be: the year and the jurisdiction it is imported for, and the jurisdictions below that one. */
export interface HistoryTarget {
  year: number;
  jurisdiction: JurisdictionNode;
  children: JurisdictionNode[];
}

type Raw = ExcelJS.CellValue;

/** A cell's content as typed: a formula's result, rich text's text, a string trimmed. */
function contentOf(cell: ExcelJS.Cell): string | number | null {
  let value: Raw | undefined = cell.value;
  if (value && typeof value === 'object') {
    if ('result' in value) value = value.result as Raw;
    else if ('richText' in value) value = value.richText.map((part) => part.text).join('');
    else if ('text' in value) value = String(value.text);
  }
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  return value === null || value === undefined ? null : String(value);
}

const address = (sheet: ExcelJS.Worksheet, row: number, column: number) => `${sheet.name}!${sheet.getCell(row, column).address}`;

/** Reads and checks a history workbook; throws HistoryWorkbookProblems naming each problem. */
export async function readHistoryWorkbook(content: Buffer, target: HistoryTarget): Promise<ImportedFigures> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new HistoryWorkbookProblems(['不是可读取的 .xlsx 工作簿 / not a readable .xlsx workbook']);
  }
  // R9: the file is never kept, but what a cell holds is scanned like any text that reaches huijia.
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const text = contentOf(cell);
        const finding = typeof text === 'string' ? findGeneticContent(text) : undefined;
        if (finding) throw new GeneticContentInWorkbook(address(sheet, Number(cell.row), Number(cell.col)), finding);
      }),
    );
  }
  const problems: string[] = [];
  const problem = (text: string) => problems.push(text);
  const { jurisdiction, year } = target;
  const childByName = new Map(target.children.map((child) => [child.name, child]));
  let rows: { code: string; part: ImportedRowPart }[] | undefined;
  const figures: ImportedFigures = { rows: [], indicators: [] };
  /** Where each cell came from, for naming it when the figures do not add up. */
  const origin = new Map<string, string>();
  const entryOf = (indicator: Indicator) => {
    let entry = figures.indicators.find((candidate) => candidate.indicator === indicator.id);
    if (!entry) {
      const empty = () => rows!.map(() => null as number | null);
      entry = {
        indicator: indicator.id,
        values: empty(),
        breakdowns: indicator.dimensions.map((dimension) => ({
          dimension: dimension.id,
          categories: dimension.categories.map((category) => ({ category: category.id, values: empty() })),
        })),
      };
      figures.indicators.push(entry);
    }
    return entry;
  };
  /** A figure read: a count is a whole number of 0 or more; a median (days) or a share (%) a number, or `—` for none. */
  const read = (sheet: ExcelJS.Worksheet, r: number, c: number, indicator: Indicator): number | null | undefined => {
    const value = contentOf(sheet.getCell(r, c));
    const at = address(sheet, r, c);
    if (value === WITHHELD) {
      problem(`${at}：历史数据须填实数，不能用“*” / enter the exact figure: a withheld “*” cannot be imported`);
      return undefined;
    }
    if (indicator.kind !== 'count' && (value === null || value === NONE || value === '-')) return null;
    const number = typeof value === 'number' ? value : value !== null && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
    if (indicator.kind === 'count' && !(Number.isInteger(number) && number >= 0)) {
      problem(`${at}：须填 0 或正整数（无则填 0）/ a count must be a whole number, 0 when there is none`);
      return undefined;
    }
    if (!(Number.isFinite(number) && number >= 0 && (indicator.kind !== 'share' || number <= 100))) {
      problem(
        `${at}：须填${indicator.kind === 'share' ? ' 0 至 100 的比例' : '天数'}，无则填“—” / must be ${indicator.kind === 'share' ? 'a percentage' : 'a number of days'}, or “—” for none`,
      );
      return undefined;
    }
    return number;
  };

  const expectedTitle = tableTitle(jurisdiction.name, year);
  REPORT_TABLES.forEach((table, index) => {
    const name = sheetName(index + 1, table.title.zh);
    const sheet = workbook.getWorksheet(name);
    if (!sheet) return problem(`缺少工作表“${name}” / the sheet “${name}” is missing`);
    const title = contentOf(sheet.getCell(1, 1));
    if (typeof title !== 'string' || !title.startsWith(expectedTitle)) {
      return problem(`${address(sheet, 1, 1)}：标题应为“${expectedTitle}……”（导入的年度和辖区须与工作簿一致）/ the title must name ${jurisdiction.name} and ${year}`);
    }
    const leaves = leavesOf(table);
    const depth = headerDepth(leaves);
    for (const [column, leaf] of leaves.entries()) {
      for (let level = 0; level < depth; level += 1) {
        const expected = leaf.headers[Math.min(level, leaf.headers.length - 1)];
        if (contentOf(sheet.getCell(TABLE_TOP + level, column + 2)) !== expected) {
          return problem(`${address(sheet, TABLE_TOP + level, column + 2)}：表头应为“${expected}”，请使用本系统下载的模板 / the header must read “${expected}”: use the template`);
        }
      }
    }
    // The rows: the jurisdiction's 合计 first, its 本级 where others are below it, then those below.
    const sheetRows: { code: string; part: ImportedRowPart; at: number }[] = [];
    for (let r = TABLE_TOP + depth; contentOf(sheet.getCell(r, 1)) !== null; r += 1) {
      const label = String(contentOf(sheet.getCell(r, 1)));
      const child = childByName.get(label);
      const row =
        label === `${jurisdiction.name}合计`
          ? { code: jurisdiction.code, part: 'whole' as const }
          : label === `${jurisdiction.name}本级`
            ? { code: jurisdiction.code, part: 'own' as const }
            : child
              ? { code: child.code, part: 'child' as const }
              : undefined;
      if (!row) {
        problem(`${address(sheet, r, 1)}：“${label}”不是${jurisdiction.name}或其下级辖区 / “${label}” is neither ${jurisdiction.name} nor a jurisdiction below it`);
        continue;
      }
      if (sheetRows.some((seen) => seen.code === row.code && seen.part === row.part)) problem(`${address(sheet, r, 1)}：“${label}”重复 / “${label}” appears twice`);
      else sheetRows.push({ ...row, at: r });
    }
    if (!sheetRows.some((row) => row.part === 'whole')) return problem(`${name}：缺少“${jurisdiction.name}合计”行 / the row “${jurisdiction.name}合计” is missing`);
    if (sheetRows.some((row) => row.part === 'child') !== sheetRows.some((row) => row.part === 'own')) {
      return problem(`${name}：有下级辖区行时须有“${jurisdiction.name}本级”行，反之亦然 / the rows below need the row “${jurisdiction.name}本级” beside them, and it needs them`);
    }
    // Every jurisdiction below, or none: the whole less the rows given would tell one left out.
    const missing = target.children.filter((child) => !sheetRows.some((row) => row.code === child.code));
    if (sheetRows.some((row) => row.part === 'child') && missing.length > 0) {
      return problem(`${name}：缺少下级辖区 ${missing.map((child) => `“${child.name}”`).join('、')} 的行（无则各项填 0）/ rows below are missing (enter 0 where there was none)`);
    }
    const rowKeys = sheetRows.map((row) => `${row.part}:${row.code}`).join();
    if (!rows) {
      rows = sheetRows.map(({ code, part }) => ({ code, part }));
      figures.rows = rows;
    } else if (rows.map((row) => `${row.part}:${row.code}`).join() !== rowKeys) {
      return problem(`${name}：各表的辖区行须相同且顺序一致 / every table must have the same rows in the same order`);
    }
    for (const [column, leaf] of leaves.entries()) {
      const entry = entryOf(leaf.indicator);
      sheetRows.forEach((row, index) => {
        const value = read(sheet, row.at, column + 2, leaf.indicator);
        if (value === undefined) return;
        const values = leaf.dimension
          ? entry.breakdowns.find((breakdown) => breakdown.dimension === leaf.dimension)!.categories.find((category) => category.category === leaf.category)!.values
          : entry.values;
        values[index] = value;
        origin.set(cellKey(leaf.indicator.id, leaf.dimension ?? null, leaf.category ?? null, nodeOfRow(row)), address(sheet, row.at, column + 2));
      });
    }
  });

  // 表5: each kind of referral, for the jurisdiction as a whole.
  const byKindName = sheetName(REPORT_TABLES.length + 1, REFERRALS_BY_KIND.title.zh);
  const byKind = workbook.getWorksheet(byKindName);
  if (!byKind) problem(`缺少工作表“${byKindName}” / the sheet “${byKindName}” is missing`);
  else if (rows) {
    const whole = rows.findIndex((row) => row.part === 'whole');
    referralKinds().forEach((kind, index) => {
      const r = TABLE_TOP + 1 + index;
      if (contentOf(byKind.getCell(r, 1)) !== kind.title.zh) return problem(`${address(byKind, r, 1)}：应为“${kind.title.zh}” / must read “${kind.title.zh}”`);
      REFERRALS_BY_KIND.indicators.forEach((id, column) => {
        const indicator = INDICATORS.find((candidate) => candidate.id === id)!;
        const value = read(byKind, r, column + 2, indicator);
        if (value === undefined) return;
        entryOf(indicator)
          .breakdowns.find((breakdown) => breakdown.dimension === REFERRALS_BY_KIND.dimension)!
          .categories.find((category) => category.category === kind.id)!.values[whole] = value;
        origin.set(cellKey(indicator.id, REFERRALS_BY_KIND.dimension, kind.id, jurisdiction.code), address(byKind, r, column + 2));
      });
    });
  }

  if (problems.length === 0) {
    const nodes = [jurisdiction, ...target.children.map((child) => ({ ...child, parentCode: jurisdiction.code }))];
    const table = new ImportedTable(nodes, figures);
    for (const mismatch of table.mismatches()) {
      const sum = mismatch.parts.reduce((total, part) => total + table.values[part], 0);
      problem(
        `${origin.get(mismatch.total)} = ${table.values[mismatch.total]}，与 ${mismatch.parts.map((part) => origin.get(part)).join('、')} 之和 ${sum} 不符 / does not equal the sum of its parts (${sum})`,
      );
    }
  }
  if (problems.length > 0) {
    throw new HistoryWorkbookProblems(
      problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `……共 ${problems.length} 处问题 / ${problems.length} problems in all`] : problems,
    );
  }
  return figures;
}
