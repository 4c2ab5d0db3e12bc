import { AppError } from '../errors/app-error.js';
import { checkShape, REQUEST_SHAPE_LIMITS } from './request-shape.guard.js';

/** The field a refusal names. */
function refusedField(value: unknown): string {
  try {
    checkShape(value, '');
  } catch (error) {
    return ((error as AppError).details as Array<{ field: string }>)[0].field;
  }
  throw new Error('not refused');
}

describe('issue 12 §1: the shape of a request', () => {
  it('names the path of a bad string the way validation does (contacts[0].phone)', () => {
    expect(refusedField({ person: { contacts: [{ phone: '138\u0000' }] } })).toBe('person.contacts[0].phone');
    expect(refusedField({ names: ['ok', '\udc00'] })).toBe('names[1]');
    expect(refusedField({ ['ke\u0000y']: 1 })).toBe('ke\u0000y');
  });

  it('keeps a well-formed surrogate pair (an emoji, a rare 𠀀 character)', () => {
    expect(checkShape({ name: '𠀀 😀' }, '')).toEqual({ name: '𠀀 😀' });
  });

  it('normalises every string to NFC in place, however deep', () => {
    const body = { person: { aliases: [{ name: 'Nguye\u0302\u0303n' }] } };
    checkShape(body, '');
    expect(body.person.aliases[0].name).toBe('Nguyễn');
  });

  it('refuses depth and size without recursion: a 100,000-deep array is a 422, not a stack overflow', () => {
    let deep: unknown[] = [];
    const root = deep;
    for (let level = 0; level < 100_000; level++) {
      const next: unknown[] = [];
      deep.push(next);
      deep = next;
    }
    expect(() => checkShape(root, '')).toThrow(AppError);
    expect(() => checkShape({ many: Array.from({ length: REQUEST_SHAPE_LIMITS.maxNodes }, () => 0) }, '')).toThrow(AppError);
    expect(() => checkShape({ fine: Array.from({ length: REQUEST_SHAPE_LIMITS.maxNodes - 1 }, () => 0) }, '')).not.toThrow();
  });
});
