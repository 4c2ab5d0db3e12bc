/**
 * Polls until `check` stops throwing (or returns true), for effects that cross
 * a queue. The timeout only bounds a failing test; nothing here asserts on time.
 */
export async function eventually<T>(check: () => Promise<T | false> | T | false, timeoutMs = 15_000, intervalMs = 25): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false) return result as T;
      lastError = new Error('condition still false');
    } catch (error) {
      lastError = error;
    }
    if (performance.now() > deadline) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
