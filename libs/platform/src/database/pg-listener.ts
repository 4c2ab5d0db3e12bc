import pg from 'pg';

const RETRY_MS = 2000;

/**
 * A LISTEN on one PostgreSQL channel on a connection of its own, kept up
 * while started: a lost connection is made again after a pause. `onNotify`
 * only wakes a loop; the loop's own poll still finds the work, so a
 * notification missed during a reconnect delays nothing for long.
 */
export class PgListener {
  private client?: pg.Client;
  private running = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly applicationName: string,
    private readonly onNotify: () => void,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (!this.running || this.client) return;
    const client = new pg.Client({ connectionString: this.url, application_name: this.applicationName });
    client.on('error', () => {
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      this.later();
    });
    client.on('notification', () => this.onNotify());
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
      if (!this.running) {
        await client.end();
        return;
      }
      this.client = client;
    } catch {
      await client.end().catch(() => undefined);
      this.later();
    }
  }

  private later(): void {
    if (!this.running) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), RETRY_MS);
    this.retry.unref();
  }
}
