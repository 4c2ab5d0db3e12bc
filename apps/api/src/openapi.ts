/**
 * `npm run openapi [-- --out <file>]`: writes the api's OpenAPI document
 * without a running server or a database (Nest's preview mode builds the
 * module graph without starting providers), so the web client can be
 * generated from it during the build. Default output: openapi.json.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { createApiDocument, loadConfig } from '#app/platform';
import { ApiModule, HUIJIA_CONTRACT } from './api.module.js';

async function main(): Promise<void> {
  const index = process.argv.indexOf('--out');
  const out = index >= 0 ? process.argv[index + 1] : 'openapi.json';
  if (!out) throw new Error('--out needs a file name');
  // Placeholders: in preview mode nothing connects to them.
  const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'postgres://openapi@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(ApiModule.register(config), { preview: true, logger: false });
  const document = createApiDocument(app, HUIJIA_CONTRACT);
  await writeFile(out, `${JSON.stringify(document, null, 2)}\n`);
  const operations = Object.values(document.paths).reduce((sum, path) => sum + Object.keys(path).length, 0);
  process.stdout.write(`openapi: ${operations} operations written to ${out}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`huijia openapi: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
