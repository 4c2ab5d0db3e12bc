/**
 * R20, R22: the report as it leaves the reporting chain — a workbook in the
 * shape of a 统计报表 (huijia's own form: no official form number exists for
 * it) and a CSV in long form — made from the published figures only.
 */
import ExcelJS from 'exceljs';
import { INDICATORS, type Indicator } from '../figures/catalogue.js';
import type { StatisticsFiguresView } from '../figures/figures.view.js';
import { REFERRALS_BY_KIND, REPORT_TABLES, type ReportTable } from '../figures/report-tables.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

export const WITHHELD = '*';
const BLANK = '\u3000'.repeat(5);
export const NONE = '—';
/** Where a table's headers begin (below the title, 表号 and 填报单位 lines). */
export const TABLE_TOP = 5;

const indicatorOf = (id: string): Indicator => INDICATORS.find((indicator) => indicator.id === id)!;
const chineseDate = (day: string) => {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
};

/** How a workbook is made: the report as it leaves the chain, or the blank form a year from before huijia is entered on. */
interface Printing {
  template: boolean;
}

/** A figure as printed: the number, `*` where withheld (a count, or a measure beside a withheld count), `—` where there is none; blank on the template. */
function printed(figures: StatisticsFiguresView, indicator: Indicator, values: (number | null)[] | undefined, row: number, printing?: Printing): number | string {
  const value = values?.[row];
  if (value !== null && value !== undefined) return value;
  if (printing?.template) return '';
  if (figures.view !== 'published') return NONE;
  if (indicator.kind === 'count') return WITHHELD;
  return figures.indicators.find((entry) => entry.indicator === indicator.base)?.values[row] === null ? WITHHELD : NONE;
}

/** A row's name in the first column: `<jurisdiction>合计`, `<jurisdiction>本级`, or the jurisdiction below. */
export const rowName = (figures: Pick<StatisticsFiguresView, 'rows'>, row: number) => {
  const { name, part } = figures.rows[row];
  return part === 'whole' ? `${name}合计` : name;
};

/** The title a table's sheet carries: the history import reads the year and the jurisdiction back from it. */
export const tableTitle = (jurisdictionName: string, year: number) => `${jurisdictionName}被解救人员救助安置工作年度统计表（${year}年）`;
export const sheetName = (number: number, title: string) => `表${number} ${title}`;

/** A leaf column of a table: an indicator's total or one category of a breakdown. */
export interface Leaf {
  indicator: Indicator;
  dimension?: string;
  category?: string;
  /** Header cells from the top: [text, rows it spans down]. */
  headers: string[];
}

export function leavesOf(table: ReportTable): Leaf[] {
  return table.columns.flatMap(({ indicator: id, dimensions }) => {
    const indicator = indicatorOf(id);
    const heading = `${indicator.title.zh}（${indicator.unit.zh}）`;
    if (dimensions.length === 0) return [{ indicator, headers: [heading] }];
    return [
      { indicator, headers: [heading, '合计'] },
      ...dimensions.flatMap((dimensionId) => {
        const dimension = indicator.dimensions.find((entry) => entry.id === dimensionId)!;
        return dimension.categories.map((category) => ({ indicator, dimension: dimensionId, category: category.id, headers: [heading, dimension.title.zh, category.title.zh] }));
      }),
    ];
  });
}

/** How many header rows a table's leaves need. */
export const headerDepth = (leaves: Leaf[]) => Math.max(...leaves.map((leaf) => leaf.headers.length));

function valuesOf(figures: StatisticsFiguresView, leaf: Leaf): (number | null)[] | undefined {
  const entry = figures.indicators.find((candidate) => candidate.indicator === leaf.indicator.id);
  if (!leaf.dimension) return entry?.values;
  return entry?.breakdowns.find((breakdown) => breakdown.dimension === leaf.dimension)?.categories.find((category) => category.category === leaf.category)?.values;
}

/** Title, 表号, 填报单位 and 统计期 above; the notes and the signature lines below (a 统计报表's frame). */
function frame(sheet: ExcelJS.Worksheet, figures: StatisticsFiguresView, number: number, title: string, width: number, minCell: number) {
  sheet.mergeCells(1, 1, 1, width);
  sheet.getCell(1, 1).value = `${tableTitle(figures.jurisdiction.name, figures.year)}——${title}`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.getCell(2, 1).value = `表号：回家统计R20-${number}`;
  sheet.getCell(2, Math.max(2, width)).value = '制定机关：huijia（自定报表，非国家统计调查表）';
  sheet.getCell(3, 1).value = `填报单位：${figures.jurisdiction.name}${figures.view === 'published' ? '（脱敏数据，R22）' : ''}`;
  sheet.getCell(3, Math.max(2, width)).value = `统计期：${figures.year}年1月1日至${chineseDate(figures.asOfDay)}${figures.yearComplete ? '' : '（年度进行中）'}`;
  const notesAt = sheet.rowCount + 2;
  const notes = [
    figures.view === 'published'
      ? `注：1. “*”表示已隐去的数值：小于${minCell}的计数、可据以推算出它们的单元格，以及不足${minCell}人或其人数已隐去的中位数和比例；0照实填列。`
      : '注：1. 填报实数（内部数据，不得对外公开）；计数无则填0，中位数和比例无则填“—”。',
    '2. 指标解释见“指标说明”工作表；各辖区数据含本级和下级。',
    // Room to sign by hand: full-width spaces, as a printed form leaves them.
    `单位负责人：${BLANK}统计负责人：${BLANK}填表人：${BLANK}报出日期：${chineseDate(figures.asOfDay)}`,
  ];
  notes.forEach((text, index) => {
    sheet.mergeCells(notesAt + index, 1, notesAt + index, width);
    sheet.getCell(notesAt + index, 1).value = text;
  });
}

const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

function jurisdictionTable(workbook: ExcelJS.Workbook, figures: StatisticsFiguresView, table: ReportTable, number: number, printing?: Printing) {
  const sheet = workbook.addWorksheet(sheetName(number, table.title.zh));
  const leaves = leavesOf(table);
  const depth = headerDepth(leaves);
  const top = TABLE_TOP;
  // 辖区 spans every header row; each header cell spans the leaves below it that share it, and down where nothing is below.
  sheet.mergeCells(top, 1, top + depth - 1, 1);
  sheet.getCell(top, 1).value = '辖区';
  for (let level = 0; level < depth; level += 1) {
    let start = 0;
    while (start < leaves.length) {
      const text = leaves[start].headers[level];
      let end = start;
      while (end + 1 < leaves.length && leaves[end + 1].headers[level] === text && leaves[end + 1].headers.slice(0, level).join() === leaves[start].headers.slice(0, level).join())
        end += 1;
      if (text !== undefined) {
        const last = leaves[start].headers.length === level + 1 ? top + depth - 1 : top + level;
        if (end > start || last > top + level) sheet.mergeCells(top + level, start + 2, last, end + 2);
        sheet.getCell(top + level, start + 2).value = text;
      }
      start = end + 1;
    }
  }
  figures.rows.forEach((_, row) => {
    const excelRow = sheet.getRow(top + depth + row);
    excelRow.getCell(1).value = rowName(figures, row);
    leaves.forEach((leaf, index) => (excelRow.getCell(index + 2).value = printed(figures, leaf.indicator, valuesOf(figures, leaf), row, printing)));
  });
  for (let r = top; r < top + depth + figures.rows.length; r += 1) {
    for (let c = 1; c <= leaves.length + 1; c += 1) {
      const cell = sheet.getCell(r, c);
      cell.border = BORDER;
      cell.alignment = r < top + depth ? { horizontal: 'center', vertical: 'middle', wrapText: true } : { horizontal: c === 1 ? 'left' : 'right' };
      if (r < top + depth) cell.font = { bold: true };
    }
  }
  sheet.getColumn(1).width = 24;
  for (let c = 2; c <= leaves.length + 1; c += 1) sheet.getColumn(c).width = 11;
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: top + depth - 1 }];
  frame(sheet, figures, number, table.title.zh, leaves.length + 1, figures.minCell);
}

/** 转介分类's rows: the referral kinds. */
export const referralKinds = () => indicatorOf(REFERRALS_BY_KIND.indicators[0]).dimensions.find((dimension) => dimension.id === REFERRALS_BY_KIND.dimension)!.categories;

function byKindTable(workbook: ExcelJS.Workbook, figures: StatisticsFiguresView, number: number, printing?: Printing) {
  const sheet = workbook.addWorksheet(sheetName(number, REFERRALS_BY_KIND.title.zh));
  const measures = REFERRALS_BY_KIND.indicators.map(indicatorOf);
  const kinds = referralKinds();
  const top = TABLE_TOP;
  const header = sheet.getRow(top);
  header.getCell(1).value = '转介类别';
  measures.forEach((measure, index) => (header.getCell(index + 2).value = `${measure.title.zh}（${measure.unit.zh}）`));
  kinds.forEach((kind, row) => {
    const excelRow = sheet.getRow(top + 1 + row);
    excelRow.getCell(1).value = kind.title.zh;
    measures.forEach((measure, index) => {
      const values = figures.indicators
        .find((entry) => entry.indicator === measure.id)
        ?.breakdowns.find((breakdown) => breakdown.dimension === REFERRALS_BY_KIND.dimension)
        ?.categories.find((category) => category.category === kind.id)?.values;
      excelRow.getCell(index + 2).value = printed(figures, measure, values, 0, printing);
    });
  });
  for (let r = top; r <= top + kinds.length; r += 1) {
    for (let c = 1; c <= measures.length + 1; c += 1) {
      sheet.getCell(r, c).border = BORDER;
      if (r === top) sheet.getCell(r, c).font = { bold: true };
    }
  }
  sheet.getColumn(1).width = 24;
  for (let c = 2; c <= measures.length + 1; c += 1) sheet.getColumn(c).width = 14;
  frame(sheet, figures, number, `${REFERRALS_BY_KIND.title.zh}（${figures.jurisdiction.name}合计）`, measures.length + 1, figures.minCell);
}

function definitions(workbook: ExcelJS.Workbook) {
  const sheet = workbook.addWorksheet('指标说明');
  sheet.addRow(['指标', '单位', '依据', '口径说明', 'Indicator', 'Definition']).font = { bold: true };
  for (const indicator of INDICATORS) {
    sheet.addRow([indicator.title.zh, indicator.unit.zh, indicator.rules.join('、'), indicator.definition.zh, indicator.title.en, indicator.definition.en]);
  }
  sheet.columns.forEach((column, index) => (column.width = [24, 8, 24, 60, 28, 60][index]));
  sheet.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn(6).alignment = { wrapText: true, vertical: 'top' };
}

/** `template`: the blank form of a year from before huijia (exact figures, every cell empty) for `statistics:import`. */
export async function reportWorkbook(figures: StatisticsFiguresView, printing?: Printing): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'huijia';
  REPORT_TABLES.forEach((table, index) => jurisdictionTable(workbook, figures, table, index + 1, printing));
  byKindTable(workbook, figures, REPORT_TABLES.length + 1, printing);
  definitions(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Long form: one line per figure (jurisdiction × indicator × category), with a byte-order mark so that Excel reads UTF-8. */
export function reportCsv(figures: StatisticsFiguresView): string {
  const lines: (string | number)[][] = [['year', 'jurisdictionCode', 'jurisdiction', 'part', 'indicator', '指标', 'dimension', 'category', '类别', 'value', '单位']];
  for (const entry of figures.indicators) {
    const indicator = indicatorOf(entry.indicator);
    figures.rows.forEach((row, index) => {
      /** One figure's line: the total (no dimension) or one category of a breakdown. */
      const line = (values: (number | null)[], dimension = '', category = '', title = '') =>
        lines.push([
          figures.year,
          row.code,
          rowName(figures, index),
          row.part,
          indicator.id,
          indicator.title.zh,
          dimension,
          category,
          title,
          printed(figures, indicator, values, index),
          indicator.unit.zh,
        ]);
      line(entry.values);
      for (const breakdown of entry.breakdowns) {
        const dimension = indicator.dimensions.find((candidate) => candidate.id === breakdown.dimension)!;
        for (const category of breakdown.categories) {
          line(category.values, dimension.id, category.category, dimension.categories.find((candidate) => candidate.id === category.category)!.title.zh);
        }
      }
    });
  }
  return '\uFEFF' + lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
