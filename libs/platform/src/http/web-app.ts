import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { ErrorDefinition } from '../errors/app-error.js';
import { PlatformErrors } from '../errors/platform-errors.js';

/**
 * The web app (apps/web, built into dist/web) on the api's own origin under
 * /app/, so a reload or a deep link never collides with the API, which stays
 * at the root: static files, and index.html for any other GET under /app/
 * (the SPA fallback covers /app/* only); `/` and `/app` redirect to /app/.
 * Without a build (tests that do not build it, a bare checkout) the api still
 * starts and /app answers 503 WEB_APP_NOT_BUILT.
 */
export const WEB_BASE = '/app';

/** dist/web, whether this file runs built (dist/libs/platform/src/http) or from source under ts-jest (libs/platform/src/http). */
export function webRootDir(): string {
  const up = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  return path.basename(up) === 'dist' ? path.join(up, 'web') : path.join(up, 'dist', 'web');
}

export function isWebPath(requestPath: string): boolean {
  return requestPath === WEB_BASE || requestPath.startsWith(`${WEB_BASE}/`);
}

/**
 * Exactly what the app needs: its own scripts, styles (antd writes its CSS-in-JS
 * into <style> elements and style attributes: 'unsafe-inline' for styles only),
 * images and fonts (data: for antd's icons), calls to the same origin. No
 * framing, no plugins, no other origin. upgrade-insecure-requests only where
 * the site is served over HTTPS (COOKIE_SECURE), as it breaks a plain-HTTP intranet.
 */
export function webContentSecurityPolicy(https: boolean): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'manifest-src': ["'self'"],
    'worker-src': ["'none'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** Helmet's defaults (a strict CSP) for the API and /docs; the web app's own CSP under /app. */
export function securityHeaders(https: boolean): RequestHandler {
  const api = helmet();
  const web = helmet({ contentSecurityPolicy: { useDefaults: false, directives: webContentSecurityPolicy(https) } });
  return (req, res, next) => (isWebPath(req.path) ? web : api)(req, res, next);
}

function sendError(req: Request & { id?: unknown }, res: Response, definition: ErrorDefinition): void {
  res.status(definition.status).json({ error: { code: definition.code, message: definition.message, details: null, requestId: req.id ? String(req.id) : null } });
}

export function serveWebApp(app: NestExpressApplication, root: string = webRootDir()): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && (req.path === '/' || req.path === WEB_BASE)) {
      const query = req.url.indexOf('?');
      return res.redirect(302, `${WEB_BASE}/${req.path === WEB_BASE && query >= 0 ? req.url.slice(query) : ''}`);
    }
    next();
  });
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) {
    app.use(WEB_BASE, (req: Request, res: Response) => sendError(req, res, PlatformErrors.WEB_APP_NOT_BUILT));
    return;
  }
  app.useStaticAssets(root, {
    prefix: `${WEB_BASE}/`,
    index: false,
    redirect: false,
    fallthrough: true,
    // Hashed file names never change: cache them for good; everything else is checked each time.
    setHeaders: (res, file) => res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.use(WEB_BASE, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // A missing asset is a 404, not the page (a stale tab asking for an old chunk must see it fail).
    if (req.path.startsWith('/assets/')) return sendError(req, res, PlatformErrors.NOT_FOUND);
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}
