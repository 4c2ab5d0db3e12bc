import { jest } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ErrorEnvelopeFilter, mapException } from './error-envelope.filter.js';

/** What node-postgres throws: a DatabaseError with the server's fields. */
function pgError(code: string, fields: { column?: string; detail?: string; constraint?: string } = {}): Error {
  return Object.assign(new Error(`pg ${code}`), { severity: 'ERROR', code, ...fields });
}

/** As TypeORM hands it on: the driver's error inside a QueryFailedError. */
function queryFailed(code: string, fields: { column?: string; detail?: string; constraint?: string } = {}): QueryFailedError {
  return new QueryFailedError('INSERT …', [], pgError(code, fields));
}

describe('issue 12 §1: database refusals are the caller’s problem, never a 500', () => {
  it('maps a foreign-key violation to 422 naming the field the column stands for', () => {
    const mapped = mapException(queryFailed('23503', { detail: 'Key (reported_to_organisation_id)=(3f1c…) is not present in table "organisation".' }));
    expect(mapped).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', details: [{ field: 'reportedToOrganisationId' }] });
  });

  it('maps deleting what is still referred to, a unique violation and a serialization failure to 409', () => {
    expect(mapException(queryFailed('23503', { detail: 'Key (id)=(1) is still referenced from table "x".' })).status).toBe(409);
    expect(mapException(queryFailed('23505', { detail: 'Key (username)=(li) already exists.' }))).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      details: { field: 'username' },
    });
    expect(mapException(pgError('40001')).status).toBe(409);
  });

  it.each([
    ['23514', 'a check constraint'],
    ['23502', 'a not-null constraint'],
    ['22001', 'a string too long'],
    ['22003', 'a number out of range'],
    ['22007', 'a malformed date'],
    ['22008', 'a date out of range'],
    ['22P02', 'invalid text for the type'],
    ['22021', 'a bad byte sequence'],
  ])('maps %s (%s) to 422', (code) => {
    expect(mapException(queryFailed(code, { column: 'handed_over_at' }))).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', details: [{ field: 'handedOverAt' }] });
  });

  it('finds the database error behind a cause', () => {
    expect(mapException(new Error('transaction failed', { cause: queryFailed('22003') })).status).toBe(422);
  });

  it('leaves other errors a 500, and an error that merely has a code is not a database error', () => {
    expect(mapException(queryFailed('53300')).status).toBe(500);
    expect(mapException(Object.assign(new Error('fs'), { code: 'ENOENT' })).status).toBe(500);
  });

  it('logs a 500 with the request id, the route and the cause, and answers without internals', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const sent: { status?: number; body?: any } = {};
    const response = {
      headersSent: false,
      setHeader: () => undefined,
      status(status: number) {
        sent.status = status;
        return this;
      },
      json(body: unknown) {
        sent.body = body;
      },
    };
    const host = { switchToHttp: () => ({ getRequest: () => ({ id: 'req-42', method: 'GET', path: '/files' }), getResponse: () => response }) } as unknown as ArgumentsHost;
    const cause = new TypeError("Cannot read properties of undefined (reading 'name')");
    new ErrorEnvelopeFilter().catch(cause, host);
    expect(sent.status).toBe(500);
    expect(sent.body.error).toEqual({ code: 'INTERNAL_ERROR', message: expect.any(String), details: null, requestId: 'req-42' });
    expect(logged).toHaveBeenCalledWith({ err: cause, requestId: 'req-42', route: 'GET /files' }, 'unhandled error');
    logged.mockRestore();
  });
});
