import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { securityHeaders, serveWebApp } from './web-app.js';

@Controller()
class ProbeController {
  @Get('files')
  files() {
    return { items: [] };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

/** An api with the web app's middleware in front of one API route, serving `root`. */
async function appServing(root: string, https = false): Promise<{ app: NestExpressApplication; server: App }> {
  const app = await NestFactory.create<NestExpressApplication>(ProbeModule, { logger: false });
  app.use(securityHeaders(https));
  serveWebApp(app, root);
  await app.init();
  return { app, server: app.getHttpServer() };
}

describe('the web app on the api origin under /app/', () => {
  let root: string;
  let built: { app: NestExpressApplication; server: App };

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'huijia-web-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    built = await appServing(root);
  });
  afterAll(async () => {
    await built.app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('redirects / and /app to /app/', async () => {
    expect((await request(built.server).get('/').expect(302)).headers.location).toBe('/app/');
    expect((await request(built.server).get('/app').expect(302)).headers.location).toBe('/app/');
  });

  it('serves the page for /app/ and any deep link under it (the SPA fallback), never cached', async () => {
    for (const url of ['/app/', '/app/files/7b0c4c1e-0000-4000-8000-000000000000', '/app/login?redirect=%2Ffiles']) {
      const response = await request(built.server).get(url).expect(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.text).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets for good, and a missing one as a 404 envelope rather than the page', async () => {
    const asset = await request(built.server).get('/app/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await request(built.server).get('/app/assets/gone-000.js').expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('leaves the API at the root: no fallback outside /app', async () => {
    await request(built.server).get('/files').expect(200, { items: [] });
    await request(built.server).get('/nowhere').expect(404);
    await request(built.server).post('/app/files').expect(404);
  });

  it("gives /app a CSP with exactly the app's needs and keeps the API's strict one", async () => {
    const web = (await request(built.server).get('/app/').expect(200)).headers['content-security-policy'];
    expect(web).toContain("default-src 'self'");
    expect(web).toContain("script-src 'self';");
    expect(web).toContain("style-src 'self' 'unsafe-inline'");
    expect(web).toContain("connect-src 'self'");
    expect(web).toContain("frame-ancestors 'none'");
    expect(web).toContain("object-src 'none'");
    expect(web).not.toContain('upgrade-insecure-requests');
    const api = (await request(built.server).get('/files').expect(200)).headers['content-security-policy'];
    expect(api).toContain("script-src 'self'");
    expect(api).not.toContain("style-src 'self' 'unsafe-inline'");
    expect(api).toContain('upgrade-insecure-requests');
  });

  it('upgrades insecure requests under /app only when the site is HTTPS (COOKIE_SECURE)', async () => {
    const https = await appServing(root, true);
    try {
      expect((await request(https.server).get('/app/').expect(200)).headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await https.app.close();
    }
  });

  it('without a build, still starts and answers /app with 503 WEB_APP_NOT_BUILT', async () => {
    const bare = await appServing(path.join(root, 'not-built'));
    try {
      const response = await request(bare.server).get('/app/files').expect(503);
      expect(response.body.error).toMatchObject({ code: 'WEB_APP_NOT_BUILT', message: expect.stringContaining('npm run build') });
      await request(bare.server).get('/files').expect(200);
    } finally {
      await bare.app.close();
    }
  });
});
