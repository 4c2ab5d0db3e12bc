import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp, loadConfig, type AppConfig } from '#app/platform';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { BENCH_PASSWORD } from './seed-files.js';
import type { BenchStores } from './stores.js';

/** The api's configuration on a benchmark's stores: silent, a pool of 20; tokens last a day, as runs may outlast the default 15 minutes. */
export function benchConfig(stores: BenchStores): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_PRETTY: 'false',
    LOG_LEVEL: 'silent',
    DATABASE_URL: stores.databaseUrl,
    REDIS_URL: stores.redisUrl,
    DATABASE_POOL_SIZE: '20',
    ACCESS_TOKEN_TTL_SECONDS: '86400',
  });
}

/** The api as `npm start` runs it (Express, configureHttpApp: the web app under /app too), in this process, on a free port. */
export async function startApi(config: AppConfig): Promise<{ app: INestApplication; port: number }> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register(config), { bodyParser: false, bufferLogs: true, logger: ['error'] });
  configureHttpApp(app, config);
  await app.listen(0, '127.0.0.1');
  return { app, port: (app.getHttpServer().address() as AddressInfo).port };
}

/** A seeded caseworker's access token (POST /auth/login); throws unless 200. */
export async function signInAs(port: number, username: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}
