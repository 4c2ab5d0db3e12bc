import { auditDetails, auditFileIds, auditJson, auditText, MAX_AUDIT_DEPTH, MAX_AUDIT_ITEMS, MAX_AUDIT_TEXT } from './audit-sanitise.js';

/** What PostgreSQL's jsonb refuses: a NUL escape or a lone surrogate anywhere in the JSON text. */
function jsonbWouldRefuse(value: unknown): boolean {
  const text = JSON.stringify(value);
  return /\\u0000/.test(text) || /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i.test(text) || /(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i.test(text);
}

describe('R21, R22: what goes into an audit record is made safe in one place', () => {
  it('replaces lone surrogates with U+FFFD, keeps surrogate pairs, and drops NUL', () => {
    expect(auditText('li\ud800ming')).toBe('li\ufffdming');
    expect(auditText('\udc00x\ud800')).toBe('\ufffdx\ufffd');
    expect(auditText('王😀小明')).toBe('王😀小明');
    expect(auditText('ab\u0000cd')).toBe('abcd');
    expect(jsonbWouldRefuse(auditText('a\ud800\u0000b'))).toBe(false);
  });

  it('bounds absurd sizes, saying how much was cut, without splitting a surrogate pair', () => {
    const cut = auditText('x'.repeat(MAX_AUDIT_TEXT + 500));
    expect(cut.startsWith('x'.repeat(MAX_AUDIT_TEXT))).toBe(true);
    expect(cut).toMatch(/…\[500 more characters cut\]$/);
    const pair = auditText('x'.repeat(MAX_AUDIT_TEXT - 1) + '😀', MAX_AUDIT_TEXT);
    expect(pair).toMatch(/^x+…\[2 more characters cut\]$/);
  });

  it('makes details plain JSON: keys and strings cleaned, undefined and functions left out, bigints and dates as text, non-finite numbers null', () => {
    const details = auditDetails({
      'k\u0000ey': 'v\ud800',
      filters: { q: '王\udfff', state: undefined },
      when: new Date('2026-11-23T08:00:00Z'),
      count: 10n,
      ratio: Number.NaN,
      run: () => 1,
      list: ['a\u0000', undefined, 2],
    });
    expect(details).toEqual({
      key: 'v\ufffd',
      filters: { q: '王\ufffd' },
      when: '2026-11-23T08:00:00.000Z',
      count: '10',
      ratio: null,
      list: ['a', null, 2],
    });
    expect(jsonbWouldRefuse(details)).toBe(false);
  });

  it('survives cycles, depth and breadth an attacker could build', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    expect(auditJson(cyclic)).toEqual({ name: 'a', self: '[circular]' });
    // A shared (not cyclic) reference is kept twice.
    const shared = { x: 1 };
    expect(auditJson({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });

    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let level = auditJson(deep);
    for (let i = 0; i < MAX_AUDIT_DEPTH; i++) level = (level as unknown[])[0];
    expect(level).toBe('[nested too deep]');

    const wide = auditJson(Array.from({ length: MAX_AUDIT_ITEMS + 3 }, (_, i) => i)) as unknown[];
    expect(wide).toHaveLength(MAX_AUDIT_ITEMS + 1);
    expect(wide.at(-1)).toBe('[3 more items cut]');
    const many = auditJson(Object.fromEntries(Array.from({ length: MAX_AUDIT_ITEMS + 2 }, (_, i) => [`k${i}`, i]))) as Record<string, unknown>;
    expect(many['[cut]']).toBe('2 more keys cut');
  });

  it('details are always an object, and file ids that are not uuids are kept apart instead of failing the uuid[] column', () => {
    expect(auditDetails(undefined)).toEqual({});
    expect(auditDetails('text' as never)).toEqual({ value: 'text' });
    expect(auditFileIds(['B0F2AE7E-7B6C-4A5E-9E37-0B0D1B9D1F11', 'b0f2ae7e-7b6c-4a5e-9e37-0b0d1b9d1f11', '../etc\u0000'])).toEqual({
      fileIds: ['b0f2ae7e-7b6c-4a5e-9e37-0b0d1b9d1f11'],
      invalid: ['../etc'],
    });
  });
});
