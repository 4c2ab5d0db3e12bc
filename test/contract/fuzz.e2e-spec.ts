/**
 * Issue 12 §1: no input makes huijia answer 5xx. A property-based test walks
 * the OpenAPI document and sends, for every operation, as an anonymous caller,
 * a caseworker, a partner (a hospital with a grant) and an administrator,
 * hostile inputs: NUL, lone surrogates, deep nesting, huge strings and
 * numbers, wrong types, missing, null and extra fields, path traversal and
 * junk in path and query, empty and form-encoded bodies, ids that do not
 * exist. Every answer is below 500, and every error carries the envelope.
 *
 * Seeded and reproducible: FUZZ_SEED chooses the seed (printed on failure),
 * FUZZ_RUNS multiplies the runs (1 = the ~3,400 requests of `npm test`).
 * A failure prints the shrunk request.
 */
import fc from 'fast-check';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { createFile, createOrganisation, createUser, grantFile, login } from '../support/access-fixtures.js';
import { builtDocument } from '../support/contract.js';
import { day } from '../support/clock.js';
import { contractViolations, startStack, type TestStack } from '../support/test-context.js';

type Schema = Record<string, any>;
type Identity = 'anonymous' | 'caseworker' | 'partner' | 'administrator';

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));
/** Per operation (the identity is drawn too): 105 operations × 32 ≈ 3,400 requests. */
const RUNS_PER_OPERATION = 32 * RUNS;
const CONCURRENCY = 4;
const HOME = '530102';
const NOWHERE = '3f1c9a52-7d4e-4b8a-9c0d-2e6f5a4b3c21';

const document = builtDocument() as { paths: Record<string, Record<string, Schema>>; components: { schemas: Record<string, Schema> } };
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, operation]) => ({ method, path, operation })),
);

function resolve(schema: Schema | undefined): Schema | undefined {
  if (schema?.$ref) return resolve(document.components.schemas[String(schema.$ref).replace('#/components/schemas/', '')]);
  if (schema?.allOf?.length === 1) return resolve(schema.allOf[0]);
  return schema;
}

/** A plausible value for a field, by its schema and name, so a mutation of one field reaches past the validation of the others. */
function plausible(schema: Schema | undefined, name: string, depth = 0): unknown {
  const resolved = resolve(schema) ?? {};
  if (resolved.enum) return resolved.enum[0];
  if (resolved.type === 'array') return depth > 4 ? [] : [plausible(resolved.items, name, depth + 1)];
  if (resolved.type === 'object' || resolved.properties) {
    const value: Record<string, unknown> = {};
    if (depth > 4) return value;
    for (const [key, property] of Object.entries<Schema>(resolved.properties ?? {})) value[key] = plausible(property, key, depth + 1);
    return value;
  }
  if (resolved.type === 'integer' || resolved.type === 'number') return resolved.minimum ?? 1;
  if (resolved.type === 'boolean') return true;
  if (resolved.format === 'uuid' || /Id$/.test(name)) return NOWHERE;
  if (/At$/.test(name)) return `${day(-3)}T09:00:00+08:00`;
  if (/(On|Date|date|From|from|To|to|By|since|until)$/.test(name)) return day(-3);
  if (/[Cc]ode$/.test(name)) return HOME;
  if (name === 'country') return 'VN';
  if (/[Pp]hone$/.test(name)) return '13800000000';
  if (name === 'password' || name === 'newPassword' || name === 'currentPassword') return 'Not-The-Password-42';
  return 'x'.repeat(Math.max(2, resolved.minLength ?? 2));
}

/** The hostile values a field may get. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'ab\u0000cd',
    '\ud800',
    'x\udfffy',
    'e\u0301',
    '../../etc/passwd',
    '%00',
    "'; DROP TABLE person; --",
    '',
    ' ',
    'null',
    '1e308',
    '2026-02-30',
    '0000-01-01',
    '9999-12-31T23:59:59Z',
    '1899-12-31',
    'a'.repeat(100_000),
    '王'.repeat(20_000),
  ),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, -1, 0, 0.001, 1.005, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER),
  fc.constantFrom(null, true, false, [], {}, [null], { nested: { deeper: [1, '2'] } }, [[[[[]]]]]),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.uuid(),
);

function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A raw body (not JSON-encoded by us): what a careless or hostile client sends. */
const rawBody = fc.constantFrom(
  { type: 'application/json', text: '' },
  { type: 'application/json', text: '{' },
  { type: 'application/json', text: 'null' },
  { type: 'application/json', text: '[]' },
  { type: 'application/json', text: '"just a string"' },
  { type: 'application/json', text: '{"amountYuan": 1e400, "expectedVersion": 1e400}' },
  { type: 'application/json', text: '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}' },
  { type: 'application/json', text: '{"a":"\\u0000","b":"\\ud800"}' },
  { type: 'application/json', text: nested(5_000, 'object') },
  { type: 'application/json', text: nested(100_000, 'array') },
  { type: 'application/json', text: nested(40, 'object') },
  { type: 'application/json', text: JSON.stringify({ many: Array.from({ length: 20_000 }, (_, i) => i) }) },
  { type: 'application/x-www-form-urlencoded', text: 'username=admin&password=x' },
  { type: 'text/plain', text: 'hello' },
  { type: 'application/xml', text: '<a>1</a>' },
  { type: '', text: '{"a":1}' },
);

type BodyPlan =
  | { kind: 'mutate'; field: number; value: unknown }
  | { kind: 'nulls' }
  | { kind: 'drop'; fields: number[] }
  | { kind: 'extra'; value: unknown }
  | { kind: 'raw'; raw: { type: string; text: string } }
  | { kind: 'none' };

const bodyPlan: fc.Arbitrary<BodyPlan> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('mutate' as const), field: fc.nat(), value: hostileValue }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'nulls' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), fields: fc.array(fc.nat(), { maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra' as const), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('raw' as const), raw: rawBody }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
);

/** Every leaf of a plausible body, as [container, key] pairs, so a plan can replace one. */
function leaves(value: unknown, out: Array<[Record<string, unknown>, string]> = []): Array<[Record<string, unknown>, string]> {
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.push([value as Record<string, unknown>, key]);
      leaves(child, out);
    }
  }
  return out;
}

function bodyFor(operation: Schema, plan: BodyPlan): { type?: string; text?: string } {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (plan.kind === 'raw') return plan.raw;
  if (plan.kind === 'none') return {};
  const sample = plausible(schema, 'body');
  const body = (sample && typeof sample === 'object' ? sample : {}) as Record<string, unknown>;
  const spots = leaves(body);
  if (plan.kind === 'mutate') {
    if (spots.length === 0) body.unexpected = plan.value;
    else {
      const [container, key] = spots[plan.field % spots.length];
      container[key] = plan.value;
    }
  } else if (plan.kind === 'nulls') {
    for (const [container, key] of spots) container[key] = null;
  } else if (plan.kind === 'drop') {
    for (const index of plan.fields) {
      if (spots.length > 0) delete spots[index % spots.length][0][spots[index % spots.length][1]];
    }
  } else {
    body[`extra_${spots.length}`] = plan.value;
  }
  return { type: 'application/json', text: JSON.stringify(body) };
}

/** A path parameter: a real file, nonexistent, malformed, traversal, NUL, a lone surrogate in UTF-8, huge. */
const pathValue = fc.oneof(
  fc.constantFrom(
    'FILE',
    NOWHERE,
    'not-a-uuid',
    '..%2F..%2Fetc%2Fpasswd',
    '../../etc/passwd',
    '%00',
    'ab%00cd',
    '%ED%A0%80',
    '%E0%A4%A',
    '0',
    '-1',
    '1e308',
    HOME,
    '2026',
    'x'.repeat(2_000),
  ),
  fc.uuid(),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }).map(encodeURIComponent),
);

/** A query value, raw (already in URL form). */
const queryValue = fc.oneof(
  fc.constantFrom('%00', 'ab%00cd', '%ED%A0%80', '%FF', '1e308', '-1', '0', '9007199254740993', 'NaN', '', 'a'.repeat(2_000), 'e%CC%81', '..%2F..', HOME, 'not-a-cursor'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map(encodeURIComponent),
);

const requestPlan = fc.record({
  identity: fc.constantFrom<Identity>('anonymous', 'caseworker', 'partner', 'administrator'),
  pathValues: fc.array(pathValue, { minLength: 3, maxLength: 3 }),
  query: fc.array(
    fc.tuple(fc.oneof(fc.constantFrom('q', 'limit', 'cursor', 'state', 'jurisdiction', 'a[b][c]', 'from', 'to', '%00', 'x'), fc.constant('DOCUMENTED')), queryValue),
    {
      maxLength: 4,
    },
  ),
  body: bodyPlan,
});

type RequestPlan = typeof requestPlan extends fc.Arbitrary<infer T> ? T : never;

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

describe('fuzzing every operation (issue 12 §1)', () => {
  let stack: TestStack;
  let server: App;
  let fileId: string;
  const tokens = new Map<Identity, string>();
  const accounts = new Map<Exclude<Identity, 'anonymous'>, string>();

  async function authorised(identity: Identity): Promise<Record<string, string>> {
    if (identity === 'anonymous') return {};
    return { authorization: `Bearer ${tokens.get(identity)}` };
  }

  /** A fuzzed logout or an administrator's change may end a session: sign in again before the next operation. */
  async function freshSessions(): Promise<void> {
    for (const [identity, username] of accounts) {
      const me = await request(server)
        .get('/me')
        .set({ authorization: `Bearer ${tokens.get(identity)}` });
      if (me.status !== 200) tokens.set(identity, (await login(server, username)).accessToken);
    }
  }

  beforeAll(async () => {
    stack = await startStack({ overrides: { LOGIN_MAX_FAILURES_PER_IP: '100000' } });
    server = stack.api!.getHttpServer();
    const bureau = await createOrganisation(stack.database, { kind: 'civil_affairs_bureau', jurisdictionCode: HOME });
    const hospital = await createOrganisation(stack.database, { kind: 'hospital', jurisdictionCode: HOME });
    const office = await createOrganisation(stack.database, { kind: 'joint_meeting_office', jurisdictionCode: HOME });
    fileId = await createFile(stack.database, { jurisdictionCode: HOME, organisationId: bureau });
    await grantFile(stack.database, fileId, hospital);
    for (const [identity, role, organisationId] of [
      ['caseworker', 'caseworker', bureau],
      ['partner', 'hospital_staff', hospital],
      ['administrator', 'administrator', office],
    ] as const) {
      const user = await createUser(stack.database, { role, organisationId });
      accounts.set(identity, user.username);
      tokens.set(identity, (await login(server, user.username)).accessToken);
    }
  });

  afterAll(async () => {
    // Checked in the test: a success that breaks its schema, and the envelope of every error; which error codes each operation lists is the contract suite's business.
    contractViolations(stack?.api)?.violations.splice(0);
    await stack?.close();
  });

  function build(operation: (typeof operations)[number], plan: RequestPlan): Sent {
    let index = 0;
    const path = operation.path.replace(/\{([^}]+)\}/g, () => {
      const value = plan.pathValues[index++ % plan.pathValues.length];
      return value === 'FILE' ? fileId : value;
    });
    const documented = (operation.operation.parameters ?? []).filter((parameter: Schema) => parameter.in === 'query').map((parameter: Schema) => parameter.name as string);
    const query = plan.query.map(([key, value], position) => `${key === 'DOCUMENTED' ? (documented[position % Math.max(1, documented.length)] ?? 'q') : key}=${value}`).join('&');
    const sent: Sent = { method: operation.method.toUpperCase(), path: query ? `${path}?${query}` : path, headers: {} };
    if (operation.method !== 'get' && operation.method !== 'delete') {
      const body = bodyFor(operation.operation, plan.body);
      if (body.text !== undefined) {
        sent.body = body.text;
        if (body.type) sent.headers['content-type'] = body.type;
      }
    }
    return sent;
  }

  async function send(sent: Sent, identity: Identity) {
    let call = request(server)
      [sent.method.toLowerCase() as 'get'](sent.path)
      .set({ ...sent.headers, ...(await authorised(identity)) });
    if (sent.body !== undefined) call = call.send(sent.body);
    return call;
  }

  function describeSent(sent: Sent, identity: Identity): string {
    const body = sent.body === undefined ? '(none)' : sent.body.length > 400 ? `${sent.body.slice(0, 400)}… (${sent.body.length} chars)` : sent.body;
    return `${sent.method} ${sent.path.length > 300 ? `${sent.path.slice(0, 300)}…` : sent.path}\n  as ${identity}\n  headers ${JSON.stringify(sent.headers)}\n  body ${body}`;
  }

  it(`answers every operation below 500, with the error envelope (seed ${SEED}, FUZZ_RUNS=${RUNS})`, async () => {
    const failures: string[] = [];
    let sentCount = 0;
    const queue = operations.map((operation, index) => ({ operation, index }));
    async function worker(): Promise<void> {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { operation, index } = next;
        const property = fc.asyncProperty(requestPlan, async (plan) => {
          const sent = build(operation, plan);
          const response = await send(sent, plan.identity);
          sentCount++;
          if (response.status >= 500) throw new Error(`answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
          if (response.status >= 400) {
            const error = response.body?.error;
            if (typeof error?.code !== 'string' || typeof error?.message !== 'string' || typeof error?.requestId !== 'string') {
              throw new Error(`answered ${response.status} without the envelope: ${String(response.text).slice(0, 300)}`);
            }
          }
        });
        const details = await fc.check(property, { seed: SEED + index, numRuns: RUNS_PER_OPERATION });
        if (details.failed && details.counterexample) {
          const [plan] = details.counterexample;
          failures.push(
            `${operation.method.toUpperCase()} ${operation.path} (seed ${SEED + index}, path ${details.counterexamplePath}):\n  ${describeSent(build(operation, plan), plan.identity)}\n  → ${(details.errorInstance as Error)?.message}`,
          );
        }
        await freshSessions();
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
    expect(sentCount).toBeGreaterThanOrEqual(3_000 * RUNS * 0.95);
    // A hostile request that succeeded must still answer what the document promises.
    const broken = contractViolations(stack.api)!.violations.filter((violation) => violation.status < 400);
    if (broken.length > 0) failures.push(`successes that break the document:\n  ${broken.map((v) => `${v.operation} → ${v.status}: ${v.problem}`).join('\n  ')}`);
    if (failures.length > 0) throw new Error(`${failures.length} operations answered 5xx or without the envelope:\n\n${failures.join('\n\n')}`);
  }, 600_000);
});
