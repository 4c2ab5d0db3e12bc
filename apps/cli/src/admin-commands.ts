import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DemoSeeder, generatePassword, JurisdictionsService, passwordProblem, Passwords, type DemoLogin } from '#app/access';
import { AuditCheckpointSigner, AuditService, AuditVerifier } from '#app/audit';
import { loadConfig, RequestContext } from '#app/platform';
import { CliModule } from './cli.module.js';
import { seedDemoFiles, type DemoFile } from './demo-files.js';

export async function withContext<T>(databaseUrl: string, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const app = await NestFactory.createApplicationContext(CliModule.register(config), { logger: ['error', 'warn'] });
  try {
    // Everything a command does is recorded under one request id, so the audit record shows it came from the CLI.
    return await RequestContext.run({ requestId: `cli-${process.pid}-${randomUUID().slice(0, 8)}` }, () => work(app));
  } finally {
    await app.close();
  }
}

export function printLogins(logins: DemoLogin[], say: (line: string) => void): void {
  say('demo logins (shown once; `npm run seed:demo` issues new passwords):');
  const width = Math.max(...logins.map((login) => login.username.length));
  for (const login of logins) say(`  ${login.username.padEnd(width)}  ${login.password}  ${login.role} @ ${login.organisation}`);
}

export function printDemoFiles(files: DemoFile[], say: (line: string) => void): void {
  if (files.length === 0) return;
  say('demo files:');
  for (const file of files) say(`  ${file.reference}  ${file.person}  ${file.state}  ${file.story}`);
}

export async function seedDemo(app: INestApplicationContext, onlyIfEmpty: boolean): Promise<{ logins: DemoLogin[]; files: DemoFile[] } | undefined> {
  const seeder = app.get(DemoSeeder);
  if (onlyIfEmpty && !(await seeder.isEmpty())) return undefined;
  const logins = await seeder.seed();
  await app.get(AuditService).record({ action: 'demo.seed', outcome: 'allowed', details: { users: logins.map((login) => login.username) } });
  const files = await seedDemoFiles(app);
  return { logins, files };
}

export interface CreateAdminOptions {
  username: string;
  displayName?: string;
  jurisdiction: string;
  organisationName?: string;
  password?: string;
}

/**
 * The first administrator (or another one): in the civil affairs bureau of the
 * given jurisdiction, created if missing. Without a password one is generated.
 */
export async function createAdmin(app: INestApplicationContext, options: CreateAdminOptions): Promise<{ password: string; organisation: string; generated: boolean }> {
  const jurisdiction = await app.get(JurisdictionsService).find(options.jurisdiction);
  if (!jurisdiction) throw new Error(`--jurisdiction ${options.jurisdiction} is not a GB/T 2260 code`);
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(options.username)) throw new Error('--username must be 3–64 lower-case letters, digits, ".", "_" or "-"');
  const generated = !options.password;
  const password = options.password ?? generatePassword();
  const problem = passwordProblem(password, options.username);
  if (problem) throw new Error(`the password ${problem}`);
  const organisationName = options.organisationName ?? `${jurisdiction.name}民政${jurisdiction.level === 1 ? '厅' : '局'}`;
  const hash = await app.get(Passwords).hash(password);
  const dataSource = app.get<DataSource>(getDataSourceToken());
  await dataSource.transaction(async (manager) => {
    const existing: { id: string; kind: string }[] = await manager.query('SELECT id, kind FROM organisation WHERE jurisdiction_code = $1 AND lower(name) = lower($2)', [
      jurisdiction.code,
      organisationName,
    ]);
    if (existing[0] && existing[0].kind !== 'civil_affairs_bureau') throw new Error(`${organisationName} exists but is a ${existing[0].kind}, not a civil affairs bureau`);
    const organisationId =
      existing[0]?.id ??
      (
        await manager.query(`INSERT INTO organisation (name, kind, jurisdiction_code) VALUES ($1, 'civil_affairs_bureau', $2) RETURNING id`, [organisationName, jurisdiction.code])
      )[0].id;
    const taken = await manager.query('SELECT 1 FROM user_account WHERE username = $1', [options.username]);
    if (taken.length > 0) throw new Error(`the username ${options.username} is taken`);
    const [{ id }] = await manager.query(
      `INSERT INTO user_account (username, display_name, organisation_id, role, password_hash) VALUES ($1, $2, $3, 'administrator', $4) RETURNING id`,
      [options.username, options.displayName ?? options.username, organisationId, hash],
    );
    await app
      .get(AuditService)
      .record({ action: 'user.create', outcome: 'allowed', entityType: 'user_account', entityId: id, details: { role: 'administrator', via: 'cli' } }, manager);
  });
  return { password, organisation: organisationName, generated };
}

export function verifyAudit(app: INestApplicationContext, checkpointFiles: string[] = [], onProgress?: (records: number) => void) {
  return app.get(AuditVerifier).verify(onProgress, checkpointFiles);
}

/** A checkpoint signed now by this process (AUDIT_SIGNING_KEY), recorded as asked for from the CLI. */
export async function signCheckpoint(app: INestApplicationContext) {
  const signed = await app.get(AuditCheckpointSigner).sign();
  await app.get(AuditService).record({ action: 'audit.checkpoint_sign', outcome: 'allowed', entityType: 'audit_checkpoint', entityId: signed.id, details: { via: 'cli' } });
  return signed;
}
