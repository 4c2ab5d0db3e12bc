import type { INestApplication } from '@nestjs/common';
import { DECORATORS, DocumentBuilder, SwaggerModule, type OpenAPIObject, type SchemaObject } from '@nestjs/swagger';
import type { ErrorDefinition } from '../errors/app-error.js';
import { PlatformErrors } from '../errors/platform-errors.js';
import { GeneticErrors } from '../genetic/genetic-data.interceptor.js';

/**
 * The API as a contract a web client is generated from (`npm run openapi`):
 * every operation has a stable operationId (`files_list`), the roles that may
 * call it (`x-roles`), its success body as a schema, and every error it can
 * answer — with the envelope and, per status, the codes (`x-error-codes`).
 */

/** What the document needs to know of the application: its roles (the default `x-roles`) and its version. */
export interface ApiContractOptions {
  roles: readonly string[];
  version: string;
}

/** The api module provides its ApiContractOptions under this token; configureHttpApp reads them. */
export const API_CONTRACT = Symbol('API_CONTRACT');

/** Extensions of each operation. */
export const CONTRACT = {
  roles: 'x-roles',
  public: 'x-public',
  errorCodes: 'x-error-codes',
} as const;

/** Where @nestjs/swagger keeps an operation's extensions (its ApiExtension decorator). */
const API_EXTENSION: string = DECORATORS.API_EXTENSION;

/** The error codes an operation answers besides the standard ones (unauthenticated, validation, …); may be given several times. */
export function ApiErrors(...definitions: ErrorDefinition[]): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const existing: Record<string, unknown> = Reflect.getMetadata(API_EXTENSION, descriptor.value) ?? {};
    const codes = new Map<number, Set<string>>();
    for (const [status, list] of Object.entries((existing[CONTRACT.errorCodes] as Record<string, string[]> | undefined) ?? {})) codes.set(Number(status), new Set(list));
    for (const definition of definitions) codes.set(definition.status, new Set([...(codes.get(definition.status) ?? []), definition.code]));
    Reflect.defineMetadata(
      API_EXTENSION,
      { ...existing, [CONTRACT.errorCodes]: Object.fromEntries([...codes].map(([status, set]) => [String(status), [...set].sort()])) },
      descriptor.value,
    );
    return descriptor;
  };
}

/** `FilesController.list` → `files_list`; an explicit `@ApiOperation({ operationId })` wins. */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  const snake = (text: string) => text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return `${snake(controllerKey.replace(/Controller$/, ''))}_${snake(methodKey)}`;
}

const ENVELOPE = 'ErrorEnvelope';

const ERROR_SCHEMAS: Record<string, SchemaObject> = {
  FieldProblem: {
    type: 'object',
    description: 'One problem with one input field',
    required: ['field', 'reason'],
    properties: {
      field: { type: 'string', description: 'A dotted path: `contacts[0].phone`', example: 'person.birthDate' },
      reason: { type: 'string', description: 'Why, for people (Chinese with English beside it where shown to users)' },
    },
  },
  [ENVELOPE]: {
    type: 'object',
    description: 'Every failure answers this envelope; `code` is stable (see x-error-codes of each operation), `message` is for people.',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'details', 'requestId'],
        properties: {
          code: { type: 'string', example: 'VALIDATION_FAILED' },
          message: { type: 'string', example: '请求数据无效 / The request data is invalid' },
          details: { description: 'For 422: an array of FieldProblem naming each field; otherwise the facts of the refusal (an object) or null' },
          requestId: { type: 'string', nullable: true, description: 'The x-request-id of the request, to find it in the logs' },
        },
      },
    },
  },
};

type Operation = Record<string, any> & { responses: Record<string, any>; parameters?: unknown[]; requestBody?: unknown };

/** Completes the document Nest made: roles, public routes, and the error responses of every operation. */
export function completeContract(document: OpenAPIObject, options: { roles: readonly string[] }): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...ERROR_SCHEMAS } };
  for (const operations of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(operations) as [string, Operation][]) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      const isPublic = operation[CONTRACT.public] === true;
      const roles: string[] = isPublic ? [] : (operation[CONTRACT.roles] ?? [...options.roles]);
      operation[CONTRACT.roles] = roles;
      if (isPublic) operation.security = [];
      const codes = new Map<number, Set<string>>();
      const add = (definition: ErrorDefinition) => codes.set(definition.status, new Set([...(codes.get(definition.status) ?? []), definition.code]));
      for (const [status, list] of Object.entries((operation[CONTRACT.errorCodes] as Record<string, string[]> | undefined) ?? {})) {
        codes.set(Number(status), new Set([...(codes.get(Number(status)) ?? []), ...list]));
      }
      add(PlatformErrors.INTERNAL_ERROR);
      // Every operation records what it did or refused (R21, R22); one whose record cannot be written is refused.
      add(PlatformErrors.AUDIT_NOT_RECORDED);
      if (!isPublic) {
        add(PlatformErrors.UNAUTHENTICATED);
        codes.get(401)!.add('TOKEN_INVALID');
        if (roles.length < options.roles.length) codes.set(403, new Set([...(codes.get(403) ?? []), 'ROLE_NOT_ALLOWED']));
        // A user whose password an administrator reset must change it before anything else (libs/access AuthGuard).
        if (operation['x-before-password-change'] !== true) codes.set(403, new Set([...(codes.get(403) ?? []), 'PASSWORD_CHANGE_REQUIRED']));
      }
      const hasInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
      if (hasInput) {
        add(PlatformErrors.VALIDATION_FAILED);
        add(GeneticErrors.GENETIC_DATA_REFUSED);
      }
      // Any write may meet a unique constraint or a concurrent change (the database-error translator answers 409).
      if (method !== 'get') add(PlatformErrors.CONFLICT);
      // The request-shape guard refuses a body that is not JSON on any write.
      if (['put', 'post', 'patch'].includes(method)) add(PlatformErrors.UNSUPPORTED_MEDIA_TYPE);
      if (operation.requestBody !== undefined) {
        add(PlatformErrors.MALFORMED_JSON);
        add(PlatformErrors.PAYLOAD_TOO_LARGE);
        add(PlatformErrors.UNSUPPORTED_MEDIA_TYPE);
      }
      operation[CONTRACT.errorCodes] = Object.fromEntries([...codes].sort(([a], [b]) => a - b).map(([status, set]) => [String(status), [...set].sort()]));
      for (const [status, set] of codes) {
        operation.responses[String(status)] = {
          description: [...set].sort().join(', '),
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${ENVELOPE}` } } },
        };
      }
    }
  }
  return document;
}

/** The whole document of the api, as served at /docs-json and written by `npm run openapi`. */
export function createApiDocument(app: INestApplication, options: ApiContractOptions): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('huijia 回家')
      .setDescription(
        'Case management for the assistance, resettlement and rehabilitation of rescued victims of trafficking. ' +
          'Every failure answers `{ "error": { "code", "message", "details", "requestId" } }`; each operation lists its codes per status in `x-error-codes` ' +
          'and the roles that may call it in `x-roles`. Lists page with `{ items, nextCursor }`: pass `nextCursor` back as `cursor`.',
      )
      .setVersion(options.version)
      .addBearerAuth()
      .build(),
    { operationIdFactory: operationIdOf },
  );
  return completeContract(document, options);
}
