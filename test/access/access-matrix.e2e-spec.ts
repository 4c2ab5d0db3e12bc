/**
 * The access matrix: every route the api registers, for every role, against a
 * target in the actor's own organisation, in another organisation of the same
 * jurisdiction, and in another jurisdiction, is allowed or denied exactly as
 * POLICY says. A route missing from POLICY fails the test, so every new route
 * must be classified here. Every denial must be in the audit record (R21, R22).
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { ROLE_FILE_REACH, ROLE_ORGANISATION_KINDS, ROLES, type OrganisationKind, type Role } from '#app/access';
import {
  createApproval,
  createFile,
  createInterview,
  createOrganisation,
  createTransfer,
  createUser,
  grantFile,
  login,
  TEST_PASSWORD,
  type Session,
} from '../support/access-fixtures.js';
import { residentId } from '../support/case-fixtures.js';
import { TEST_TODAY } from '../support/clock.js';
import { binary, filledTemplate } from '../support/statistics-fixtures.js';
import { startStack, type TestStack } from '../support/test-context.js';

const HOME = '530102'; // 五华区
const ELSEWHERE = '532901'; // 大理市

type Relation = 'own' | 'same' | 'other';
const RELATIONS: Relation[] = ['own', 'same', 'other'];

/**
 * The policy. Per route, per role, three letters for the target in the
 * actor's own organisation / another organisation of the same jurisdiction /
 * another jurisdiction: A = allowed, D = denied. `public` routes need no
 * sign-in; `any` means every signed-in role is allowed whatever the target.
 */
type Cells = Record<Role, string>;
const all = (cells: string): Cells => Object.fromEntries(ROLES.map((role) => [role, cells])) as Cells;
const only = (allowed: Partial<Cells>): Cells => ({ ...all('DDD'), ...allowed });

/** Partners act on referrals sent to their own organisation only. */
const PARTNERS_OWN: Partial<Cells> = {
  hospital_staff: 'ADD',
  school_staff: 'ADD',
  training_staff: 'ADD',
  legal_aid_staff: 'ADD',
  social_worker: 'ADD',
  foreign_affairs_officer: 'ADD',
};

/** Who reads files: civil affairs by jurisdiction, institutions by stay, police and partners by grant (R16, R22). */
const FILE_READERS = only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD', police_liaison: 'ADD', ...PARTNERS_OWN });

const POLICY: Record<string, 'public' | Cells> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'POST /auth/login': 'public',
  'POST /auth/refresh': 'public',
  'POST /auth/logout': all('AAA'),
  'POST /auth/password': all('AAA'),
  'GET /me': all('AAA'),
  'GET /jurisdictions': all('AAA'),
  'GET /jurisdictions/{code}': all('AAA'),
  'GET /jurisdictions/{code}/children': all('AAA'),
  'GET /organisations': all('AAA'),
  'GET /organisations/{id}': all('AAA'),
  'POST /organisations': only({ administrator: 'AAD' }),
  'PATCH /organisations/{id}': only({ administrator: 'AAD' }),
  'POST /users': only({ administrator: 'AAD' }),
  'GET /users': only({ administrator: 'AAD', supervisor: 'AAD' }),
  'GET /users/{id}': only({ administrator: 'AAD', supervisor: 'AAD' }),
  'PATCH /users/{id}': only({ administrator: 'AAD' }),
  'POST /users/{id}/password': only({ administrator: 'AAD' }),
  'GET /users/{id}/workload': only({ administrator: 'AAD' }),
  'POST /users/{id}/handover': only({ administrator: 'AAD' }),
  'GET /files': FILE_READERS,
  'GET /files/{id}': FILE_READERS,
  // Break the glass: a supervisor may open any file (one in scope answers 409: not needed, not denied).
  'POST /files/{fileId}/emergency-access': only({ supervisor: 'AAA' }),
  'GET /me/emergency-access': only({ supervisor: 'AAA' }),
  'GET /emergency-access': only({ supervisor: 'AAA', administrator: 'AAA' }),
  // Reviewed by the level above: a county supervisor cannot review its own county's; its administrator can.
  'POST /emergency-access/{id}/review': only({ administrator: 'AAD' }),
  'GET /audit/files/{fileId}': only({ supervisor: 'AAD', administrator: 'AAD' }),
  // Intake (R1): civil affairs for a bureau within its jurisdiction; the police for any bureau; institutions for themselves.
  'POST /intake/police-handovers': only({ caseworker: 'AAD', supervisor: 'AAD', police_liaison: 'AAA' }),
  'POST /intake/discoveries': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'AAA' }),
  // The police unit follows the handovers it made, no other unit's.
  'GET /intake/police-handovers': only({ police_liaison: 'ADD' }),
  // The file's own records: those who keep the file (civil affairs by jurisdiction, the institution where the person stays).
  'GET /files/{id}/history': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'GET /files/{id}/duplicates': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'POST /files/{id}/interview': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'GET /files/{id}/interview': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'POST /files/{id}/interview/addenda': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'POST /files/{id}/buyer-household': only({ caseworker: 'AAD', supervisor: 'AAD', police_liaison: 'ADD' }),
  // R6: the household is corrected or removed by those who establish it (the police) or answer for corrections (a supervisor).
  'PUT /files/{id}/buyer-household/{memberId}': only({ supervisor: 'AAD', police_liaison: 'ADD' }),
  'POST /files/{id}/buyer-household/{memberId}/remove': only({ supervisor: 'AAD', police_liaison: 'ADD' }),
  'POST /files/{id}/guardians': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'PUT /files/{id}/guardians/{guardianId}': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'POST /files/{id}/guardians/{guardianId}/remove': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  // A supervisor assigns a caseworker of the bureau; a caseworker may only take a file of their own bureau themselves.
  'PUT /files/{id}/caseworker': only({ caseworker: 'ADD', supervisor: 'AAD' }),
  'POST /files/{id}/mandatory-reports': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'POST /files/{id}/assistance-measures': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'PUT /files/{id}/return-home': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'PUT /files/{id}/repatriation': only({ caseworker: 'AAD', supervisor: 'AAD', foreign_affairs_officer: 'ADD' }),
  'GET /files/{id}/transitions': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'POST /files/{id}/transitions': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'GET /approvals': only({ supervisor: 'AAD' }),
  'POST /approvals/{id}/approve': only({ supervisor: 'AAD' }),
  'POST /approvals/{id}/reject': only({ supervisor: 'AAD' }),
  // Only whoever asked may withdraw a request.
  'POST /approvals/{id}/withdraw': only({ caseworker: 'ADD', supervisor: 'ADD' }),
  'GET /transfers': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'POST /transfers/{id}/accept': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'POST /transfers/{id}/decline': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  // Follow-up and reminders (R17): one's own inbox; reminders of one's own (supervisors: within their jurisdiction).
  'GET /me/notifications': all('AAA'),
  'GET /me/notifications/counts': all('AAA'),
  // The stream authenticates by its single-use ticket (an EventSource sends no Authorization header): without one, 422.
  'GET /me/notifications/stream': 'public',
  'POST /me/notifications/stream-tickets': all('AAA'),
  'POST /me/notifications/read-all': all('AAA'),
  'POST /me/notifications/{id}/read': all('ADD'),
  'POST /reminders/{id}/acknowledge': { ...all('ADD'), supervisor: 'AAD' },
  'GET /followup/overdue': only({ supervisor: 'AAA' }),
  // One's own files with what is due next (the workbench): in one's scope, as the files list.
  'GET /me/files': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'GET /followup/overdue/workers': only({ supervisor: 'AAA' }),
  'GET /files/{id}/followup': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'POST /files/{id}/followup/visits/{visitId}': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'PUT /files/{id}/followup/visits/{visitId}': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'GET /calendar': all('AAA'),
  'GET /calendar/{year}': all('AAA'),
  'PUT /calendar/{year}': only({ administrator: 'AAA' }),
  // Referrals (R12–R16, R18, R19): the referring side keeps the file; each partner works only its own organisation's.
  'POST /files/{id}/referrals': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'GET /files/{id}/referrals': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'POST /files/{id}/consents': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'GET /files/{id}/consents': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'POST /consents/{id}/withdraw': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'GET /files/{id}/consents/standing': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'POST /files/{id}/consents/withdraw': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'POST /files/{id}/support-contributions': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'GET /files/{id}/support-contributions': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'GET /schooling/unenrolled': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'PUT /referrals/{id}': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'POST /referrals/{id}/send': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'POST /referrals/{id}/withdraw': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'GET /referrals/inbox': only(PARTNERS_OWN),
  'GET /referrals/{id}': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD', ...PARTNERS_OWN }),
  'POST /referrals/{id}/accept': only(PARTNERS_OWN),
  'POST /referrals/{id}/decline': only(PARTNERS_OWN),
  'POST /referrals/{id}/start': only(PARTNERS_OWN),
  'POST /referrals/{id}/notes': only(PARTNERS_OWN),
  'POST /referrals/{id}/notes/{noteId}/corrections': only(PARTNERS_OWN),
  'POST /referrals/{id}/complete': only(PARTNERS_OWN),
  'POST /referrals/{id}/disability-assessment': only({ hospital_staff: 'ADD' }),
  'POST /referrals/{id}/enrolment': only({ school_staff: 'ADD' }),
  'POST /referrals/{id}/support-contributions': only({ social_worker: 'ADD' }),
  // R15, R18, R19: each partner's records of its kind, on referrals sent to its own organisation.
  'POST /referrals/{id}/training-courses': only({ training_staff: 'ADD', school_staff: 'ADD' }),
  'POST /referrals/{id}/training-certificates': only({ training_staff: 'ADD', school_staff: 'ADD' }),
  'POST /referrals/{id}/jobs': only({ training_staff: 'ADD', school_staff: 'ADD' }),
  'POST /referrals/{id}/legal-aid-steps': only({ legal_aid_staff: 'ADD' }),
  'POST /referrals/{id}/repatriation-handover': only({ foreign_affairs_officer: 'ADD' }),
  'GET /audit/users/{userId}': only({ supervisor: 'AAD', administrator: 'AAD' }),
  // A signed checkpoint of every chain head (issue 12 §2): administrators only, whatever the target.
  'POST /audit/checkpoints': only({ administrator: 'AAA' }),
  'POST /audit/verification': only({ administrator: 'AAA' }),
  // Verifications asked for by administrators within one's jurisdiction (issue 14).
  'GET /audit/verifications': only({ administrator: 'AAA' }),
  'GET /audit/verifications/{id}': only({ administrator: 'AAD' }),
  'PUT /files/{id}/identity': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  // Family tracing (R8–R10): requests recorded by one's organisation or within one's jurisdiction; the police see their own
  // and those they were asked to compare; candidates and leads with the file.
  'POST /tracing/requests': only({ caseworker: 'AAA', supervisor: 'AAA', police_liaison: 'AAA' }),
  'GET /tracing/requests': only({ caseworker: 'AAD', supervisor: 'AAD', police_liaison: 'ADD' }),
  'GET /tracing/requests/{id}': only({ caseworker: 'AAD', supervisor: 'AAD', police_liaison: 'ADD' }),
  'POST /tracing/requests/{id}/close': only({ caseworker: 'AAD', supervisor: 'AAD', police_liaison: 'ADD' }),
  'POST /tracing/requests/{id}/releases': only({ caseworker: 'AAD', supervisor: 'AAD', police_liaison: 'ADD' }),
  'POST /files/{id}/tracing/leads': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'POST /files/{id}/tracing/leads/{leadId}/outcome': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'GET /files/{id}/tracing': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'GET /files/{id}/tracing/candidates': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'POST /files/{id}/tracing/match': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'POST /files/{id}/tracing/paternity-tests': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'POST /files/{id}/tracing/duty-notices': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'POST /tracing/candidates/{id}/dismiss': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'POST /tracing/candidates/{id}/dna-comparison': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'GET /tracing/dna-comparisons': only({ police_liaison: 'ADD' }),
  'GET /tracing/dna-comparisons/{id}': only({ police_liaison: 'ADD' }),
  'POST /tracing/dna-comparisons/{id}/outcome': only({ police_liaison: 'ADD' }),
  // Household registration (R11): with the file for civil affairs; the police unit once the task is raised to it.
  'GET /household-registrations': only({ caseworker: 'AAD', supervisor: 'AAD', police_liaison: 'ADD' }),
  'GET /files/{id}/household-registration': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD', police_liaison: 'ADD' }),
  'POST /files/{id}/household-registration/application': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'POST /files/{id}/household-registration/registration': only({ caseworker: 'AAD', supervisor: 'AAD', police_liaison: 'ADD' }),
  'POST /files/{id}/household-registration/social-security': only({ caseworker: 'AAD', supervisor: 'AAD' }),
  'POST /files/{id}/household-registration/exception': only({ supervisor: 'AAD' }),
  // The stay in an institution (issue 13): kept by the staff of the institution the person stays in, read with the file by civil affairs.
  'GET /files/{id}/stay': only({ caseworker: 'AAD', supervisor: 'AAD', institution_staff: 'ADD' }),
  'POST /files/{id}/stay/arrival': only({ institution_staff: 'ADD' }),
  'POST /files/{id}/stay/notes': only({ institution_staff: 'ADD' }),
  'POST /files/{id}/stay/leaves': only({ institution_staff: 'ADD' }),
  'POST /files/{id}/stay/leaves/{leaveId}/return': only({ institution_staff: 'ADD' }),
  'POST /files/{id}/stay/departure': only({ institution_staff: 'ADD' }),
  // R20: the reporting chain — civil affairs and the joint-meeting offices' statisticians — for their own jurisdiction and below.
  'GET /statistics/indicators': only({ caseworker: 'AAA', supervisor: 'AAA', statistician: 'AAA' }),
  'GET /statistics/figures': only({ caseworker: 'AAD', supervisor: 'AAD', statistician: 'AAD' }),
  'GET /statistics/export': only({ caseworker: 'AAD', supervisor: 'AAD', statistician: 'AAD' }),
  // A bureau's supervisor submits its own year; the office of the report's level reviews it; the chain reads within its jurisdiction.
  'POST /statistics/reports': only({ supervisor: 'AAA' }),
  'GET /statistics/reports': only({ caseworker: 'AAD', supervisor: 'AAD', statistician: 'AAD' }),
  'GET /statistics/reports/{id}': only({ caseworker: 'AAD', supervisor: 'AAD', statistician: 'AAD' }),
  'POST /statistics/reports/{id}/return': only({ statistician: 'AAD' }),
  'POST /statistics/reports/{id}/accept': only({ statistician: 'AAD' }),
  // An office submits its own summary to the office above; the chain's status within one's jurisdiction.
  'POST /statistics/summaries': only({ statistician: 'AAA' }),
  'GET /statistics/chain': only({ caseworker: 'AAD', supervisor: 'AAD', statistician: 'AAD' }),
  // The years before huijia: an office's statistician imports them for its jurisdiction and below, and lists them.
  'POST /statistics/imports': only({ statistician: 'AAD' }),
  'GET /statistics/imports': only({ statistician: 'AAD' }),
  'GET /statistics/imports/template': only({ statistician: 'AAD' }),
};

interface Actor extends Session {
  role: Role;
  username: string;
  userId: string;
  organisationId: string;
  kind: OrganisationKind;
}

describe('access matrix', () => {
  let stack: TestStack;
  let server: App;
  const actors = new Map<Role, Actor>();
  /** Per role and relation: an organisation of the role's kind. */
  const organisations = new Map<string, string>();
  let routes: string[];

  const unique = () => randomBytes(4).toString('hex');
  const organisationFor = (role: Role, relation: Relation) => organisations.get(`${role}:${relation}`)!;

  beforeAll(async () => {
    stack = await startStack({ overrides: { LOGIN_MAX_FAILURES_PER_IP: '100000' } });
    server = stack.api!.getHttpServer();
    for (const role of ROLES) {
      const kind = ROLE_ORGANISATION_KINDS[role][0];
      organisations.set(`${role}:own`, await createOrganisation(stack.database, { kind, jurisdictionCode: HOME }));
      organisations.set(`${role}:same`, await createOrganisation(stack.database, { kind, jurisdictionCode: HOME }));
      organisations.set(`${role}:other`, await createOrganisation(stack.database, { kind, jurisdictionCode: ELSEWHERE }));
      const user = await createUser(stack.database, { role, organisationId: organisationFor(role, 'own') });
      actors.set(role, { ...(await login(server, user.username)), role, username: user.username, userId: user.id, organisationId: organisationFor(role, 'own'), kind });
    }
    const document = await request(server).get('/docs-json').expect(200);
    routes = Object.entries(document.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });
  afterAll(() => stack?.close());

  /** A file reached by the role's kind of organisation in the given relation. */
  async function fileFor(role: Role, relation: Relation, options: { adult?: boolean; state?: string } = {}): Promise<string> {
    const organisationId = organisationFor(role, relation);
    const jurisdictionCode = relation === 'other' ? ELSEWHERE : HOME;
    const reach = ROLE_FILE_REACH[role];
    const kind = actors.get(role)!.kind;
    if (kind === 'civil_affairs_bureau') return createFile(stack.database, { jurisdictionCode, organisationId, ...options });
    const bureau = organisationFor('caseworker', relation);
    if (reach === 'institution') return createFile(stack.database, { jurisdictionCode, organisationId: bureau, institutionId: organisationId, ...options });
    const fileId = await createFile(stack.database, { jurisdictionCode, organisationId: bureau, ...options });
    await grantFile(stack.database, fileId, organisationId);
    return fileId;
  }

  async function userFor(role: Role, relation: Relation): Promise<string> {
    return (await createUser(stack.database, { role, organisationId: organisationFor(role, relation) })).id;
  }

  async function emergencyAccessFor(role: Role, relation: Relation): Promise<string> {
    const user = await userFor(role, relation);
    const fileId = await createFile(stack.database, { jurisdictionCode: ELSEWHERE, organisationId: organisationFor('caseworker', 'other') });
    const [row] = await stack.database.query<{ id: string }>(
      `INSERT INTO emergency_access (user_id, file_id, reason, granted_at, expires_at) VALUES ($1, $2, 'an emergency in the matrix', $3, $3::timestamptz + interval '1 hour') RETURNING id`,
      [user, fileId, stack.clock.now()],
    );
    return row.id;
  }

  /** A report submitted by the bureau of the relation's jurisdiction: a version of its own (a correction), so that each is the latest. */
  let reportVersion = 1;
  async function reportIn(relation: Relation, year = 2025): Promise<string> {
    reportVersion += 1;
    const jurisdiction = relation === 'other' ? ELSEWHERE : HOME;
    const figures = {
      year,
      jurisdiction: { code: jurisdiction, name: '辖区', level: 3 },
      view: 'exact',
      minCell: 11,
      asOfDay: `${year}-12-31`,
      yearComplete: true,
      rows: [],
      indicators: [],
      suppressedCells: 0,
    };
    const [row] = await stack.database.query<{ id: string }>(
      `INSERT INTO statistics_report (kind, year, jurisdiction_code, version, organisation_id, narrative, correction_reason, figures, submitted_by, submitted_at)
       VALUES ('bureau', $1, $2, $3, $4, 'matrix', 'matrix: a correction', $5, $6, now()) RETURNING id`,
      [year, jurisdiction, reportVersion, organisationFor('caseworker', relation), figures, await userFor('supervisor', relation)],
    );
    return row.id;
  }

  /** R20 history: a year before huijia, its workbook (HOME's template, every figure 0), and an import on the record. */
  const HISTORY_YEAR = 2023;
  let history: string | undefined;
  async function historyWorkbook(): Promise<string> {
    const template = await request(server)
      .get(`/statistics/imports/template?year=${HISTORY_YEAR}&jurisdictionCode=${HOME}`)
      .set(actors.get('statistician')!.auth)
      .buffer(true)
      .parse(binary);
    history ??= await filledTemplate(template.body as Buffer, {});
    return history;
  }
  // Past version 1 (which has no reason): each insert a new version, whatever the jurisdiction.
  let importVersion = 1;
  async function importIn(relation: Relation): Promise<string> {
    importVersion += 1;
    const [row] = await stack.database.query<{ id: string }>(
      `INSERT INTO statistics_import (year, jurisdiction_code, version, file_name, file_sha256, figures, correction_reason, imported_by, imported_at)
       VALUES ($1, $2, $3, 'matrix.xlsx', repeat('0', 64), '{"rows": [], "indicators": []}', 'matrix: imported again', $4, now()) RETURNING id`,
      [HISTORY_YEAR - 1, relation === 'other' ? ELSEWHERE : HOME, importVersion, await userFor('statistician', relation)],
    );
    return row.id;
  }

  type Call = { test: request.Test; listed?: (body: unknown) => boolean };

  /** How to call each route as `actor` against a target in `relation`. */
  const CALLS: Record<string, (actor: Actor, relation: Relation) => Promise<Call>> = {
    // Signing out and changing the password end logins: each cell uses a user of its own, of the same role and organisation.
    'POST /auth/logout': async (actor) => {
      const session = await login(server, (await createUser(stack.database, { role: actor.role, organisationId: actor.organisationId })).username);
      return { test: request(server).post('/auth/logout').set(session.auth) };
    },
    'POST /auth/password': async (actor) => {
      const session = await login(server, (await createUser(stack.database, { role: actor.role, organisationId: actor.organisationId })).username);
      return { test: request(server).post('/auth/password').set(session.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'Another-Pass-2026' }) };
    },
    'GET /me': async (actor) => ({ test: request(server).get('/me').set(actor.auth) }),
    'GET /jurisdictions': async (actor) => ({ test: request(server).get('/jurisdictions').set(actor.auth) }),
    'GET /jurisdictions/{code}': async (actor, relation) => ({
      test: request(server)
        .get(`/jurisdictions/${relation === 'other' ? ELSEWHERE : HOME}`)
        .set(actor.auth),
    }),
    'GET /jurisdictions/{code}/children': async (actor, relation) => ({
      test: request(server)
        .get(`/jurisdictions/${relation === 'other' ? '532900' : '530100'}/children`)
        .set(actor.auth),
    }),
    'GET /organisations': async (actor) => ({ test: request(server).get('/organisations').set(actor.auth) }),
    'GET /organisations/{id}': async (actor, relation) => ({
      test: request(server)
        .get(`/organisations/${organisationFor(actor.role, relation)}`)
        .set(actor.auth),
    }),
    'POST /organisations': async (actor, relation) => ({
      test: request(server)
        .post('/organisations')
        .set(actor.auth)
        .send({ name: `新机构 ${unique()}`, kind: 'school', jurisdictionCode: relation === 'other' ? ELSEWHERE : HOME }),
    }),
    'PATCH /organisations/{id}': async (actor, relation) => ({
      test: request(server)
        .patch(`/organisations/${organisationFor(actor.role, relation)}`)
        .set(actor.auth)
        .send({ name: `改名 ${unique()}` }),
    }),
    'POST /users': async (actor, relation) => ({
      test: request(server)
        .post('/users')
        .set(actor.auth)
        .send({ username: `matrix-${unique()}`, displayName: '新用户', organisationId: organisationFor(actor.role, relation), role: actor.role, password: 'Matrix-Pass-2026' }),
    }),
    'GET /users': async (actor, relation) => {
      const target = await userFor(actor.role, relation);
      return {
        test: request(server)
          .get(`/users?organisationId=${organisationFor(actor.role, relation)}&limit=200`)
          .set(actor.auth),
        listed: (body) => (body as { items: { id: string }[] }).items.some((user) => user.id === target),
      };
    },
    'GET /users/{id}': async (actor, relation) => ({
      test: request(server)
        .get(`/users/${await userFor(actor.role, relation)}`)
        .set(actor.auth),
    }),
    'PATCH /users/{id}': async (actor, relation) => ({
      test: request(server)
        .patch(`/users/${await userFor(actor.role, relation)}`)
        .set(actor.auth)
        .send({ displayName: '改名' }),
    }),
    'POST /users/{id}/password': async (actor, relation) => ({
      test: request(server)
        .post(`/users/${await userFor(actor.role, relation)}/password`)
        .set(actor.auth)
        .send({ newPassword: 'Reset-Matrix-2026' }),
    }),
    'GET /users/{id}/workload': async (actor, relation) => ({
      test: request(server)
        .get(`/users/${await userFor(actor.role, relation)}/workload`)
        .set(actor.auth),
    }),
    'POST /users/{id}/handover': async (actor, relation) => {
      const bureau = organisationFor('caseworker', relation);
      const leaving = (await createUser(stack.database, { role: 'caseworker', organisationId: bureau })).id;
      const colleague = (await createUser(stack.database, { role: 'caseworker', organisationId: bureau })).id;
      return { test: request(server).post(`/users/${leaving}/handover`).set(actor.auth).send({ toUserId: colleague, reason: 'matrix: moved to another post' }) };
    },
    'GET /files': async (actor, relation) => {
      const target = await fileFor(actor.role, relation);
      return {
        test: request(server).get('/files?limit=200').set(actor.auth),
        listed: (body) => (body as { items: { id: string }[] }).items.some((file) => file.id === target),
      };
    },
    'GET /files/{id}': async (actor, relation) => ({
      test: request(server)
        .get(`/files/${await fileFor(actor.role, relation)}`)
        .set(actor.auth),
    }),
    'POST /files/{fileId}/emergency-access': async (actor, relation) => ({
      test: request(server)
        .post(`/files/${await fileFor(actor.role, relation)}/emergency-access`)
        .set(actor.auth)
        .send({ reason: 'matrix: an urgent check of this file' }),
    }),
    'GET /me/emergency-access': async (actor) => ({ test: request(server).get('/me/emergency-access').set(actor.auth) }),
    'GET /emergency-access': async (actor) => ({ test: request(server).get('/emergency-access').set(actor.auth) }),
    'POST /emergency-access/{id}/review': async (actor, relation) => ({
      test: request(server)
        .post(`/emergency-access/${await emergencyAccessFor(actor.role, relation)}/review`)
        .set(actor.auth)
        .send({ note: 'reviewed' }),
    }),
    'GET /audit/files/{fileId}': async (actor, relation) => ({
      test: request(server)
        .get(`/audit/files/${await fileFor(actor.role, relation)}`)
        .set(actor.auth),
    }),
    'GET /audit/users/{userId}': async (actor, relation) => ({
      test: request(server)
        .get(`/audit/users/${await userFor(actor.role, relation)}`)
        .set(actor.auth),
    }),
    'POST /audit/checkpoints': async (actor) => ({ test: request(server).post('/audit/checkpoints').set(actor.auth) }),
    'POST /audit/verification': async (actor) => ({ test: request(server).post('/audit/verification').set(actor.auth) }),
    'GET /audit/verifications': async (actor) => ({ test: request(server).get('/audit/verifications').set(actor.auth) }),
    'GET /statistics/indicators': async (actor) => ({ test: request(server).get('/statistics/indicators').set(actor.auth) }),
    'GET /statistics/figures': async (actor, relation) => ({
      test: request(server)
        .get(`/statistics/figures?year=${TEST_TODAY.slice(0, 4)}&view=exact&jurisdictionCode=${relation === 'other' ? ELSEWHERE : HOME}`)
        .set(actor.auth),
    }),
    'POST /statistics/reports': async (actor) => ({
      test: request(server)
        .post('/statistics/reports')
        .set(actor.auth)
        .send({ year: Number(TEST_TODAY.slice(0, 4)) - 1, narrative: 'matrix: the year’s work in words' }),
    }),
    'GET /statistics/reports': async (actor, relation) => {
      const target = await reportIn(relation, 2099);
      return {
        test: request(server).get('/statistics/reports?year=2099&limit=200').set(actor.auth),
        listed: (body) => (body as { items: { id: string }[] }).items.some((report) => report.id === target),
      };
    },
    'GET /statistics/reports/{id}': async (actor, relation) => ({
      test: request(server)
        .get(`/statistics/reports/${await reportIn(relation)}`)
        .set(actor.auth),
    }),
    'POST /statistics/reports/{id}/return': async (actor, relation) => ({
      test: request(server)
        .post(`/statistics/reports/${await reportIn(relation)}/return`)
        .set(actor.auth)
        .send({ reason: 'matrix: a figure to correct' }),
    }),
    'POST /statistics/reports/{id}/accept': async (actor, relation) => ({
      test: request(server)
        .post(`/statistics/reports/${await reportIn(relation)}/accept`)
        .set(actor.auth),
    }),
    'POST /statistics/summaries': async (actor) => ({
      test: request(server)
        .post('/statistics/summaries')
        .set(actor.auth)
        .send({ year: Number(TEST_TODAY.slice(0, 4)) - 1, narrative: 'matrix: the year’s summary in words' }),
    }),
    'GET /statistics/chain': async (actor, relation) => ({
      test: request(server)
        .get(`/statistics/chain?year=${TEST_TODAY.slice(0, 4)}&jurisdictionCode=${relation === 'other' ? ELSEWHERE : HOME}`)
        .set(actor.auth),
    }),
    'POST /statistics/imports': async (actor, relation) => ({
      test: request(server)
        .post('/statistics/imports')
        .set(actor.auth)
        // A correction's reason each time: a year imported before takes a new version.
        .send({
          year: HISTORY_YEAR,
          jurisdictionCode: relation === 'other' ? ELSEWHERE : HOME,
          fileName: 'matrix.xlsx',
          workbook: await historyWorkbook(),
          correctionReason: 'matrix: imported again',
        }),
    }),
    'GET /statistics/imports': async (actor, relation) => {
      const target = await importIn(relation);
      return {
        test: request(server)
          .get(`/statistics/imports?year=${HISTORY_YEAR - 1}&limit=200`)
          .set(actor.auth),
        listed: (body) => (body as { items: { id: string }[] }).items.some((entry) => entry.id === target),
      };
    },
    'GET /statistics/imports/template': async (actor, relation) => ({
      test: request(server)
        .get(`/statistics/imports/template?year=${HISTORY_YEAR}&jurisdictionCode=${relation === 'other' ? ELSEWHERE : HOME}`)
        .set(actor.auth),
    }),
    'GET /statistics/export': async (actor, relation) => ({
      test: request(server)
        .get(`/statistics/export?year=${TEST_TODAY.slice(0, 4)}&format=csv&jurisdictionCode=${relation === 'other' ? ELSEWHERE : HOME}`)
        .set(actor.auth),
    }),
    'GET /audit/verifications/{id}': async (actor, relation) => {
      const [{ id }] = await stack.database.query<{ id: string }>('INSERT INTO audit_verification (requested_by, requested_at) VALUES ($1, now()) RETURNING id', [
        await userFor('administrator', relation),
      ]);
      return { test: request(server).get(`/audit/verifications/${id}`).set(actor.auth) };
    },
  };

  /** Someone else in the civil affairs bureau of the relation, who asked for an approval or a transfer. */
  async function colleagueIn(relation: Relation): Promise<string> {
    return (await createUser(stack.database, { role: 'caseworker', organisationId: organisationFor('caseworker', relation) })).id;
  }

  const person = () => ({ name: `测试${unique()}`, sex: 'female', birthDateRange: { from: '2011-01-01', to: '2012-12-31' }, identityStatus: 'unknown' });
  const fileRecord = (route: string, body: object, setUp?: (fileId: string, actor: Actor) => Promise<void>) => async (actor: Actor, relation: Relation) => {
    const fileId = await fileFor(actor.role, relation);
    await setUp?.(fileId, actor);
    const [method, path] = route.split(' ');
    const url = path.replace('{id}', fileId);
    const test = method === 'GET' ? request(server).get(url) : method === 'PUT' ? request(server).put(url).send(body) : request(server).post(url).send(body);
    return { test: test.set(actor.auth) };
  };
  const withInterview = async (fileId: string) => createInterview(stack.database, fileId, await colleagueIn('own'));

  Object.assign(CALLS, {
    'POST /intake/police-handovers': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post('/intake/police-handovers')
        .set(actor.auth)
        .send({
          person: person(),
          responsibleOrganisationId: organisationFor('caseworker', relation),
          handover: {
            policeOrganisationId: actor.role === 'police_liaison' ? actor.organisationId : organisationFor('police_liaison', 'own'),
            policeCaseNumber: `A${unique()}`,
            handoverDate: '2026-01-05',
            placeCode: HOME,
            materials: [{ item: '询问笔录' }],
            circumstances: 'matrix',
          },
        }),
    }),
    'GET /intake/police-handovers': async (actor: Actor, relation: Relation) => {
      // A handover by the police unit of the relation, the newest of all so that it is on the first page.
      const target = await fileFor('caseworker', relation);
      await stack.database.query(
        `INSERT INTO intake (file_id, kind, reporting_organisation_id, police_case_number, occurred_on, place_code, circumstances, recorded_by)
         VALUES ($1, 'police_handover', $2, $3, date '2026-06-01', $4, 'matrix', $5)`,
        [target, organisationFor('police_liaison', relation), `A${unique()}`, HOME, actor.userId],
      );
      return {
        test: request(server).get('/intake/police-handovers?limit=200').set(actor.auth),
        listed: (body: unknown) => (body as { items: { fileId: string }[] }).items.some((row) => row.fileId === target),
      };
    },
    'POST /intake/discoveries': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post('/intake/discoveries')
        .set(actor.auth)
        .send({
          person: person(),
          discovery: { institutionId: organisationFor('institution_staff', relation), discoveredOn: '2026-01-05', placeCode: HOME, circumstances: 'matrix' },
        }),
    }),
    'GET /files/{id}/history': fileRecord('GET /files/{id}/history', {}),
    'GET /files/{id}/duplicates': fileRecord('GET /files/{id}/duplicates', {}),
    'POST /files/{id}/interview': fileRecord('POST /files/{id}/interview', {
      conductedAt: '2026-01-05T10:00:00Z',
      language: 'zh',
      attendees: [{ name: '李', role: 'caseworker' }],
      circumstances: 'matrix',
      needs: ['shelter'],
      consents: {},
    }),
    'GET /files/{id}/interview': fileRecord('GET /files/{id}/interview', {}, withInterview),
    'POST /files/{id}/interview/addenda': fileRecord('POST /files/{id}/interview/addenda', { section: 'risks', text: 'matrix', reason: 'matrix' }, withInterview),
    'POST /files/{id}/buyer-household': fileRecord('POST /files/{id}/buyer-household', { name: '买方', address: '某村1号' }),
    'POST /files/{id}/guardians': fileRecord('POST /files/{id}/guardians', { kind: 'civil_affairs', name: '民政局', since: '2026-01-05' }),
    'POST /files/{id}/mandatory-reports': fileRecord('POST /files/{id}/mandatory-reports', {
      suspectedHarm: 'matrix',
      reportedTo: '派出所',
      reportedAt: '2026-01-05T10:00:00Z',
    }),
    'POST /files/{id}/assistance-measures': fileRecord('POST /files/{id}/assistance-measures', { kind: 'food', description: 'matrix', providedOn: '2026-01-05' }),
    'PUT /files/{id}/return-home': fileRecord('PUT /files/{id}/return-home', { recipientName: '母亲', relation: '母亲', address: '某县某村', placeCode: HOME, expectedVersion: 1 }),
    'PUT /files/{id}/guardians/{guardianId}': async (actor: Actor, relation: Relation) => {
      const fileId = await fileFor(actor.role, relation);
      const [guardian] = await stack.database.query<{ id: string }>(
        `INSERT INTO guardian (file_id, kind, name, since, recorded_by) VALUES ($1, 'civil_affairs', '民政局', '2026-01-05', $2) RETURNING id`,
        [fileId, await colleagueIn('own')],
      );
      return {
        test: request(server).put(`/files/${fileId}/guardians/${guardian.id}`).set(actor.auth).send({ phone: '0871-12345678', reason: 'matrix: new number', expectedVersion: 1 }),
      };
    },
    'POST /files/{id}/guardians/{guardianId}/remove': async (actor: Actor, relation: Relation) => {
      const fileId = await fileFor(actor.role, relation);
      const [guardian] = await stack.database.query<{ id: string }>(
        `INSERT INTO guardian (file_id, kind, name, since, recorded_by) VALUES ($1, 'civil_affairs', '民政局', '2026-01-05', $2) RETURNING id`,
        [fileId, await colleagueIn('own')],
      );
      return { test: request(server).post(`/files/${fileId}/guardians/${guardian.id}/remove`).set(actor.auth).send({ reason: 'matrix: recorded twice', expectedVersion: 1 }) };
    },
    'PUT /files/{id}/buyer-household/{memberId}': async (actor: Actor, relation: Relation) => {
      const fileId = await fileFor(actor.role, relation);
      const [member] = await stack.database.query<{ id: string }>(
        `INSERT INTO buyer_household_member (file_id, name, name_normalised, recorded_by) VALUES ($1, '买方', '买方', $2) RETURNING id`,
        [fileId, await colleagueIn('own')],
      );
      return {
        test: request(server)
          .put(`/files/${fileId}/buyer-household/${member.id}`)
          .set(actor.auth)
          .send({ name: '买方某', reason: 'matrix: the name corrected', expectedVersion: 1 }),
      };
    },
    'POST /files/{id}/buyer-household/{memberId}/remove': async (actor: Actor, relation: Relation) => {
      const fileId = await fileFor(actor.role, relation);
      const [member] = await stack.database.query<{ id: string }>(
        `INSERT INTO buyer_household_member (file_id, name, name_normalised, recorded_by) VALUES ($1, '买方', '买方', $2) RETURNING id`,
        [fileId, await colleagueIn('own')],
      );
      return {
        test: request(server).post(`/files/${fileId}/buyer-household/${member.id}/remove`).set(actor.auth).send({ reason: 'matrix: not of the household', expectedVersion: 1 }),
      };
    },
    'PUT /files/{id}/caseworker': async (actor: Actor, relation: Relation) => {
      const fileId = await fileFor(actor.role, relation);
      // Someone of the bureau responsible for the file (the actor themselves when a caseworker takes their own bureau's file).
      const caseworkerId =
        relation === 'own' && actor.role === 'caseworker'
          ? actor.userId
          : (await createUser(stack.database, { role: 'caseworker', organisationId: organisationFor(actor.role, relation) })).id;
      return { test: request(server).put(`/files/${fileId}/caseworker`).set(actor.auth).send({ caseworkerId, expectedVersion: 1 }) };
    },
    'PUT /files/{id}/repatriation': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .put(`/files/${await fileFor(actor.role, relation)}/repatriation`)
        .set(actor.auth)
        .send({ country: 'VN', foreignAffairsOrganisationId: organisationFor('foreign_affairs_officer', 'own'), transitCare: 'matrix', expectedVersion: 1 }),
    }),
    'GET /files/{id}/transitions': fileRecord('GET /files/{id}/transitions', {}),
    'POST /files/{id}/transitions': fileRecord('POST /files/{id}/transitions', { event: 'start_tracing', expectedVersion: 1 }),
    'GET /approvals': async (actor: Actor, relation: Relation) => {
      const approval = await createApproval(stack.database, await fileFor('caseworker', relation, { adult: true, state: 'reunified' }), await colleagueIn(relation));
      return { test: request(server).get('/approvals').set(actor.auth), listed: (body: unknown) => (body as { items: { id: string }[] }).items.some((row) => row.id === approval) };
    },
    'POST /approvals/{id}/approve': async (actor: Actor, relation: Relation) => {
      const approval = await createApproval(stack.database, await fileFor('caseworker', relation, { adult: true, state: 'reunified' }), await colleagueIn(relation));
      return { test: request(server).post(`/approvals/${approval}/approve`).set(actor.auth).send({}) };
    },
    'POST /approvals/{id}/reject': async (actor: Actor, relation: Relation) => {
      const approval = await createApproval(stack.database, await fileFor('caseworker', relation, { adult: true, state: 'reunified' }), await colleagueIn(relation));
      return { test: request(server).post(`/approvals/${approval}/reject`).set(actor.auth).send({ reason: 'matrix' }) };
    },
    'POST /approvals/{id}/withdraw': async (actor: Actor, relation: Relation) => {
      const requester = relation === 'own' ? actor.userId : await colleagueIn(relation);
      const approval = await createApproval(stack.database, await fileFor('caseworker', relation, { adult: true, state: 'reunified' }), requester);
      return { test: request(server).post(`/approvals/${approval}/withdraw`).set(actor.auth).send({ reason: 'matrix: asked by mistake' }) };
    },
    'GET /transfers': async (actor: Actor, relation: Relation) => {
      const transfer = await transferTo(relation);
      return { test: request(server).get('/transfers').set(actor.auth), listed: (body: unknown) => (body as { items: { id: string }[] }).items.some((row) => row.id === transfer) };
    },
    'POST /transfers/{id}/accept': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post(`/transfers/${await transferTo(relation)}/accept`)
        .set(actor.auth)
        .send({}),
    }),
    'POST /transfers/{id}/decline': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post(`/transfers/${await transferTo(relation)}/decline`)
        .set(actor.auth)
        .send({ reason: 'matrix' }),
    }),
  });

  /** A reminder (and its notification) for a user of the relation: the actor's own one, or a colleague's. */
  async function reminderFor(actor: Actor, relation: Relation): Promise<{ reminderId: string; notificationId: string }> {
    const userId = relation === 'own' ? actor.userId : (await createUser(stack.database, { role: actor.role, organisationId: organisationFor(actor.role, relation) })).id;
    const organisationId = relation === 'own' ? actor.organisationId : organisationFor(actor.role, relation);
    const [reminder] = await stack.database.query<{ id: string }>(
      `INSERT INTO reminder (kind, title, due_at, assignee_user_id, assignee_organisation_id, status, delivered_at) VALUES ('other', 'matrix', $3, $1, $2, 'delivered', $3) RETURNING id`,
      [userId, organisationId, stack.clock.now()],
    );
    const [notification] = await stack.database.query<{ id: string }>(
      `INSERT INTO notification (recipient_user_id, reminder_id, kind, title, body) VALUES ($1, $2, 'other', 'matrix', 'matrix') RETURNING id`,
      [userId, reminder.id],
    );
    return { reminderId: reminder.id, notificationId: notification.id };
  }

  async function planFor(actor: Actor, relation: Relation): Promise<{ fileId: string; visitId: string }> {
    const fileId = await fileFor(actor.role, relation);
    await stack.database.query(`INSERT INTO followup_plan (file_id, starts_on, ends_on, status) VALUES ($1, '2026-01-01', '2031-01-01', 'active')`, [fileId]);
    const [visit] = await stack.database.query<{ id: string }>(`INSERT INTO followup_visit (file_id, seq, due_on, status) VALUES ($1, 1, '2026-02-01', 'scheduled') RETURNING id`, [
      fileId,
    ]);
    return { fileId, visitId: visit.id };
  }

  Object.assign(CALLS, {
    'GET /me/notifications': async (actor: Actor) => ({ test: request(server).get('/me/notifications').set(actor.auth) }),
    'GET /me/notifications/counts': async (actor: Actor) => ({ test: request(server).get('/me/notifications/counts').set(actor.auth) }),
    'POST /me/notifications/stream-tickets': async (actor: Actor) => ({ test: request(server).post('/me/notifications/stream-tickets').set(actor.auth) }),
    'POST /me/notifications/read-all': async (actor: Actor) => ({ test: request(server).post('/me/notifications/read-all').set(actor.auth) }),
    'POST /me/notifications/{id}/read': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post(`/me/notifications/${(await reminderFor(actor, relation)).notificationId}/read`)
        .set(actor.auth),
    }),
    'POST /reminders/{id}/acknowledge': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post(`/reminders/${(await reminderFor(actor, relation)).reminderId}/acknowledge`)
        .set(actor.auth),
    }),
    'GET /followup/overdue': async (actor: Actor) => ({ test: request(server).get('/followup/overdue').set(actor.auth) }),
    'GET /followup/overdue/workers': async (actor: Actor) => ({ test: request(server).get('/followup/overdue/workers').set(actor.auth) }),
    'GET /me/files': async (actor: Actor, relation: Relation) => {
      const jurisdictionCode = relation === 'other' ? ELSEWHERE : HOME;
      const target = await createFile(stack.database, { jurisdictionCode, organisationId: organisationFor('caseworker', relation), caseworkerId: actor.userId });
      return {
        test: request(server).get('/me/files?limit=200').set(actor.auth),
        listed: (body: unknown) => (body as { items: { id: string }[] }).items.some((row) => row.id === target),
      };
    },
    'GET /files/{id}/followup': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .get(`/files/${(await planFor(actor, relation)).fileId}/followup`)
        .set(actor.auth),
    }),
    'POST /files/{id}/followup/visits/{visitId}': async (actor: Actor, relation: Relation) => {
      const { fileId, visitId } = await planFor(actor, relation);
      return {
        test: request(server).post(`/files/${fileId}/followup/visits/${visitId}`).set(actor.auth).send({ visitedOn: '2026-02-01', livingSituation: '与父母同住，情况稳定' }),
      };
    },
    'PUT /files/{id}/followup/visits/{visitId}': async (actor: Actor, relation: Relation) => {
      const { fileId, visitId } = await planFor(actor, relation);
      await stack.database.query(`UPDATE followup_visit SET status = 'done', visited_on = '2026-02-01', living_situation = '与父母同住' WHERE id = $1`, [visitId]);
      const [{ version }] = await stack.database.query<{ version: number }>('SELECT version FROM victim_file WHERE id = $1', [fileId]);
      return {
        test: request(server)
          .put(`/files/${fileId}/followup/visits/${visitId}`)
          .set(actor.auth)
          .send({ expectedVersion: version, reason: '记错了日期', visitedOn: '2026-02-02', livingSituation: '与父母同住，情况稳定' }),
      };
    },
    'GET /calendar': async (actor: Actor) => ({ test: request(server).get('/calendar').set(actor.auth) }),
    'GET /calendar/{year}': async (actor: Actor) => ({ test: request(server).get('/calendar/2026').set(actor.auth) }),
    'PUT /calendar/{year}': async (actor: Actor) => ({
      test: request(server)
        .put('/calendar/2030')
        .set(actor.auth)
        .send({ holidays: [{ date: '2030-10-01', name: '国庆节' }], workdays: [] }),
    }),
  });

  const PARTNER_KIND: Partial<Record<Role, string>> = {
    hospital_staff: 'medical_care',
    school_staff: 'schooling',
    training_staff: 'job_training',
    legal_aid_staff: 'legal_aid',
    social_worker: 'rehabilitation',
    foreign_affairs_officer: 'repatriation',
  };

  /**
   * A referral in the relation: for a partner, sent to its kind of organisation of the relation;
   * for the referring side, on a file of the relation (to a social work organisation).
   */
  async function referralFor(actor: Actor, relation: Relation, status = 'sent', kind?: string): Promise<{ referralId: string; fileId: string }> {
    const partnerKind = PARTNER_KIND[actor.role];
    const fileId = partnerKind
      ? await createFile(stack.database, { jurisdictionCode: HOME, organisationId: organisationFor('caseworker', 'own') })
      : await fileFor(actor.role, relation);
    const receiver = partnerKind ? organisationFor(actor.role, relation) : organisationFor('social_worker', 'own');
    const [row] = await stack.database.query<{ id: string }>(
      `INSERT INTO referral (file_id, kind, organisation_id, referring_organisation_id, purpose, status, created_by, sent_at)
       VALUES ($1, $2, $3, $4, 'matrix', $5, $6, $7) RETURNING id`,
      [fileId, kind ?? partnerKind ?? 'rehabilitation', receiver, organisationFor('caseworker', 'own'), status, await colleagueIn('own'), stack.clock.now()],
    );
    return { referralId: row.id, fileId };
  }

  const OUTCOME = { summary: 'matrix', course: 'matrix', placement: { employer: 'x', place: 'y', startDate: '2026-10-01' }, service: 'litigation', stage: 'x', result: 'x' };
  const referralCall =
    (path: string, status: string, body: object = {}, kind?: string) =>
    async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post(`/referrals/${(await referralFor(actor, relation, status, kind)).referralId}/${path}`)
        .set(actor.auth)
        .send(body),
    });

  Object.assign(CALLS, {
    'POST /files/{id}/referrals': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post(`/files/${await fileFor(actor.role, relation)}/referrals`)
        .set(actor.auth)
        .send({ kind: 'rehabilitation', organisationId: organisationFor('social_worker', 'own'), purpose: 'matrix' }),
    }),
    'GET /files/{id}/referrals': fileRecord('GET /files/{id}/referrals', {}),
    'POST /files/{id}/consents': fileRecord('POST /files/{id}/consents', { category: 'family', givenBy: 'person', givenOn: '2026-01-01' }),
    'GET /files/{id}/consents': fileRecord('GET /files/{id}/consents', {}),
    'POST /consents/{id}/withdraw': async (actor: Actor, relation: Relation) => {
      const fileId = await fileFor(actor.role, relation);
      const [consent] = await stack.database.query<{ id: string }>(
        `INSERT INTO consent (file_id, category, given_by, given_on, recorded_by) VALUES ($1, 'family', 'person', '2026-01-01', $2) RETURNING id`,
        [fileId, await colleagueIn('own')],
      );
      return { test: request(server).post(`/consents/${consent.id}/withdraw`).set(actor.auth).send({ reason: 'matrix' }) };
    },
    'GET /files/{id}/consents/standing': fileRecord('GET /files/{id}/consents/standing', {}),
    'POST /files/{id}/consents/withdraw': fileRecord('POST /files/{id}/consents/withdraw', { category: 'family', reason: 'matrix' }, async (fileId) => {
      await stack.database.query(`INSERT INTO consent (file_id, category, given_by, given_on, recorded_by) VALUES ($1, 'family', 'person', '2026-01-01', $2)`, [
        fileId,
        await colleagueIn('own'),
      ]);
    }),
    'GET /files/{id}/support-contributions': fileRecord('GET /files/{id}/support-contributions', {}),
    'POST /files/{id}/support-contributions': fileRecord('POST /files/{id}/support-contributions', {
      sourceKind: 'individual',
      sourceName: 'matrix',
      amountYuan: 10,
      purpose: 'matrix',
      receivedOn: '2026-01-01',
    }),
    'GET /schooling/unenrolled': async (actor: Actor, relation: Relation) => {
      const target = await fileFor(actor.role, relation);
      return {
        test: request(server).get('/schooling/unenrolled?limit=200').set(actor.auth),
        listed: (body: unknown) => (body as { items: { fileId: string }[] }).items.some((row) => row.fileId === target),
      };
    },
    'PUT /referrals/{id}': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .put(`/referrals/${(await referralFor(actor, relation, 'draft')).referralId}`)
        .set(actor.auth)
        .send({ kind: 'rehabilitation', organisationId: organisationFor('social_worker', 'own'), purpose: 'matrix', expectedVersion: 1 }),
    }),
    'POST /referrals/{id}/send': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post(`/referrals/${(await referralFor(actor, relation, 'draft')).referralId}/send`)
        .set(actor.auth),
    }),
    'POST /referrals/{id}/withdraw': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post(`/referrals/${(await referralFor(actor, relation, 'sent')).referralId}/withdraw`)
        .set(actor.auth)
        .send({ reason: 'matrix' }),
    }),
    'GET /referrals/inbox': async (actor: Actor, relation: Relation) => {
      const { referralId } = await referralFor(actor, relation);
      return {
        test: request(server).get('/referrals/inbox?limit=200').set(actor.auth),
        listed: (body: unknown) => (body as { items: { id: string }[] }).items.some((row) => row.id === referralId),
      };
    },
    'GET /referrals/{id}': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .get(`/referrals/${(await referralFor(actor, relation)).referralId}`)
        .set(actor.auth),
    }),
    'POST /referrals/{id}/accept': referralCall('accept', 'sent'),
    'POST /referrals/{id}/decline': referralCall('decline', 'sent', { reason: 'matrix' }),
    'POST /referrals/{id}/start': referralCall('start', 'accepted'),
    'POST /referrals/{id}/notes': referralCall('notes', 'accepted', { kind: 'progress', text: 'matrix' }),
    'POST /referrals/{id}/notes/{noteId}/corrections': async (actor: Actor, relation: Relation) => {
      const { referralId } = await referralFor(actor, relation, 'accepted');
      const [note] = await stack.database.query<{ id: string }>(
        `INSERT INTO referral_note (referral_id, kind, text, author_user_id, author_organisation_id)
         SELECT id, 'progress', 'matrix', $2, organisation_id FROM referral WHERE id = $1 RETURNING id`,
        [referralId, await colleagueIn('own')],
      );
      return { test: request(server).post(`/referrals/${referralId}/notes/${note.id}/corrections`).set(actor.auth).send({ text: 'matrix', reason: 'matrix' }) };
    },
    'POST /referrals/{id}/complete': referralCall('complete', 'in_progress', OUTCOME),
    'POST /referrals/{id}/disability-assessment': referralCall(
      'disability-assessment',
      'accepted',
      { category: 'physical', grade: 2, assessedOn: '2026-01-01', assessedBy: 'matrix' },
      'disability_assessment',
    ),
    'POST /referrals/{id}/enrolment': referralCall('enrolment', 'accepted', { grade: '三年级', enrolledOn: '2026-01-01' }),
    'POST /referrals/{id}/support-contributions': referralCall('support-contributions', 'accepted', {
      sourceKind: 'individual',
      sourceName: 'matrix',
      amountYuan: 10,
      purpose: 'matrix',
      receivedOn: '2026-01-01',
    }),
    'POST /referrals/{id}/training-courses': referralCall(
      'training-courses',
      'accepted',
      { name: 'matrix', provider: 'matrix', startsOn: '2026-01-01', status: 'enrolled' },
      'technical_school',
    ),
    'POST /referrals/{id}/training-certificates': referralCall('training-certificates', 'accepted', { name: 'matrix', issuedOn: '2026-01-01' }, 'technical_school'),
    'POST /referrals/{id}/jobs': referralCall('jobs', 'accepted', { employer: 'matrix', position: 'matrix', startsOn: '2026-01-01', placeCode: HOME }, 'job_placement'),
    'POST /referrals/{id}/legal-aid-steps': referralCall('legal-aid-steps', 'accepted', { kind: 'consultation', takenOn: '2026-01-01', note: 'matrix' }),
    'POST /referrals/{id}/repatriation-handover': referralCall('repatriation-handover', 'accepted', {
      handedOverOn: '2026-01-01',
      place: 'matrix',
      receivingAuthority: 'matrix',
      receivingCountry: 'LA',
    }),
  });

  let identities = 0;
  Object.assign(CALLS, {
    'PUT /files/{id}/identity': async (actor: Actor, relation: Relation) => {
      identities += 1;
      const idNumber = residentId('530102', `2010${String(1 + (identities % 12)).padStart(2, '0')}${String(1 + Math.floor(identities / 12)).padStart(2, '0')}`, '024');
      return fileRecord('PUT /files/{id}/identity', { idNumber, basis: 'police_dna_match', basisReference: `DNA-${unique()}`, expectedVersion: 1 })(actor, relation);
    },
  });

  /** A tracing request recorded by the role's kind of organisation in the relation, for a place in the relation. */
  async function tracingRequestFor(actor: Actor, relation: Relation): Promise<string> {
    const [row] = await stack.database.query<{ id: string }>(
      `INSERT INTO tracing_request (reference, sex, birth_date_from, birth_date_to, missing_on, missing_place_code, family_contact_name, recorded_by, organisation_id)
       VALUES ($1, 'female', '2010-01-01', '2010-12-31', '2015-06-01', $2, '母亲', $3, $4) RETURNING id`,
      [`XR-M-${unique()}`, relation === 'other' ? ELSEWHERE : HOME, await colleagueIn('own'), organisationFor(actor.role, relation)],
    );
    await stack.database.query(
      `INSERT INTO tracing_request_name (request_id, kind, name, pinyin, pinyin_compact, initials, given_pinyin) VALUES ($1, 'childhood_name', '丫丫', 'ya ya', 'yaya', 'yy', 'yaya')`,
      [row.id],
    );
    return row.id;
  }

  async function candidateFor(actor: Actor, relation: Relation, status = 'open'): Promise<{ candidateId: string; fileId: string }> {
    const fileId = await fileFor(actor.role, relation);
    const requestId = await tracingRequestFor(actor, 'own');
    const [row] = await stack.database.query<{ id: string }>(
      `INSERT INTO match_candidate (file_id, request_id, score, features, status) VALUES ($1, $2, 0.8, '{}', $3) RETURNING id`,
      [fileId, requestId, status],
    );
    return { candidateId: row.id, fileId };
  }

  /** A DNA comparison asked of the role's kind of organisation in the relation. */
  async function comparisonFor(actor: Actor, relation: Relation): Promise<string> {
    const { candidateId, fileId } = await candidateFor({ ...actor, role: 'caseworker' }, 'own', 'referred_to_police');
    const [row] = await stack.database.query<{ id: string }>(
      `INSERT INTO dna_comparison (candidate_id, file_id, police_organisation_id, police_reference, requested_on, requested_by) VALUES ($1, $2, $3, $4, '2026-01-05', $5) RETURNING id`,
      [candidateId, fileId, organisationFor(actor.role, relation), `BJ-${unique()}`, await colleagueIn('own')],
    );
    return row.id;
  }

  const tracingFile = (route: string, body: object) => fileRecord(route, body);
  Object.assign(CALLS, {
    'POST /tracing/requests': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post('/tracing/requests')
        .set(actor.auth)
        .send({
          names: [{ name: '小红', kind: 'childhood_name' }],
          sex: 'female',
          ageWhenMissing: 4,
          missingOn: '2016-05-01',
          missingPlaceCode: relation === 'other' ? ELSEWHERE : HOME,
          familyContact: { name: '母亲', phone: '13800000000' },
        }),
    }),
    'GET /tracing/requests': async (actor: Actor, relation: Relation) => {
      const target = await tracingRequestFor(actor, relation);
      return {
        test: request(server).get('/tracing/requests').set(actor.auth),
        listed: (body: unknown) => (body as { items: { id: string }[] }).items.some((row) => row.id === target),
      };
    },
    'GET /tracing/requests/{id}': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .get(`/tracing/requests/${await tracingRequestFor(actor, relation)}`)
        .set(actor.auth),
    }),
    'POST /tracing/requests/{id}/close': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post(`/tracing/requests/${await tracingRequestFor(actor, relation)}/close`)
        .set(actor.auth)
        .send({ reason: 'matrix: found another way' }),
    }),
    'POST /tracing/requests/{id}/releases': async (actor: Actor, relation: Relation) => {
      const requestId = await tracingRequestFor(actor, relation);
      // The candidate's file is kept by a bureau elsewhere: the release is the holder's to give.
      const fileId = await fileFor('caseworker', 'other');
      await stack.database.query(`INSERT INTO match_candidate (file_id, request_id, score, features) VALUES ($1, $2, 0.7, '{}')`, [fileId, requestId]);
      return { test: request(server).post(`/tracing/requests/${requestId}/releases`).set(actor.auth).send({ fileId, reason: 'matrix: the family agreed' }) };
    },
    'POST /files/{id}/tracing/leads': tracingFile('POST /files/{id}/tracing/leads', { kind: 'dialect', text: '说昭通口音', source: 'person' }),
    'POST /files/{id}/tracing/leads/{leadId}/outcome': async (actor: Actor, relation: Relation) => {
      const fileId = await fileFor(actor.role, relation);
      const [lead] = await stack.database.query<{ id: string }>(
        `INSERT INTO tracing_lead (file_id, kind, text, source, recorded_by) VALUES ($1, 'place_name', '记得村口有座石桥', 'person', $2) RETURNING id`,
        [fileId, await colleagueIn('own')],
      );
      return {
        test: request(server)
          .post(`/files/${fileId}/tracing/leads/${lead.id}/outcome`)
          .set(actor.auth)
          .send({ outcome: 'ruled_out', checkedOn: '2026-01-05', note: 'matrix: no such bridge' }),
      };
    },
    'GET /files/{id}/tracing': tracingFile('GET /files/{id}/tracing', {}),
    'GET /files/{id}/tracing/candidates': tracingFile('GET /files/{id}/tracing/candidates', {}),
    'POST /files/{id}/tracing/match': tracingFile('POST /files/{id}/tracing/match', {}),
    'POST /files/{id}/tracing/paternity-tests': tracingFile('POST /files/{id}/tracing/paternity-tests', { offeredBy: '自称父亲', offeredOn: '2026-01-05' }),
    'POST /files/{id}/tracing/duty-notices': tracingFile('POST /files/{id}/tracing/duty-notices', { relatives: '父亲', notifiedOn: '2026-01-05', method: 'in_person' }),
    'POST /tracing/candidates/{id}/dismiss': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post(`/tracing/candidates/${(await candidateFor(actor, relation)).candidateId}/dismiss`)
        .set(actor.auth)
        .send({ reason: 'matrix: age does not fit' }),
    }),
    'POST /tracing/candidates/{id}/dna-comparison': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post(`/tracing/candidates/${(await candidateFor(actor, relation)).candidateId}/dna-comparison`)
        .set(actor.auth)
        .send({ policeOrganisationId: organisationFor('police_liaison', 'own'), policeReference: `BJ-${unique()}`, requestedOn: '2026-01-05' }),
    }),
    'GET /tracing/dna-comparisons': async (actor: Actor, relation: Relation) => {
      const target = await comparisonFor(actor, relation);
      return {
        test: request(server).get('/tracing/dna-comparisons?limit=200').set(actor.auth),
        listed: (body: unknown) => (body as { items: { id: string }[] }).items.some((row) => row.id === target),
      };
    },
    'GET /tracing/dna-comparisons/{id}': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .get(`/tracing/dna-comparisons/${await comparisonFor(actor, relation)}`)
        .set(actor.auth),
    }),
    'POST /tracing/dna-comparisons/{id}/outcome': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .post(`/tracing/dna-comparisons/${await comparisonFor(actor, relation)}/outcome`)
        .set(actor.auth)
        .send({ outcome: 'no_match', reportedOn: '2026-01-20', reportReference: `R-${unique()}` }),
    }),
  });

  /**
   * A household registration task, raised: on a file the role reaches in the relation, or, for
   * the police, raised to the police unit of the relation.
   */
  async function householdTaskFor(actor: Actor, relation: Relation, status = 'counting'): Promise<string> {
    const police = actor.role === 'police_liaison';
    const fileId = police
      ? await createFile(stack.database, { jurisdictionCode: HOME, organisationId: organisationFor('caseworker', 'own') })
      : await fileFor(actor.role, relation);
    await stack.database.query(
      `INSERT INTO household_registration (file_id, clock_started_on, due_on, police_organisation_id, status, application_on, registered_on)
       VALUES ($1, '2025-09-01', '2025-11-30', $2, $3, $4, $5)`,
      [fileId, organisationFor('police_liaison', police ? relation : 'own'), status, status === 'counting' ? null : '2026-01-10', status === 'registered' ? '2026-02-01' : null],
    );
    return fileId;
  }

  let listedTasks = 0;
  const householdCall = (path: string, status: string, body: object) => async (actor: Actor, relation: Relation) => ({
    test: request(server)
      .post(`/files/${await householdTaskFor(actor, relation, status)}/household-registration/${path}`)
      .set(actor.auth)
      .send(body),
  });
  Object.assign(CALLS, {
    'GET /household-registrations': async (actor: Actor, relation: Relation) => {
      const target = await householdTaskFor(actor, relation);
      // The oldest due first: each target falls due before every task made so far, so it is on the first page.
      listedTasks += 1;
      await stack.database.query(`UPDATE household_registration SET due_on = date '2000-01-01' - $2::int WHERE file_id = $1`, [target, listedTasks]);
      return {
        test: request(server).get('/household-registrations').set(actor.auth),
        listed: (body: unknown) => (body as { items: { fileId: string }[] }).items.some((row) => row.fileId === target),
      };
    },
    'GET /files/{id}/household-registration': async (actor: Actor, relation: Relation) => ({
      test: request(server)
        .get(`/files/${await householdTaskFor(actor, relation)}/household-registration`)
        .set(actor.auth),
    }),
    'POST /files/{id}/household-registration/application': householdCall('application', 'counting', {
      preparedOn: '2026-01-10',
      documents: ['tracing_notice', 'institution_certificate'],
    }),
    'POST /files/{id}/household-registration/registration': householdCall('registration', 'application_prepared', {
      registeredOn: '2026-02-01',
      householdNumber: 'HH-20260201',
      dnaDatabaseCheckReference: 'DNA-CHECK-1',
    }),
    'POST /files/{id}/household-registration/social-security': householdCall('social-security', 'registered', { kind: 'basic_medical_insurance', enrolledOn: '2026-02-10' }),
    'POST /files/{id}/household-registration/exception': householdCall('exception', 'counting', { reason: 'matrix: registration elsewhere under way' }),
  });

  /** A stay in the institution the file names (a placement a fortnight ago), arrived or not, on leave or not. */
  async function stayIn(fileId: string, options: { arrived: boolean; onLeave?: boolean }): Promise<string | undefined> {
    const recorder = await colleagueIn('own');
    const [stay] = await stack.database.query<{ id: string }>(
      `WITH placed AS (
         INSERT INTO placement (file_id, institution_id, from_date, recorded_by)
         SELECT id, COALESCE(current_institution_id, $2), '2026-01-01', $3 FROM victim_file WHERE id = $1 RETURNING id, file_id, institution_id, from_date
       )
       INSERT INTO institution_stay (file_id, placement_id, institution_id, begins_on, arrived_at)
       SELECT file_id, id, institution_id, from_date, CASE WHEN $4 THEN '2026-01-01T10:00:00+08:00'::timestamptz END FROM placed RETURNING id`,
      [fileId, organisationFor('institution_staff', 'other'), recorder, options.arrived],
    );
    if (!options.onLeave) return undefined;
    const [leave] = await stack.database.query<{ id: string }>(
      `INSERT INTO stay_leave (stay_id, file_id, left_at, expected_back_at, reason, recorded_by)
       VALUES ($1, $2, '2026-01-02T09:00:00+08:00', '2026-01-02T17:00:00+08:00', 'matrix', $3) RETURNING id`,
      [stay.id, fileId, recorder],
    );
    return leave.id;
  }
  const stayCall = (path: string, body: object, options: { arrived: boolean; onLeave?: boolean }) => async (actor: Actor, relation: Relation) => {
    const fileId = await fileFor(actor.role, relation);
    const leaveId = await stayIn(fileId, options);
    const url = `/files/${fileId}${path.replace('{leaveId}', leaveId ?? '')}`;
    return { test: (path === '/stay' ? request(server).get(url) : request(server).post(url).send(body)).set(actor.auth) };
  };
  Object.assign(CALLS, {
    'GET /files/{id}/stay': stayCall('/stay', {}, { arrived: true }),
    'POST /files/{id}/stay/arrival': stayCall('/stay/arrival', { arrivedAt: '2026-01-01T15:00:00+08:00', room: '101' }, { arrived: false }),
    'POST /files/{id}/stay/notes': stayCall('/stay/notes', { text: 'matrix note', notedAt: '2026-01-03T20:00:00+08:00' }, { arrived: true }),
    'POST /files/{id}/stay/leaves': stayCall(
      '/stay/leaves',
      { leftAt: '2026-01-03T09:00:00+08:00', expectedBackAt: '2026-01-03T17:00:00+08:00', reason: 'matrix' },
      { arrived: true },
    ),
    'POST /files/{id}/stay/leaves/{leaveId}/return': stayCall('/stay/leaves/{leaveId}/return', { returnedAt: '2026-01-02T16:00:00+08:00' }, { arrived: true, onLeave: true }),
    'POST /files/{id}/stay/departure': stayCall('/stay/departure', { departedAt: '2026-01-04T09:00:00+08:00', reason: 'other' }, { arrived: true }),
  });

  /** A file of Lijiang transferred to the bureau of the relation. */
  async function transferTo(relation: Relation): Promise<string> {
    const lijiang = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: '530702' });
    const fileId = await createFile(stack.database, { jurisdictionCode: '530702', organisationId: lijiang });
    const requester = (await createUser(stack.database, { role: 'caseworker', organisationId: lijiang })).id;
    return createTransfer(stack.database, fileId, lijiang, organisationFor('caseworker', relation), requester);
  }

  it('classifies every route the api registers', () => {
    const unclassified = routes.filter((route) => !(route in POLICY));
    expect(unclassified).toEqual([]);
    const stale = Object.keys(POLICY).filter((route) => !routes.includes(route));
    expect(stale).toEqual([]);
    const withoutCall = routes.filter((route) => POLICY[route] !== 'public' && !(route in CALLS));
    expect(withoutCall).toEqual([]);
  });

  it('refuses every non-public route without a sign-in (401), and serves the public ones', async () => {
    for (const route of routes) {
      const [method, path] = route.split(' ');
      const concrete = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const response = await request(server)[method.toLowerCase() as 'get'](concrete).send({});
      if (POLICY[route] === 'public') expect({ route, status: response.status }).not.toEqual({ route, status: 401 });
      else expect({ route, status: response.status }).toEqual({ route, status: 401 });
    }
  });

  // One test per route: a failure names its route, and no single test runs for minutes on a busy two-core machine.
  const CHECKED = Object.entries(POLICY).flatMap(([route, policy]) => (policy === 'public' ? [] : [route]));
  it.each(CHECKED)('%s: allows and denies each role as the policy says, and records every denial', async (route) => {
    const policy = POLICY[route];
    if (policy === 'public') return;
    const mismatches: string[] = [];
    const unrecorded: string[] = [];
    for (const role of ROLES) {
      const actor = actors.get(role)!;
      for (const [index, relation] of RELATIONS.entries()) {
        const expected = policy[role][index] === 'A' ? 'allow' : 'deny';
        const requestId = `matrix-${unique()}`;
        const call = await CALLS[route](actor, relation);
        const response = await call.test.set('x-request-id', requestId);
        // 2xx, a 409 (a state conflict, not a refusal) or a listing that shows the target: allowed.
        const reached = call.listed ? response.status === 200 && call.listed(response.body) : (response.status >= 200 && response.status < 300) || response.status === 409;
        const refused = call.listed
          ? response.status === 403 || (response.status === 200 && !call.listed(response.body))
          : [403, 404].includes(response.status) || response.body?.error?.code === 'UNKNOWN_ORGANISATION';
        const actual = reached ? 'allow' : refused ? 'deny' : `unexpected ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`;
        if (actual !== expected) mismatches.push(`${route} as ${role} (${relation}): expected ${expected}, got ${actual}`);
        // A listing that leaves a file out is not a denial to record; every refusal is.
        if (actual === 'deny' && response.status !== 200) {
          const records = await stack.database.query(`SELECT 1 FROM audit_record WHERE request_id = $1 AND outcome = 'denied'`, [requestId]);
          if (records.length === 0) unrecorded.push(`${route} as ${role} (${relation}): ${response.status} not in the audit record`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(unrecorded).toEqual([]);
  });
});
