/**
 * The JavaScript budget (issue 13, WEB.md §9), read from the build's manifest:
 * everything a route loads — the entry and its static imports, then the
 * route's lazy modules and theirs — gzipped and summed. Exit 1 over budget.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = process.argv[2] ?? 'dist/web';
const manifest = JSON.parse(readFileSync(path.join(root, '.vite', 'manifest.json'), 'utf8'));
const KB = 1024;
const ROUTES = {
  'sign-in': { modules: ['src/features/auth/pages/LoginPage.tsx'], budget: 200 * KB },
  workbench: { modules: ['src/app/layouts/Shell.tsx', 'src/features/workbench/pages/WorkbenchPage.tsx'], budget: 250 * KB },
};

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build's manifest`);
    seen.add(key);
    closure(chunk.imports ?? [], seen);
  }
  return seen;
}

const gzipped = (file) => gzipSync(readFileSync(path.join(root, file))).length;
let failed = false;
for (const [name, route] of Object.entries(ROUTES)) {
  const files = [...closure(['index.html', ...route.modules])].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
  const total = files.reduce((sum, file) => sum + gzipped(file), 0);
  const over = total > route.budget;
  failed ||= over;
  process.stdout.write(`${over ? 'OVER' : 'ok  '} ${name}: ${(total / KB).toFixed(1)} KB of JavaScript gzipped in ${files.length} files (budget ${route.budget / KB} KB)\n`);
}
process.exit(failed ? 1 : 0);
