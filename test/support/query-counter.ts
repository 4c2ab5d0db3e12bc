import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { RequestContext } from '#app/platform';

const STATEMENT = /^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i;
const WRAPPED = Symbol('huijia-counted');

/**
 * Counts the SQL statements the api runs for one request (by its
 * x-request-id), transaction control left out: the proof that a page costs
 * the same number of queries whatever its size (no N+1).
 */
export class QueryCounter {
  private readonly counts = new Map<string, number>();

  constructor(app: INestApplication) {
    const pool = (app.get<DataSource>(getDataSourceToken()).driver as unknown as { master: Pool }).master;
    pool.on('acquire', (client: PoolClient & { [WRAPPED]?: boolean }) => {
      if (client[WRAPPED]) return;
      client[WRAPPED] = true;
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const requestId = RequestContext.requestId();
        const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
        if (requestId && text && STATEMENT.test(text)) this.counts.set(requestId, (this.counts.get(requestId) ?? 0) + 1);
        return query(...args);
      };
    });
  }

  /** The statements run for the request with this x-request-id. */
  of(requestId: string): number {
    return this.counts.get(requestId) ?? 0;
  }
}
