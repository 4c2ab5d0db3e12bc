#!/usr/bin/env node
/**
 * Runs npm scripts side by side and fails when any of them fails:
 *   node tools/run-parallel.mjs typecheck:node lint:eslint …
 * The compiler, the linter and the bundler each keep one core busy at most,
 * so on CI's two cores `npm test`'s checks finish in about half the time when
 * they overlap. Each script's output is printed whole when it ends, not
 * interleaved, under its name.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: node tools/run-parallel.mjs <npm script> …');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      const status = code === 0 ? 'ok' : `failed (${signal ?? `exit ${code}`})`;
      const text = Buffer.concat(output).toString();
      process.stdout.write(`── ${script}: ${status} in ${seconds} s\n${text}${text && !text.endsWith('\n') ? '\n' : ''}`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(scripts.map(run));
process.exit(results.every(Boolean) ? 0 : 1);
