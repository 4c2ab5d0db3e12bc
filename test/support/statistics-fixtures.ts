/** R20: files as the statistics count them — a person, a file and its states with their instants, written directly. */
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
