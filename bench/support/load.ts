import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  /** Every latency (ms, sorted), only when asked for with `keepLatencies`: to pool percentiles over several phases. */
  latencies?: number[];
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * `clients` keep-alive clients each issuing requests back to back for
 * `seconds`; `path()` picks each request's path. Latencies in milliseconds.
 */
export async function load(options: {
  port: number;
  clients: number;
  seconds: number;
  path: () => string;
  /** Per client: each may act as a different user. */
  headers: (client: number) => Record<string, string>;
  keepLatencies?: boolean;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  const one = (client: number) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request({ host: '127.0.0.1', port: options.port, path: options.path(), agent, headers: options.headers(client) }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) errors += 1;
          latencies.push(performance.now() - t0);
          resolve();
        });
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end();
    });
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      while (performance.now() < deadline) await one(client);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    ...(options.keepLatencies ? { latencies: latencies.map((ms) => Math.round(ms * 1000) / 1000) } : {}),
  };
}
