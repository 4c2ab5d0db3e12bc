import { Redis, type RedisOptions } from 'ioredis';

/**
 * Connection options for one purpose. Workers (blocking commands) must have
 * `maxRetriesPerRequest: null`; producers fail a command after a few retries
 * so an API request never hangs on a lost Redis; health checks fail at once.
 */
export function redisOptions(purpose: 'worker' | 'producer' | 'health', connectionName: string): RedisOptions {
  switch (purpose) {
    case 'worker':
      return { maxRetriesPerRequest: null, connectionName, lazyConnect: false };
    case 'producer':
      return { maxRetriesPerRequest: 3, connectionName, enableOfflineQueue: true };
    case 'health':
      return { maxRetriesPerRequest: 0, connectionName, enableOfflineQueue: false, connectTimeout: 2000 };
  }
}

export function createRedis(url: string, purpose: 'worker' | 'producer' | 'health', connectionName: string): Redis {
  const client = new Redis(url, redisOptions(purpose, connectionName));
  // Connection errors are reported by health checks; without a listener ioredis prints each retry.
  client.on('error', () => undefined);
  return client;
}

/** QUIT when connected; otherwise drop the socket (a QUIT to a lost Redis would wait for it forever). */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    await client.quit().catch(() => client.disconnect());
  } else {
    client.disconnect();
  }
}
