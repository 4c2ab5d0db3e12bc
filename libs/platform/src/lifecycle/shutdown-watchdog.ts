/**
 * A graceful shutdown must end even when what it waits for never answers
 * (Redis gone, a stuck job): after `timeoutMs` the process exits anyway, so a
 * launcher or an orchestrator is never left with a half-stopped process.
 */
export function installShutdownWatchdog(processName: string, timeoutMs = 15_000): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`huijia ${processName}: graceful shutdown took longer than ${timeoutMs} ms; exiting\n`);
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}
