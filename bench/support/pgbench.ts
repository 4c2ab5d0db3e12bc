import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findOnPath } from '#app/platform';

/** Runs pgbench with a custom script; undefined when pgbench is not installed (Debian: postgresql-client). */
export async function pgbench(
  url: string,
  script: string,
  options: { clients: number; seconds: number; variables?: Record<string, string | number> },
): Promise<number | undefined> {
  const binary = await findOnPath('pgbench');
  if (!binary) return undefined;
  const file = path.join(os.tmpdir(), `huijia-pgbench-${process.pid}.sql`);
  await writeFile(file, script);
  const args = ['-n', '-c', String(options.clients), '-j', '2', '-T', String(options.seconds), '-f', file];
  for (const [name, value] of Object.entries(options.variables ?? {})) args.push('-D', `${name}=${value}`);
  args.push(url);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`pgbench failed (${code}): ${text}`))));
  });
  const tps = /tps = ([\d.]+)/.exec(output);
  if (!tps) throw new Error(`no tps in pgbench output: ${output}`);
  return Number(tps[1]);
}

/** A progress bar on one terminal line. */
export function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
}
