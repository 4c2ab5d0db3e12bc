/**
 * Starts the stack under test as the jest harness does — a throw-away
 * PostgreSQL (embedded) and redis-server on free ports — then the launcher
 * (`npm start`'s: migrations, the api serving the built web app, the worker),
 * creates the administrator with the CLI and seeds the rest through the API.
 * Returns the teardown.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedPostgres, RedisServer, TEST_CLOCK_FILE } from '#app/platform';
import { builtEntry, childEnv, REPO_ROOT, Running, runToEnd } from '../../../test/support/processes.js';
import { seed } from './support/seed.js';
import { USERS } from './support/users.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'web', 'index.html'))) throw new Error('dist/web is missing: run npm run build first (npm test does)');
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'huijia-web-e2e-'));
  let postgres: EmbeddedPostgres | undefined;
  let redis: RedisServer | undefined;
  let launcher: Running | undefined;
  const teardown = async () => {
    if (launcher && launcher.child.exitCode === null) {
      launcher.child.kill('SIGTERM');
      await launcher.exited;
    }
    await Promise.allSettled([redis?.stop(), postgres?.stop()]);
    await rm(scratch, { recursive: true, force: true });
  };
  try {
    [postgres, redis] = await Promise.all([
      EmbeddedPostgres.start({ dataDir: path.join(scratch, 'postgres'), persistent: false, durable: false }),
      RedisServer.start({ dataDir: path.join(scratch, 'redis'), persistent: false }),
    ]);
    await postgres.ensureDatabase('huijia');
    const port = await freePort();
    // R21: the owner migrates, the api and the worker run as the least-privilege huijia_app, as with npm start.
    const env = childEnv({
      NODE_ENV: 'test',
      DATABASE_MIGRATION_URL: postgres.url('huijia'),
      DATABASE_URL: await postgres.ensureAppRole('huijia'),
      REDIS_URL: redis.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: scratch,
    });
    launcher = Running.start(builtEntry('launcher'), env);
    await launcher.waitFor('press Ctrl-C to stop');
    const admin = await runToEnd(builtEntry('cli'), ['user:create-admin', '--username', USERS.admin.username, '--jurisdiction', '530100'], {
      ...env,
      HUIJIA_ADMIN_PASSWORD: USERS.admin.password,
    });
    if (admin.code !== 0) throw new Error(`user:create-admin failed: ${admin.stdout}${admin.stderr}`);
    const baseURL = `http://127.0.0.1:${port}`;
    // The workers read it (playwright.config.ts's baseURL), and the seed's calls.
    process.env.HUIJIA_E2E_BASE_URL = baseURL;
    await seed();
    // For specs that must write what no route writes (a reminder coming due for the worker to deliver).
    process.env.HUIJIA_E2E_DATABASE_URL = postgres.url('huijia');
    // For specs that stand the running api and worker on another day (NODE_ENV=test only; support/server-clock.ts).
    process.env.HUIJIA_E2E_CLOCK_FILE = path.join(scratch, TEST_CLOCK_FILE);
    return teardown;
  } catch (error) {
    if (launcher) process.stderr.write(launcher.output);
    await teardown();
    throw error;
  }
}
