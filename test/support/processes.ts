import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chinaMorning, TEST_TODAY } from './clock.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The built entry of an app; `npm test` builds before jest runs. */
export function builtEntry(app: 'api' | 'worker' | 'launcher' | 'cli'): string {
  const entry = path.join(REPO_ROOT, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run the tests with npm test, which builds first`);
  return entry;
}

/**
 * A clean environment: nothing of the developer's DATABASE_URL and friends
 * leaks into the child. Its clock starts where the test's stands (`at`, by
 * default 10:00 in China on TEST_TODAY), except in production where the clock
 * is the real time.
 */
export function childEnv(vars: Record<string, string>, at: Date = chinaMorning(TEST_TODAY)): Record<string, string> {
  const clock: Record<string, string> = vars.NODE_ENV === 'production' ? {} : { CLOCK_AT: at.toISOString() };
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', LOG_PRETTY: 'false', ...clock, ...vars };
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runToEnd(entry: string, args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(path.dirname(path.dirname(entry)))} did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A long-running child whose output is collected; `waitFor` resolves when a text appears. */
export class Running {
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(entry: string, env: Record<string, string>, cwd = REPO_ROOT): Running {
    return new Running(spawn(process.execPath, [entry], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  async waitFor(text: string, timeoutMs = 90_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (this.child.exitCode !== null) throw new Error(`exited (${this.child.exitCode}) before printing "${text}": ${this.output}`);
      if (performance.now() > deadline) throw new Error(`"${text}" not printed within ${timeoutMs} ms: ${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Processes whose environment holds `name=value`: how a test finds every descendant of a launcher it started. */
export function processesWithEnv(name: string, value: string): number[] {
  const needle = `${name}=${value}\0`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (`${readFileSync(`/proc/${entry}/environ`, 'latin1')}\0`.includes(needle)) found.push(Number(entry));
    } catch {
      // gone already, or not ours to read
    }
  }
  return found;
}

/** Cleanup after a failed test: SIGKILL every process started with `name=value` in its environment. */
export function killAllWithEnv(name: string, value: string): void {
  for (const pid of processesWithEnv(name, value)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
