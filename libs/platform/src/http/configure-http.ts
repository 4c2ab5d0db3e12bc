import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../config/config.js';
import { RequestContext } from '../context/request-context.js';
import { Clock } from '../time/clock.js';
import { ErrorEnvelopeFilter } from '../errors/error-envelope.filter.js';
import { validationExceptionFactory } from '../errors/validation.js';
import { requestIdFor } from '../logging/logging.js';
import { AUDIT_SINK, type AuditSink } from '../audit/audit-sink.js';
import { requestShapeGuard } from './request-shape.guard.js';
import { securityHeaders, serveWebApp } from './web-app.js';
import { GeneticDataInterceptor } from '../genetic/genetic-data.interceptor.js';
import { API_CONTRACT, createApiDocument, type ApiContractOptions } from '../contract/openapi.js';

/**
 * Everything an HTTP request passes through before a controller, in one place
 * so the api's main and the e2e tests build the very same app. The app must be
 * created with `{ bodyParser: false, bufferLogs: true }`.
 */
export function configureHttpApp(app: NestExpressApplication, config: AppConfig): NestExpressApplication {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', config.http.trustProxy);
  // The request id first, so every later layer (logs, audit, outbox, errors) sees the same one.
  const clock = app.get(Clock);
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    req.id = requestIdFor(req, res);
    RequestContext.run({ requestId: req.id, ip: req.ip, clock }, next);
  });
  app.use(securityHeaders(config.http.cookieSecure));
  // The web app under /app/ (before the body parser and the API's routes, which stay at the root).
  serveWebApp(app);
  // R22: the API's answers hold people's data; none stays in a browser's or a proxy's cache (a shared office
  // computer), and no ETag invites a revalidation answered 304 with nothing in it.
  app.set('etag', false);
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({ origin: config.http.corsOrigins, credentials: true, exposedHeaders: ['x-request-id'] });
  }
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  // Before anything reads the body or the query (pipes, interceptors, guards): depth, size, NUL, lone surrogates, NFC.
  app.use(requestShapeGuard());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new ErrorEnvelopeFilter());
  // R9: no genetic data gets in, on any route (needs the audit sink: the api always has one).
  app.useGlobalInterceptors(new GeneticDataInterceptor(app.get<AuditSink>(AUDIT_SINK)));
  app.enableShutdownHooks();

  const document = createApiDocument(app, app.get<ApiContractOptions>(API_CONTRACT));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
