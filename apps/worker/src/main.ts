import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ReminderScheduler } from '#app/followup';
import { StatisticsDeadlines } from '#app/statistics';
import { installShutdownWatchdog, loadConfigOrExit, OutboxRelay, preflightOrExit } from '#app/platform';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit('worker');
  await preflightOrExit(config, 'worker');
  installShutdownWatchdog('worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  app.get(OutboxRelay).start();
  app.get(ReminderScheduler).start();
  app.get(StatisticsDeadlines).start();
  app.get(Logger).log('worker ready');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`huijia worker: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
