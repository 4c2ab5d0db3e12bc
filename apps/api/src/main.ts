import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp, installShutdownWatchdog, loadConfigOrExit, preflightOrExit } from '#app/platform';
import { ApiModule } from './api.module.js';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit('api');
  await preflightOrExit(config, 'api');
  installShutdownWatchdog('api');
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register(config), { bodyParser: false, bufferLogs: true });
  configureHttpApp(app, config);
  await app.listen(config.http.port, config.http.host);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`huijia api: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
