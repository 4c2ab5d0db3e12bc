import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { NextFunction, Request, Response } from 'express';
import { REPO_ROOT } from './processes.js';

/**
 * The OpenAPI document as a test oracle: every JSON response an e2e test
 * receives is validated against the schema its operation documents for that
 * status (closed: a field the document does not name is a violation too),
 * and an error's code must be one the operation lists in `x-error-codes`.
 */
type Schema = Record<string, any>;
type Document = { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } };

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let document: Document | undefined;

/**
 * The document of the built api (dist/openapi.json, written by `npm test`
 * after the build, as `npm run openapi` writes it for the web client): the
 * swagger compiler plugin runs in the build, not under ts-jest, so this — not
 * the /docs-json of an app the tests start from sources — is the contract.
 */
export function builtDocument(): Document {
  if (!document) {
    const file = path.join(REPO_ROOT, 'dist', 'openapi.json');
    try {
      document = JSON.parse(readFileSync(file, 'utf8')) as Document;
    } catch (error) {
      throw new Error(`${file} is missing: run the tests with npm test, which builds the api and writes its OpenAPI document first`, { cause: error });
    }
  }
  return document;
}

/** OpenAPI 3.0 → JSON Schema for Ajv: `nullable` as "or null" (also around allOf/$ref), closed objects, refs into one registered document. */
function normalise(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(normalise);
  if (!schema || typeof schema !== 'object') return schema;
  const source = schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'example' || key === 'examples') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/components/schemas/', 'openapi#/components/schemas/');
    else out[key] = normalise(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

export interface ContractViolation {
  operation: string;
  status: number;
  problem: string;
}

export class ContractOracle {
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  private readonly compiled = new Map<string, ValidateFunction | null>();
  readonly violations: ContractViolation[] = [];

  constructor(private readonly document: Document) {
    this.ajv.addSchema({ $id: 'openapi', components: { schemas: normalise(document.components?.schemas ?? {}) } });
  }

  /** Express middleware: checks every JSON body sent on a documented route. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        const route = (req as Request & { route?: { path?: string } }).route?.path;
        // As the client receives it: dates become strings, undefined fields vanish.
        if (typeof route === 'string') {
          try {
            this.check(req.method.toLowerCase(), route, res.statusCode, body === undefined ? undefined : JSON.parse(JSON.stringify(body)));
          } catch (error) {
            // The oracle never breaks the request it watches: a schema it cannot compile is a violation too.
            this.violations.push({ operation: `${req.method} ${route}`, status: res.statusCode, problem: `the documented schema does not compile: ${(error as Error).message}` });
          }
        }
        return json(body);
      };
      next();
    };
  }

  check(method: string, expressPath: string, status: number, body: unknown): void {
    const path = expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const operation = this.document.paths[path]?.[method];
    if (!operation) return; // not an api operation (the queue dashboard, the docs)
    const name = `${method.toUpperCase()} ${path}`;
    const response = operation.responses?.[String(status)];
    if (!response) {
      this.violations.push({ operation: name, status, problem: `status ${status} is not documented` });
      return;
    }
    if (status >= 400) {
      const code = (body as { error?: { code?: string } })?.error?.code;
      const listed: string[] = operation['x-error-codes']?.[String(status)] ?? [];
      if (!code || !listed.includes(code))
        this.violations.push({ operation: name, status, problem: `error code ${code} is not in x-error-codes[${status}] (${listed.join(', ')})` });
    }
    const validate = this.validator(`${name} ${status}`, response.content?.['application/json']?.schema);
    if (!validate) {
      this.violations.push({ operation: name, status, problem: 'a JSON body where the document has none' });
      return;
    }
    if (!validate(body)) {
      const problems = (validate.errors ?? [])
        .slice(0, 5)
        .map(
          (error) =>
            `${error.instancePath || '(body)'} ${error.message}${error.params && 'additionalProperty' in error.params ? ` '${String(error.params.additionalProperty)}'` : ''}`,
        );
      this.violations.push({ operation: name, status, problem: problems.join('; ') });
    }
  }

  private validator(key: string, schema: Schema | undefined): ValidateFunction | null {
    if (!this.compiled.has(key)) this.compiled.set(key, schema ? this.ajv.compile(normalise(schema) as Schema) : null);
    return this.compiled.get(key)!;
  }

  /** The violations, one line each, at most `max`. */
  report(max = 30): string {
    const unique = [...new Set(this.violations.map((v) => `${v.operation} → ${v.status}: ${v.problem}`))];
    return unique.slice(0, max).join('\n') + (unique.length > max ? `\n… and ${unique.length - max} more` : '');
  }
}
