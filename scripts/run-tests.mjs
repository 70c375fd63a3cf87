#!/usr/bin/env node
// Runs the tap suite on the built tests and ends with the line CI reads:
// `N passed, N failed`. Extra arguments are passed to tap (file filters).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { statSync } from 'node:fs';

// A folder argument means the compiled tests in it, not its .d.ts and helpers.
const isDir = (p) => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
const files = process.argv.slice(2).map((a) => (isDir(a) ? `${a.replace(/\/$/, '')}/**/*.test.js` : a));
const args = ['--reporter=tap', ...(files.length ? files : ['dist/test/**/*.test.js'])];
const child = spawn('node_modules/.bin/tap', args, { stdio: ['ignore', 'pipe', 'inherit'] });
let summary = null;
const lines = createInterface({ input: child.stdout });
lines.on('line', (line) => {
  process.stdout.write(line + '\n');
  const m = /^# \{ total: (\d+)(.*)\}$/.exec(line);
  if (m) summary = m[0];
});
child.on('close', (code, signal) => {
  const count = (key) => Number((new RegExp(`${key}: (\\d+)`).exec(summary ?? '') ?? [0, 0])[1]);
  const passed = count('pass');
  let failed = count('fail');
  if (summary === null || code !== 0) failed = Math.max(failed, 1);
  if (signal) console.error(`tap ended by ${signal}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
});
