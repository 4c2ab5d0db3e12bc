/**
 * For bench/http-adapter only: the api on @nestjs/platform-fastify, configured
 * like libs/platform/src/http/configure-http.ts configures it on Express, so
 * the two can be measured side by side. The app itself stays on Express.
 *
 * What configureHttpApp does            → what this does on Fastify
 * - app.disable('x-powered-by')        → nothing (Fastify sends no such header)
 * - app.set('query parser', 'simple')  → Fastify's own parser (fast-querystring: flat, repeated keys → arrays)
 * - app.set('trust proxy', …)          → FastifyAdapter({ trustProxy }) (same proxy-addr keywords)
 * - request id + RequestContext (app.use, first)
 *                                      → an onRequest hook added before Nest registers middie, so it runs
 *                                        before Nest middleware (pino-http, the bull-board guard), as on Express
 * - app.use(helmet())                  → @fastify/helmet, registered before middie for the same order
 * - app.enableCors(…)                  → the same call (Nest's adapter brings @fastify/cors)
 * - useBodyParser('json', { limit })   → Fastify's built-in JSON parser with bodyLimit; its text/plain parser removed
 * - ValidationPipe, GeneticDataInterceptor
 *                                      → the same, unchanged
 * - ErrorEnvelopeFilter                → the same class, behind a shim: it writes with Express's
 *                                        res.setHeader / res.status().json() / res.headersSent; the shim
 *                                        writes through the HTTP adapter instead
 * - swagger UI + /docs-json            → /docs-json only: the UI's assets need @fastify/static (not installed)
 */
import { type ArgumentsHost, Catch, type ExceptionFilter, type HttpServer, ValidationPipe } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  AUDIT_SINK,
  ErrorEnvelopeFilter,
  GeneticDataInterceptor,
  REQUEST_ID_HEADER,
  RequestContext,
  validationExceptionFactory,
  type AppConfig,
  type AuditSink,
} from '#app/platform';

/** The same rule as requestIdFor() in libs/platform/src/logging/logging.ts, which writes to an Express/Node response. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** BODY_LIMIT ("512kb", "1mb", "100b") in bytes, as body-parser (the `bytes` package) reads it. */
export function bodyLimitBytes(limit: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(limit.trim());
  if (!match) throw new Error(`unexpected BODY_LIMIT ${limit}`);
  const factor = { b: 1, kb: 1024, mb: 1024 * 1024 }[match[2].toLowerCase() as 'b' | 'kb' | 'mb'];
  return Number(match[1]) * factor;
}

/**
 * The adapter, with what must run before Nest middleware already on it.
 * Pass it to NestFactory.create(…, adapter, { bodyParser: false, bufferLogs: true }),
 * then call configureFastifyApp().
 */
export function fastifyAdapterFor(config: AppConfig): FastifyAdapter {
  const hops = config.http.trustProxy;
  // A number of hops: Express and Fastify both trust the first n (Fastify's types only lack the number form).
  const trustProxy = typeof hops === 'number' ? (_address: string, hop: number) => hop < hops : hops;
  const adapter = new FastifyAdapter({ trustProxy, bodyLimit: bodyLimitBytes(config.http.bodyLimit) });
  const fastify = adapter.getInstance();
  // The request id first, so every later layer (logs, audit, outbox, errors) sees the same one.
  fastify.addHook('onRequest', (request, reply, done) => {
    const given = request.headers[REQUEST_ID_HEADER];
    const id = typeof given === 'string' && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
    reply.raw.setHeader(REQUEST_ID_HEADER, id);
    request.id = id;
    // pino-http (nestjs-pino's middleware) reads the id from the raw request, as on Express.
    (request.raw as typeof request.raw & { id?: string }).id = id;
    RequestContext.run({ requestId: id, ip: request.ip }, done);
  });
  // Queued now, loaded when Nest awaits middie's registration: its hooks come before Nest middleware.
  void fastify.register(fastifyHelmet);
  // Express only parsed JSON (useBodyParser('json')); Fastify would also accept text/plain.
  fastify.removeContentTypeParser('text/plain');
  return adapter;
}

/**
 * ErrorEnvelopeFilter unchanged, given a response with the four Express
 * members it uses, written through the adapter: the response is a Fastify
 * reply for route errors, and the raw Node response for errors thrown in Nest
 * middleware. Porting means writing through the HttpAdapterHost like this.
 */
@Catch()
export class FastifyErrorEnvelopeFilter implements ExceptionFilter {
  private readonly envelope = new ErrorEnvelopeFilter();

  constructor(private readonly adapter: HttpServer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply | ServerResponse>();
    const adapter = this.adapter;
    const response = {
      get headersSent(): boolean {
        return adapter.isHeadersSent(reply);
      },
      setHeader: (name: string, value: string) => adapter.setHeader(reply, name, value),
      status: (status: number) => ({ json: (body: unknown) => adapter.reply(reply, body, status) }),
    };
    this.envelope.catch(exception, { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as never);
  }
}

export function configureFastifyApp(app: NestFastifyApplication, config: AppConfig): NestFastifyApplication {
  app.useLogger(app.get(Logger));
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({ origin: config.http.corsOrigins, credentials: true, exposedHeaders: [REQUEST_ID_HEADER] });
  }
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new FastifyErrorEnvelopeFilter(app.getHttpAdapter()));
  app.useGlobalInterceptors(new GeneticDataInterceptor(app.get<AuditSink>(AUDIT_SINK)));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('huijia 回家')
      .setDescription(
        'Case management for the assistance, resettlement and rehabilitation of rescued victims of trafficking. ' +
          'Every failure answers `{ "error": { "code", "message", "details", "requestId" } }`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', ui: false });
  return app;
}
