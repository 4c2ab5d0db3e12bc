/**
 * i18n rules (WEB.md §6), checked on the sources: English has exactly the
 * keys of the zh-CN source in every namespace, and no .tsx holds a CJK
 * literal (every word people read goes through a locale file or comes from the API).
 */
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function files(dir: string, ending: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : files(full, ending);
    return entry.name.endsWith(ending) ? [full] : [];
  });
}

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
}

test('English has the same keys as the zh-CN source, in every namespace', () => {
  const sources = files(SRC, 'zh-CN.json');
  expect(sources.length).toBeGreaterThanOrEqual(4);
  for (const source of sources) {
    const english = source.replace(/zh-CN\.json$/, 'en.json');
    const read = (file: string) => keys(JSON.parse(readFileSync(file, 'utf8'))).sort();
    expect(read(english), path.relative(SRC, english)).toEqual(read(source));
  }
});

test('no .tsx holds a Chinese literal', () => {
  const offenders = files(SRC, '.tsx').flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => /[\u3400-\u9fff]/.test(line.replace(/\/\/.*$|\/\*.*?\*\/|^\s*\*.*$/g, '')))
      .map(({ index }) => `${path.relative(SRC, file)}:${index + 1}`),
  );
  expect(offenders).toEqual([]);
});
