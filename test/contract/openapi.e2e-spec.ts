/**
 * The API is a contract a web client is generated from (`npm run openapi`):
 * every operation names itself, says who may call it, types its success body
 * and lists its errors. Every e2e response is checked against it too
 * (test/support/contract.ts), so the document cannot drift from the code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { builtDocument } from '../support/contract.js';

type Schema = Record<string, any>;
const document = builtDocument() as { paths: Record<string, Record<string, Schema>>; components: { schemas: Record<string, Schema> } };
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
);

function resolve(schema: Schema): Schema {
  if (schema?.$ref) return resolve(document.components.schemas[String(schema.$ref).replace('#/components/schemas/', '')]);
  if (schema?.allOf?.length === 1) return resolve(schema.allOf[0]);
  return schema;
}

/** Where a schema leaves an object open without saying so: `{ type: 'object' }` alone (a Record<string, unknown> across the boundary). */
function untypedParts(schema: Schema, where: string, seen = new Set<Schema>()): string[] {
  const resolved = resolve(schema);
  if (!resolved || seen.has(resolved)) return [];
  seen.add(resolved);
  const problems: string[] = [];
  if (resolved.type === 'object' && !resolved.properties && resolved.additionalProperties === undefined) problems.push(`${where} is an object without properties`);
  for (const [key, property] of Object.entries<Schema>(resolved.properties ?? {})) problems.push(...untypedParts(property, `${where}.${key}`, seen));
  if (resolved.items) problems.push(...untypedParts(resolved.items, `${where}[]`, seen));
  for (const branch of [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])]) problems.push(...untypedParts(branch, where, seen));
  if (typeof resolved.additionalProperties === 'object') problems.push(...untypedParts(resolved.additionalProperties, `${where}{}`, seen));
  return problems;
}

describe('the OpenAPI contract', () => {
  it('names every operation once, in snake_case after its capability (files_list, referrals_accept)', () => {
    const ids = operations.map(({ operation }) => operation.operationId as string);
    expect(ids.filter((id) => !/^[a-z]+(_[a-z]+)+$/.test(id))).toEqual([]);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('says who may call each operation (x-roles), and marks the public ones', () => {
    const missing = operations.filter(({ operation }) => !Array.isArray(operation['x-roles']) || (operation['x-roles'].length === 0 && operation['x-public'] !== true));
    expect(missing.map(({ name }) => name)).toEqual([]);
  });

  it('types every success body: a schema of named fields, a documented 204, or a stream', () => {
    const problems: string[] = [];
    for (const { name, operation } of operations) {
      const success = Object.entries<Schema>(operation.responses).filter(([status]) => status.startsWith('2'));
      if (success.length !== 1) problems.push(`${name}: ${success.length} success responses`);
      for (const [status, response] of success) {
        const content = response.content ?? {};
        if (status === '204') {
          if (Object.keys(content).length > 0) problems.push(`${name}: 204 with a body`);
          continue;
        }
        if (
          content['text/event-stream'] ||
          content['application/octet-stream'] ||
          Object.keys(content).some((type) => type.startsWith('text/csv') || type.includes('spreadsheetml'))
        )
          continue;
        const schema = content['application/json']?.schema;
        if (!schema) {
          problems.push(`${name}: ${status} without a JSON schema`);
          continue;
        }
        problems.push(...untypedParts(schema, `${name} ${status}`));
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents every error response with the envelope and its codes', () => {
    const problems: string[] = [];
    for (const { name, operation } of operations) {
      const codes: Record<string, string[]> = operation['x-error-codes'] ?? {};
      if (!codes['500']) problems.push(`${name}: no 500`);
      if (operation['x-public'] !== true && !codes['401']) problems.push(`${name}: no 401`);
      for (const [status, list] of Object.entries(codes)) {
        const schema = operation.responses[status]?.content?.['application/json']?.schema;
        if (schema?.$ref !== '#/components/schemas/ErrorEnvelope') problems.push(`${name}: ${status} without the error envelope`);
        if (list.length === 0) problems.push(`${name}: ${status} without codes`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('resolves every reference to a schema of the document', () => {
    const dangling = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && !document.components.schemas[value.replace('#/components/schemas/', '')]) dangling.add(value);
        else walk(value);
      }
    };
    walk(document);
    expect([...dangling]).toEqual([]);
  });

  it('pages every list with one shape: { items, nextCursor } and limit/cursor', () => {
    const problems: string[] = [];
    for (const { name, operation } of operations) {
      if (!name.startsWith('GET ')) continue;
      const schema = resolve(operation.responses['200']?.content?.['application/json']?.schema ?? {});
      if (schema.type === 'array') problems.push(`${name}: answers a bare array`);
      if (schema.properties?.items) {
        const parameters: string[] = (operation.parameters ?? []).map((parameter: Schema) => parameter.name);
        if (!schema.properties.nextCursor || !parameters.includes('limit') || !parameters.includes('cursor')) problems.push(`${name}: a list without nextCursor, limit and cursor`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('names every class of the API once: two of one name would share one schema in the document, the second silently lost', () => {
    const where = new Map<string, string[]>();
    for (const root of ['libs', 'apps/api/src']) {
      for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
        for (const [, name] of readFileSync(path.join(root, file), 'utf8').matchAll(/^export class (\w+)/gm)) where.set(name, [...(where.get(name) ?? []), path.join(root, file)]);
      }
    }
    expect([...where].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});
