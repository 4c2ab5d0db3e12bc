/**
 * bench/http-adapter — Express (what the api runs on) against
 * @nestjs/platform-fastify, on the api's real request paths, in one run.
 *
 * Seeds BENCH_FILES files (default 30 000: persons with their name forms,
 * half of them in the counties of 昆明市) and a few caseworkers of 昆明市
 * (530100), who see its counties' files. Then the same ApiModule twice in this
 * process: on Express with configureHttpApp, and on Fastify with
 * configureFastifyApp (./configure-fastify.ts: the same pipe, filter,
 * interceptor, request id and RequestContext, @fastify/helmet). Before
 * measuring, both must answer the same probes alike (bodies, status codes,
 * error envelopes, helmet headers, the request id reaching the audit record).
 *
 * 16 keep-alive clients (a load generator in a process of its own) drive two
 * paths: GET /files (list, a state filter, a name search, pinyin searches) and
 * the audited single-file read GET /files/:id. Per path, both are warmed up,
 * then phases alternate express, fastify, express, fastify, so drift on this
 * shared machine hits both. Any non-2xx response fails the run (exit 1).
 * Prints req/s, p50, p95 per adapter and path (percentiles pooled over the
 * phases), and the api process's CPU time per request (both apps live in this
 * process, only one is loaded at a time; the load generator is another
 * process): less sensitive than req/s to whatever else runs on the machine.
 * Then, as the last lines, fastify/express throughput per path and overall
 * (geometric mean of the two paths).
 *   npm run bench:http-adapter       (BENCH_SECONDS=10 per phase, BENCH_ROUNDS=2 pairs of phases, BENCH_FILES=30000)
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import type { AppConfig } from '#app/platform';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { benchConfig, signInAs, startApi } from '../support/api.js';
import { quantile, type LoadResult } from '../support/load.js';
import { loadInProcess } from '../support/load-process.js';
import { seedFiles } from '../support/seed-files.js';
import { benchStores, ratioLine } from '../support/stores.js';
import { bodyLimitBytes, configureFastifyApp, fastifyAdapterFor } from './configure-fastify.js';

const FILES = Number(process.env.BENCH_FILES ?? 30_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Pairs of phases per path: express, fastify, express, fastify … */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARM_UP_SECONDS = Math.max(1, Math.min(3, SECONDS / 3));
const CLIENTS = 16;
const USERS = 4;
const CHUNK = 10_000;

type Adapter = 'express' | 'fastify';
const ADAPTERS: Adapter[] = ['express', 'fastify'];

/** The seeding of bench/search, smaller: half the files in 昆明市's counties, the rest across Yunnan. Returns the ids the caseworkers may read. */
async function seed(url: string): Promise<string[]> {
  await seedFiles(url, { files: FILES, chunk: CHUNK, usernames: Array.from({ length: USERS }, (_, user) => `bench.caseworker${user}`), referencePrefix: 'H', kunmingShare: 0.5 });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const visible = await client.query(`SELECT id FROM victim_file WHERE responsible_jurisdiction_code LIKE '5301%' ORDER BY random() LIMIT 5000`);
    return visible.rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

async function startFastify(config: AppConfig): Promise<{ app: INestApplication; port: number }> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.register(config), fastifyAdapterFor(config), { bodyParser: false, bufferLogs: true, logger: ['error'] });
  configureFastifyApp(app, config);
  await app.listen(0, '127.0.0.1');
  return { app, port: (app.getHttpServer().address() as AddressInfo).port };
}

/** What caseworkers do on the list: open it, filter it, look a person up by name in characters, by pinyin, by initials. */
const LIST_QUERIES = [
  '/files?limit=50',
  '/files?limit=50&state=tracing',
  `/files?limit=50&q=${encodeURIComponent('李娜')}`,
  '/files?limit=50&q=zhangna',
  '/files?limit=50&q=wangfang',
  '/files?limit=50&q=lyx',
];

const HELMET_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(port: number, path: string, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers, signal: AbortSignal.timeout(5000) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: compared as text
  }
  return { status: response.status, headers: response.headers, body };
}

/** The request id is the one thing that differs by design (each adapter gets its own): blanked before comparing. */
function withoutRequestId(body: unknown): string {
  return JSON.stringify(body, (key, value) => (key === 'requestId' ? '(id)' : value));
}

/**
 * Both adapters must answer alike before their speed means anything. Throws
 * on a difference that matters; returns notes on the ones that do not (for
 * the porting list).
 */
async function checkEquivalence(config: AppConfig, ports: Record<Adapter, number>, token: string, fileId: string, databaseUrl: string): Promise<string[]> {
  const notes: string[] = [];
  const auth = { authorization: `Bearer ${token}` };
  const probes: { name: string; path: string; headers: Record<string, string>; status: number }[] = [
    ...LIST_QUERIES.map((path) => ({ name: `list ${path}`, path, headers: auth, status: 200 })),
    { name: 'file', path: `/files/${fileId}`, headers: auth, status: 200 },
    { name: 'malformed id', path: '/files/not-a-uuid', headers: auth, status: 422 },
    { name: 'unknown query field', path: '/files?colour=red', headers: auth, status: 422 },
    { name: 'no such route', path: '/no-such-route', headers: auth, status: 404 },
    { name: 'no token', path: '/files', headers: {}, status: 401 },
    { name: 'genetic content in the query', path: `/files?q=${encodeURIComponent('D8S1179: 13,14')}`, headers: auth, status: 422 },
  ];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const [index, probe] of probes.entries()) {
      const answers = {} as Record<Adapter, Answer>;
      for (const adapter of ADAPTERS) {
        const requestId = `bench-check-${adapter}-${index}`;
        const answer = await call(ports[adapter], probe.path, { ...probe.headers, 'x-request-id': requestId });
        if (answer.status !== probe.status) throw new Error(`${adapter}, ${probe.name}: ${answer.status} (expected ${probe.status}): ${JSON.stringify(answer.body)}`);
        if (answer.headers.get('x-request-id') !== requestId)
          throw new Error(`${adapter}, ${probe.name}: x-request-id ${answer.headers.get('x-request-id')} (expected ${requestId})`);
        const envelopeId = (answer.body as { error?: { requestId?: unknown } }).error?.requestId;
        if (probe.status >= 400 && envelopeId !== requestId) throw new Error(`${adapter}, ${probe.name}: the error envelope names request ${String(envelopeId)}`);
        if (answer.headers.has('x-powered-by')) throw new Error(`${adapter}, ${probe.name}: x-powered-by is sent`);
        answers[adapter] = answer;
      }
      const [express, fastify] = [answers.express, answers.fastify];
      if (withoutRequestId(express.body) !== withoutRequestId(fastify.body)) {
        throw new Error(`${probe.name}: bodies differ\n  express ${withoutRequestId(express.body).slice(0, 400)}\n  fastify ${withoutRequestId(fastify.body).slice(0, 400)}`);
      }
      for (const name of HELMET_HEADERS) {
        if (express.headers.get(name) !== fastify.headers.get(name)) {
          throw new Error(`${probe.name}: helmet header ${name} differs: express ${express.headers.get(name)}, fastify ${fastify.headers.get(name)}`);
        }
        if (express.headers.get(name) === null) throw new Error(`${probe.name}: helmet header ${name} missing`);
      }
      if (index === 0) {
        const names = (headers: Headers) => new Set([...headers.keys()]);
        const onlyExpress = [...names(express.headers)].filter((name) => !fastify.headers.has(name));
        const onlyFastify = [...names(fastify.headers)].filter((name) => !express.headers.has(name));
        if (express.headers.get('content-type') !== fastify.headers.get('content-type')) {
          notes.push(`content-type: express ${express.headers.get('content-type')}, fastify ${fastify.headers.get('content-type')}`);
        }
        if (onlyExpress.length + onlyFastify.length > 0) {
          notes.push(`response headers only on express: [${onlyExpress.join(', ')}], only on fastify: [${onlyFastify.join(', ')}]`);
        }
      }
    }
    // RequestContext must reach the audit record on both: the actor and the request id of the file read.
    const fileProbe = probes.findIndex((probe) => probe.name === 'file');
    const geneticProbe = probes.findIndex((probe) => probe.name.startsWith('genetic'));
    for (const adapter of ADAPTERS) {
      const read = await client.query(`SELECT action, actor_username FROM audit_record WHERE request_id = $1`, [`bench-check-${adapter}-${fileProbe}`]);
      if (read.rows.length !== 1 || read.rows[0].action !== 'file.read' || !read.rows[0].actor_username) {
        throw new Error(`${adapter}: the file read's audit record lacks the request id or the actor (RequestContext lost): ${JSON.stringify(read.rows)}`);
      }
      const refused = await client.query(`SELECT details FROM audit_record WHERE request_id = $1 AND action = 'genetic_data.refused'`, [`bench-check-${adapter}-${geneticProbe}`]);
      if (refused.rows.length !== 1) throw new Error(`${adapter}: no audit record of the refused genetic content`);
      notes.push(`${adapter}: audit details of a refused genetic query: ${JSON.stringify(refused.rows[0].details)}`);
    }
  } finally {
    await client.end();
  }
  // Bodies: body-parser's errors (Express) against Fastify's content-type parser errors. Not on the measured paths, reported only.
  const oversized = JSON.stringify({ username: 'x'.repeat(bodyLimitBytes(config.http.bodyLimit) + 1024), password: 'x' });
  for (const [label, contentType, body] of [
    ['malformed JSON', 'application/json', '{"username":'],
    ['a body over BODY_LIMIT', 'application/json', oversized],
    ['text/plain', 'text/plain', 'username=x'],
  ] as const) {
    const outcomes: string[] = [];
    for (const adapter of ADAPTERS) {
      try {
        const response = await fetch(`http://127.0.0.1:${ports[adapter]}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': contentType },
          body,
          signal: AbortSignal.timeout(5000),
        });
        const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
        outcomes.push(`${adapter} ${response.status} ${answer.error?.code ?? '(no envelope)'}`);
      } catch (error) {
        outcomes.push(`${adapter} no answer (${error instanceof Error ? error.message : String(error)})`);
      }
    }
    notes.push(`POST /auth/login with ${label}: ${outcomes.join(' | ')}`);
  }
  // bull-board (Express router, mounted as Nest middleware): not on the measured paths, reported only.
  for (const [label, headers] of [
    ['no token', {}],
    ['caseworker', auth],
  ] as const) {
    const outcomes: string[] = [];
    for (const adapter of ADAPTERS) {
      try {
        const answer = await call(ports[adapter], '/admin/queues', headers);
        outcomes.push(`${adapter} ${answer.status} ${JSON.stringify(answer.body).slice(0, 120)}`);
      } catch (error) {
        outcomes.push(`${adapter} no answer (${error instanceof Error ? error.message : String(error)})`);
      }
    }
    notes.push(`GET /admin/queues, ${label}: ${outcomes.join(' | ')}`);
  }
  return notes;
}

type Measured = LoadResult & { cpuMs: number };

interface Pooled {
  requests: number;
  cpuPerRequest: number;
  perSecond: number;
  p50: number;
  p95: number;
}

function pool(results: Measured[]): Pooled {
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  const cpuMs = results.reduce((sum, r) => sum + r.cpuMs, 0);
  const seconds = results.reduce((sum, r) => sum + r.seconds, 0);
  const latencies = results.flatMap((r) => r.latencies ?? []).sort((a, b) => a - b);
  return { requests, cpuPerRequest: cpuMs / requests, perSecond: requests / seconds, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) };
}

async function main(): Promise<void> {
  process.stdout.write(`bench/http-adapter: ${FILES} files, ${USERS} caseworkers, ${CLIENTS} clients, ${SECONDS} s per phase; starting PostgreSQL and redis-server …\n`);
  const stores = await benchStores();
  const config = benchConfig(stores);
  const apps: { app: INestApplication; port: number }[] = [];
  try {
    const ids = await seed(stores.ownerUrl);
    const express = await startApi(config);
    apps.push(express);
    const fastify = await startFastify(config);
    apps.push(fastify);
    const ports: Record<Adapter, number> = { express: express.port, fastify: fastify.port };
    const tokens: string[] = [];
    for (let user = 0; user < USERS; user++) {
      // Signing in goes through each adapter once: the tokens work on both (same database, same keys).
      const adapter = ADAPTERS[user % 2];
      tokens.push(await signInAs(ports[adapter], `bench.caseworker${user}`, { 'x-request-id': `bench-login-${adapter}-${user}` }));
    }
    const notes = await checkEquivalence(config, ports, tokens[0], ids[0], stores.databaseUrl);
    // A request with a body: does RequestContext (the request id) outlive the body parsing on both?
    const db = new pg.Client({ connectionString: stores.databaseUrl });
    await db.connect();
    const logins = await db.query(`SELECT request_id FROM audit_record WHERE action = 'auth.login' AND outcome = 'allowed' ORDER BY id`).finally(() => db.end());
    notes.push(
      `request ids in the audit records of the sign-ins (POST with a JSON body): ${logins.rows.map((row: { request_id: string | null }) => row.request_id ?? 'null').join(', ')}`,
    );
    process.stdout.write('equivalence: both adapters answer the probes alike (bodies, statuses, error envelopes, helmet headers, request id in the audit record)\n');
    for (const note of notes) process.stdout.write(`  note: ${note}\n`);

    const paths = {
      'GET /files (list, filter, search)': LIST_QUERIES,
      'GET /files/:id (audited read)': ids.map((id) => `/files/${id}`),
    };
    // Both apps' own background work (outbox relay, queue connections), whichever is loaded: subtracted from each phase's CPU time.
    const idleBefore = process.cpuUsage();
    const idleStarted = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idle = process.cpuUsage(idleBefore);
    const idleMsPerSecond = (idle.user + idle.system) / 1000 / ((performance.now() - idleStarted) / 1000);
    process.stdout.write(`api process idle (both apps, no load): ${idleMsPerSecond.toFixed(1)} ms CPU per second, subtracted below\n`);
    const results: Record<string, Record<Adapter, Measured[]>> = {};
    for (const [name, list] of Object.entries(paths)) {
      results[name] = { express: [], fastify: [] };
      process.stdout.write(`${name}\n`);
      for (const adapter of ADAPTERS) {
        const warm = await loadInProcess({ port: ports[adapter], clients: CLIENTS, seconds: WARM_UP_SECONDS, paths: list, tokens });
        if (warm.errors > 0) throw new Error(`${warm.errors} failed requests warming up ${adapter} on ${name}`);
      }
      for (const adapter of Array.from({ length: ROUNDS }, () => ADAPTERS).flat()) {
        const cpuBefore = process.cpuUsage();
        const result = await loadInProcess({ port: ports[adapter], clients: CLIENTS, seconds: SECONDS, paths: list, tokens, keepLatencies: true });
        const cpu = process.cpuUsage(cpuBefore);
        if (result.errors > 0) throw new Error(`${result.errors} failed (non-2xx or broken) requests on ${adapter}, ${name}`);
        const measured: Measured = { ...result, cpuMs: (cpu.user + cpu.system) / 1000 - idleMsPerSecond * result.seconds };
        results[name][adapter].push(measured);
        process.stdout.write(
          `  ${adapter.padEnd(7)} ${result.perSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms  api CPU ${(measured.cpuMs / result.requests).toFixed(2)} ms/req\n`,
        );
      }
    }

    process.stdout.write(`\nper adapter and path (${ROUNDS} phases each, percentiles pooled):\n`);
    const ratios: { name: string; fastify: number; express: number }[] = [];
    for (const [name, byAdapter] of Object.entries(results)) {
      const pooled = { express: pool(byAdapter.express), fastify: pool(byAdapter.fastify) };
      for (const adapter of ADAPTERS) {
        const p = pooled[adapter];
        process.stdout.write(
          `  ${name.padEnd(34)} ${adapter.padEnd(7)} ${p.perSecond.toFixed(0).padStart(6)} req/s  p50 ${p.p50.toFixed(1)} ms  p95 ${p.p95.toFixed(1)} ms  api CPU ${p.cpuPerRequest.toFixed(2)} ms/req  (${p.requests} requests)\n`,
        );
      }
      ratios.push({ name, fastify: pooled.fastify.perSecond, express: pooled.express.perSecond });
      process.stdout.write(`  ${name.padEnd(34)} api CPU per request fastify/express = ${(pooled.fastify.cpuPerRequest / pooled.express.cpuPerRequest).toFixed(3)}\n`);
    }
    const overall = Math.exp(ratios.reduce((sum, r) => sum + Math.log(r.fastify / r.express), 0) / ratios.length);
    process.stdout.write('\n');
    for (const r of ratios) {
      process.stdout.write(`${ratioLine(`fastify/express ${r.name}`, r.fastify, r.express, '≥ 120 % to be worth a switch')} = ${(r.fastify / r.express).toFixed(3)}\n`);
    }
    process.stdout.write(`${ratioLine('fastify/express overall (geometric mean of the paths)', overall, 1, '≥ 120 % to be worth a switch')} = ${overall.toFixed(3)}\n`);
  } finally {
    for (const { app } of apps.reverse()) await app.close();
    await stores.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench/http-adapter failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
