import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from './free-port.js';
import { livePidFrom, stopChild, waitForOutput, waitForPidExit } from './process-tools.js';

export class RedisServerMissing extends Error {
  constructor() {
    super('redis-server was not found on the PATH. Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to a running Redis.');
    this.name = 'RedisServerMissing';
  }
}

export interface RedisServerOptions {
  dataDir: string;
  persistent: boolean;
  port?: number;
  onLog?: (line: string) => void;
}

export async function findOnPath(command: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return undefined;
}

/**
 * redis-server from the PATH, on 127.0.0.1 and a free port, with the settings
 * production uses (docker/redis.conf): append-only file on, never evict.
 */
export class RedisServer {
  private constructor(
    private readonly options: RedisServerOptions,
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(options: RedisServerOptions): Promise<RedisServer> {
    const binary = await findOnPath('redis-server');
    if (!binary) throw new RedisServerMissing();
    const dataDir = path.resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true });
    const pidFile = path.join(dataDir, 'redis.pid');
    const leftover = await livePidFrom(pidFile);
    if (leftover !== undefined) {
      options.onLog?.(`stopping redis-server left running by an earlier start (pid ${leftover})\n`);
      process.kill(leftover, 'SIGTERM');
      if (!(await waitForPidExit(leftover, 15_000))) throw new Error(`redis-server pid ${leftover} still holds ${dataDir}; stop it and try again`);
    }
    const port = options.port ?? (await freePort());
    const child = spawn(
      binary,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dataDir,
        '--pidfile',
        pidFile,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--maxmemory-policy',
        'noeviction',
        '--save',
        '',
        '--daemonize',
        'no',
        '--logfile',
        '',
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const ready = waitForOutput(child, 'Ready to accept connections', 'redis-server', 30_000);
    const forward = (chunk: Buffer) => options.onLog?.(chunk.toString('utf8'));
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    await ready;
    return new RedisServer(options, child, port);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Stops (SIGTERM: the AOF is flushed) and waits for the exit. */
  async stop(): Promise<void> {
    await stopChild(this.child, 'SIGTERM', 15_000);
    if (!this.options.persistent) await rm(this.options.dataDir, { recursive: true, force: true });
  }

  /** For fault tests: the process dies at once, as in a crash. */
  async kill(): Promise<void> {
    await stopChild(this.child, 'SIGKILL', 5000);
  }
}
