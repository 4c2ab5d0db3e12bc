import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import type { OrganisationKind, Role } from '#app/access';
import { bornAged, chinaMorning, TEST_TODAY } from './clock.js';
import type { TestDatabase } from './test-context.js';

export const TEST_PASSWORD = 'Huijia-Test-Pass-1';
let passwordHash: Promise<string> | undefined;

/** One argon2id hash of TEST_PASSWORD for every fixture user (cheap parameters: these are tests). */
function testPasswordHash(): Promise<string> {
  passwordHash ??= hash(TEST_PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
  return passwordHash;
}

const unique = () => randomBytes(4).toString('hex');

export async function createOrganisation(db: TestDatabase, input: { kind: OrganisationKind; jurisdictionCode: string; name?: string; designated?: boolean }): Promise<string> {
  const [row] = await db.query<{ id: string }>('INSERT INTO organisation (name, kind, jurisdiction_code, designated) VALUES ($1, $2, $3, $4) RETURNING id', [
    input.name ?? `${input.kind} ${unique()}`,
    input.kind,
    input.jurisdictionCode,
    input.designated ?? false,
  ]);
  return row.id;
}

export async function createUser(db: TestDatabase, input: { role: Role; organisationId: string; username?: string }): Promise<{ id: string; username: string }> {
  const username = input.username ?? `${input.role.replace(/_/g, '-')}-${unique()}`;
  const [row] = await db.query<{ id: string }>('INSERT INTO user_account (username, display_name, organisation_id, role, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
    username,
    `Test ${input.role}`,
    input.organisationId,
    input.role,
    await testPasswordHash(),
  ]);
  return { id: row.id, username };
}

/** A file straight in the database (for access tests; the intake API is tested on its own). */
export async function createFile(
  db: TestDatabase,
  input: { jurisdictionCode: string; organisationId: string; institutionId?: string; caseworkerId?: string; state?: string; personName?: string; adult?: boolean },
): Promise<string> {
  // A woman in her thirties, or a girl of 12 or 13 on the base date.
  const born = input.adult ? [bornAged(36), bornAged(35)] : [bornAged(13), bornAged(12)];
  const [person] = await db.query<{ id: string }>(
    `INSERT INTO person (name, sex, birth_date_from, birth_date_to, identity_status) VALUES ($1, 'female', $2, $3, 'unknown') RETURNING id`,
    [input.personName ?? '测试', ...born],
  );
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO victim_file (reference, state, person_id, intake_kind, place_code, responsible_jurisdiction_code, responsible_organisation_id,
                              current_institution_id, responsible_caseworker_id)
     VALUES ($1, $2, $3, 'police_handover', $4, $4, $5, $6, $7) RETURNING id`,
    [`T-${unique()}`, input.state ?? 'in_care', person.id, input.jurisdictionCode, input.organisationId, input.institutionId ?? null, input.caseworkerId ?? null],
  );
  return row.id;
}

export async function grantFile(db: TestDatabase, fileId: string, organisationId: string, source = 'referral'): Promise<string> {
  const [row] = await db.query<{ id: string }>('INSERT INTO file_access_grant (file_id, organisation_id, source) VALUES ($1, $2, $3) RETURNING id', [
    fileId,
    organisationId,
    source,
  ]);
  return row.id;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  auth: { authorization: string };
}

export async function login(server: App, username: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await request(server).post('/auth/login').send({ username, password });
  if (response.status !== 200) throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { ...response.body, auth: { authorization: `Bearer ${response.body.accessToken}` } };
}

/** A user of a new organisation, signed in. */
export async function signedIn(
  server: App,
  db: TestDatabase,
  role: Role,
  organisation: { kind: OrganisationKind; jurisdictionCode: string } | { id: string },
): Promise<Session & { userId: string; username: string; organisationId: string }> {
  const organisationId = 'id' in organisation ? organisation.id : await createOrganisation(db, organisation);
  const user = await createUser(db, { role, organisationId });
  return { ...(await login(server, user.username)), userId: user.id, username: user.username, organisationId };
}

export async function auditRecords(db: TestDatabase, where: string, params: unknown[] = []) {
  return db.query<{ action: string; outcome: string; actor_user_id: string | null; entity_id: string | null; file_ids: string[]; details: Record<string, unknown> }>(
    `SELECT action, outcome, actor_user_id, entity_id, file_ids, details FROM audit_record WHERE ${where} ORDER BY id`,
    params,
  );
}

export async function createInterview(db: TestDatabase, fileId: string, recordedBy: string): Promise<void> {
  await db.query(`INSERT INTO interview (file_id, conducted_at, language, attendees, circumstances, recorded_by) VALUES ($1, $3, 'zh', '[]', 'fixture', $2)`, [
    fileId,
    recordedBy,
    chinaMorning(TEST_TODAY),
  ]);
}

export async function createApproval(db: TestDatabase, fileId: string, requestedBy: string, event = 'close', state = 'reunified'): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO approval (file_id, event, payload, requested_in_state, requested_by, status) VALUES ($1, $2, '{"reason": "fixture"}', $3, $4, 'pending') RETURNING id`,
    [fileId, event, state, requestedBy],
  );
  return row.id;
}

export async function createTransfer(db: TestDatabase, fileId: string, fromOrganisationId: string, toOrganisationId: string, requestedBy: string): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO file_transfer (file_id, from_organisation_id, to_organisation_id, reason, status, requested_by) VALUES ($1, $2, $3, 'fixture', 'awaiting_acceptance', $4) RETURNING id`,
    [fileId, fromOrganisationId, toOrganisationId, requestedBy],
  );
  return row.id;
}

/** PostgreSQL's "permission denied". */
export const PERMISSION_DENIED = '42501';

/** Each statement run as huijia_app (the application's own role, `url`), with the error code it met, or null: for append-only tables. */
export async function asApp(url: string, statements: string[]): Promise<{ sql: string; code: string | null }[]> {
  const app = new pg.Client({ connectionString: url });
  await app.connect();
  try {
    const results: { sql: string; code: string | null }[] = [];
    for (const sql of statements) {
      results.push({
        sql,
        code: await app.query(sql).then(
          () => null,
          (failure: { code?: string }) => failure.code ?? 'unknown',
        ),
      });
    }
    return results;
  } finally {
    await app.end();
  }
}
