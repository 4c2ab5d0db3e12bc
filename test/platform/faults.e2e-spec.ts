import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { RedisServer } from '#app/platform';
import { eventually } from '../support/eventually.js';
import { startStack, type TestStack } from '../support/test-context.js';

describe('Redis lost while the api runs', () => {
  let dir: string;
  let redis: RedisServer;
  let stack: TestStack;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'huijia-redis-fault-'));
    redis = await RedisServer.start({ dataDir: dir, persistent: true });
    stack = await startStack({ overrides: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('turns /health/ready to 503 naming Redis, and back to 200 when Redis returns', async () => {
    const server = stack.api!.getHttpServer();
    await request(server).get('/health/ready').expect(200);

    const port = redis.port;
    await redis.kill();
    const down = await eventually(async () => {
      const response = await request(server).get('/health/ready');
      return response.status === 503 ? response : false;
    });
    expect(down.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.body.error.details.error).toHaveProperty('redis.status', 'down');
    expect(down.body.error.details.info).toHaveProperty('postgres.status', 'up');
    await request(server).get('/health/live').expect(200);

    redis = await RedisServer.start({ dataDir: dir, persistent: true, port });
    await eventually(async () => (await request(server).get('/health/ready')).status === 200, 20_000);
  });
});
