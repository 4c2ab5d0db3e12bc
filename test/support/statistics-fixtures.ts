/** R20: files as the statistics count them — a person, a file and its states with their instants, written directly. */
import ExcelJS from 'exceljs';
import type request from 'supertest';
import type { TestDatabase } from './test-context.js';

export interface StatisticsFile {
  name: string;
  sex: string;
  born: [string, string];
  /** Each state the file reached and when, the first its opening. */
  states: [string, string][];
  nationality?: string;
  intakeKind?: string;
  closedAt?: string;
}

export async function recordFile(db: TestDatabase, jurisdictionCode: string, organisationId: string, input: StatisticsFile): Promise<string> {
  const [person] = await db.query<{ id: string }>(
    `INSERT INTO person (name, sex, birth_date_from, birth_date_to, identity_status, nationality) VALUES ($1, $2, $3, $4, 'unknown', $5) RETURNING id`,
    [input.name, input.sex, ...input.born, input.nationality ?? null],
  );
  const [[, openedAt]] = input.states;
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO victim_file (reference, state, person_id, intake_kind, place_code, responsible_jurisdiction_code, responsible_organisation_id, opened_at, closed_at)
     VALUES ('S-' || substr(md5(random()::text), 1, 10), $1, $2, $3, $4, $4, $5, $6, $7) RETURNING id`,
    [input.states.at(-1)![0], person.id, input.intakeKind ?? 'police_handover', jurisdictionCode, organisationId, openedAt, input.closedAt ?? null],
  );
  let from: string | null = null;
  for (const [state, at] of input.states) {
    await db.query(`INSERT INTO file_history (file_id, event, from_state, to_state, at) VALUES ($1, $2, $3, $4, $5)`, [row.id, from ? 'transition' : 'opened', from, state, at]);
    from = state;
  }
  return row.id;
}

/** The data rows of a table's sheet: below the headers (辖区 merged down, or 转介类别) until the blank row before the notes. */
export function dataRows(sheet: ExcelJS.Worksheet): number[] {
  const rows: number[] = [];
  let r = 5;
  while (['辖区', '转介类别'].includes(String(sheet.getCell(r, 1).value))) r += 1;
  for (; sheet.getCell(r, 1).value; r += 1) rows.push(r);
  return rows;
}

/**
 * R20 history: fills the template: on 表1 each row's people assisted (`assisted`, by row name) go wholly to the first category
 * of every breakdown; every other figure is 0. `edit` changes cells afterwards.
 */
export async function filledTemplate(template: Buffer, assisted: Record<string, number>, edit?: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  for (const sheet of workbook.worksheets.filter((candidate) => candidate.name.startsWith('表'))) {
    const firstSheet = sheet.name.startsWith('表1 ');
    for (const r of dataRows(sheet)) {
      const n = assisted[String(sheet.getCell(r, 1).value)] ?? 0;
      for (let c = 2; sheet.getCell(5, c).value; c += 1) {
        // 表1's header rows: the indicator, the breakdown (or 合计), the category (or 合计).
        const breakdown = sheet.getCell(6, c).value;
        const firstCategory = breakdown === '合计' || breakdown !== sheet.getCell(6, c - 1).value;
        sheet.getCell(r, c).value = firstSheet && firstCategory ? n : 0;
      }
    }
  }
  edit?.(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

/** supertest's parser for a file (`.buffer(true).parse(binary)`): the body as the bytes sent. */
export function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
