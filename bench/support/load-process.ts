import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { load, type LoadResult } from './load.js';

/**
 * The load generator in a process of its own, so the client's work does not
 * share the event loop of the api it measures.
 */
export function loadInProcess(options: { port: number; clients: number; seconds: number; paths: string[]; tokens: string[]; keepLatencies?: boolean }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as LoadResult) : reject(new Error(`load generator exited with ${code}`))));
    child.stdin.end(JSON.stringify(options));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let input = '';
  process.stdin.on('data', (chunk: Buffer) => (input += chunk.toString()));
  process.stdin.on('end', async () => {
    const options = JSON.parse(input) as { port: number; clients: number; seconds: number; paths: string[]; tokens: string[]; keepLatencies?: boolean };
    let turn = 0;
    const result = await load({
      port: options.port,
      clients: options.clients,
      seconds: options.seconds,
      path: () => options.paths[turn++ % options.paths.length],
      headers: (client) => ({ authorization: `Bearer ${options.tokens[client % options.tokens.length]}` }),
      keepLatencies: options.keepLatencies,
    });
    process.stdout.write(JSON.stringify(result));
  });
}
