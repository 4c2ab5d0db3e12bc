import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors/app-error.js';
import { PlatformErrors } from '../errors/platform-errors.js';
import { GENETIC_MEDIA_TYPES } from '../genetic/genetic-data.interceptor.js';

/**
 * The shape every request must have before anything else reads it: the JSON
 * body, the query and the path. Deep or huge bodies are refused before the
 * recursive readers (class-transformer, the genetic-data scanner) see them;
 * a NUL (PostgreSQL refuses 0x00) or a lone UTF-16 surrogate (not text) is a
 * 422 naming the field; every string is normalised to NFC, so a name typed
 * decomposed is stored and matched as the same name.
 */
export const REQUEST_SHAPE_LIMITS = {
  /** Objects and arrays inside one another; huijia's deepest body is 4. */
  maxDepth: 32,
  /** Keys, elements and values in one body or query altogether. */
  maxNodes: 10_000,
} as const;

const NUL = '\u0000';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

type Container = Record<string, unknown> | unknown[];

function refuse(field: string, reason: string): AppError {
  return AppError.field(PlatformErrors.VALIDATION_FAILED, field, reason);
}

function childPath(parent: string, key: string, inArray: boolean): string {
  if (inArray) return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** Why a string may not enter, or null when it may. */
export function textProblem(value: string): string | null {
  if (value.includes(NUL)) return '不得包含 NUL 字符 / must not contain a NUL (\\u0000) character';
  if (LONE_SURROGATE.test(value)) return '含有无效的 Unicode 字符 / must not contain a lone UTF-16 surrogate';
  return null;
}

/**
 * Walks a parsed body or query without recursion (no stack to overflow),
 * checks every key and string and replaces strings by their NFC form in place.
 * Returns the value to use (a top-level string is returned normalised).
 */
export function checkShape(root: unknown, rootPath: string): unknown {
  if (typeof root === 'string') {
    const problem = textProblem(root);
    if (problem) throw refuse(rootPath || '(body)', problem);
    return root.normalize('NFC');
  }
  if (root === null || typeof root !== 'object') return root;
  let nodes = 0;
  const pending: Array<{ container: Container; path: string; depth: number }> = [{ container: root as Container, path: rootPath, depth: 1 }];
  while (pending.length > 0) {
    const { container, path, depth } = pending.pop()!;
    if (depth > REQUEST_SHAPE_LIMITS.maxDepth) {
      throw refuse(path || '(body)', `嵌套层级过深（最多 ${REQUEST_SHAPE_LIMITS.maxDepth} 层）/ nested too deep (at most ${REQUEST_SHAPE_LIMITS.maxDepth} levels)`);
    }
    const inArray = Array.isArray(container);
    const keys = inArray ? container.map((_, index) => String(index)) : Object.keys(container);
    nodes += keys.length;
    if (nodes > REQUEST_SHAPE_LIMITS.maxNodes) {
      throw refuse(path || '(body)', `字段或元素过多（最多 ${REQUEST_SHAPE_LIMITS.maxNodes} 个）/ too many fields or elements (at most ${REQUEST_SHAPE_LIMITS.maxNodes})`);
    }
    for (const key of keys) {
      const field = childPath(path, key, inArray);
      if (!inArray) {
        const keyProblem = textProblem(key);
        if (keyProblem) throw refuse(field, keyProblem);
      }
      const value = (container as Record<string, unknown>)[key];
      if (typeof value === 'string') {
        const problem = textProblem(value);
        if (problem) throw refuse(field, problem);
        const normalised = value.normalize('NFC');
        if (normalised !== value) (container as Record<string, unknown>)[key] = normalised;
      } else if (value !== null && typeof value === 'object') {
        pending.push({ container: value as Container, path: field, depth: depth + 1 });
      }
    }
  }
  return root;
}

/** The path's segments as the router will decode them; a segment that does not decode is refused like a bad character. */
function checkPath(rawPath: string): void {
  for (const segment of rawPath.split('/')) {
    if (segment === '') continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw refuse('path', '路径含有无效的编码 / the path is not valid percent-encoded UTF-8');
    }
    const problem = textProblem(decoded);
    if (problem) throw refuse('path', problem);
  }
}

/** As body-parser decides it: a chunked body, or a length above zero. */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Express middleware, installed right after the JSON body parser. A body the
 * JSON parser left alone (form-encoded, text) on a write is 415: every route
 * of huijia takes JSON.
 */
export function requestShapeGuard() {
  return (req: Request, _res: Response, next: NextFunction) => {
    try {
      checkPath(req.path);
      // R9 comes first: a genetic file goes on to the genetic-data interceptor, which refuses and audits it as such.
      const geneticFile = GENETIC_MEDIA_TYPES.test(req.headers['content-type'] ?? '');
      if (WRITE_METHODS.has(req.method) && req.body === undefined && hasBody(req) && !geneticFile) {
        throw new AppError(PlatformErrors.UNSUPPORTED_MEDIA_TYPE, {
          details: { reason: `请求体须为 JSON / the body must be application/json, not ${req.headers['content-type'] ?? 'untyped'}` },
        });
      }
      if (req.body !== undefined) req.body = checkShape(req.body, '');
      // Express 5 parses the query anew on each read: check it once and keep the checked, normalised copy.
      const query = checkShape(req.query, '');
      Object.defineProperty(req, 'query', { value: query, writable: true, configurable: true, enumerable: true });
      next();
    } catch (error) {
      next(error);
    }
  };
}
