#!/usr/bin/env node
// Runs the tap suite on the built tests, once per Node runtime, and ends with
// the line CI reads: `N passed, N failed`, summed over the runtimes, after one
// such line per runtime. Which runtimes (scripts/node-runtimes.mjs):
//   --node SPEC (repeatable), else H2HARNESS_NODE=SPEC[,SPEC...], else the
//   Node running this script, plus the pinned Node 24 under CI=true.
// SPEC is `current`, a pinned major (`24`, `22`) or a path to a node binary.
// Other arguments are passed to tap (file filters).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { defaultSpecs, projectRoot, resolveRuntime, versionOf } from './node-runtimes.mjs';

const specs = [];
const filters = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--node') specs.push(argv[++i] ?? '');
  else if (argv[i].startsWith('--node=')) specs.push(argv[i].slice('--node='.length));
  else filters.push(argv[i]);
}

// A folder argument means the compiled tests in it, not its .d.ts and helpers.
const isDir = (p) => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
const files = filters.map((a) => (isDir(a) ? `${a.replace(/\/$/, '')}/**/*.test.js` : a));
const tapArgs = ['--reporter=tap', ...(files.length ? files : ['dist/test/**/*.test.js'])];
const tapMain = join(projectRoot, 'node_modules/tap/dist/esm/run.mjs');

/** One tap run on `node`: its stream goes through, its `# { total: … }` line is counted. */
function runTap(node) {
  return new Promise((done) => {
    // The runtime's own folder first on PATH: tap starts test files with its
    // execPath, and whatever a test starts as plain `node` is the same one.
    const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
    const child = spawn(node, [tapMain, ...tapArgs], { stdio: ['ignore', 'pipe', 'inherit'], env, cwd: projectRoot });
    let summary = null;
    createInterface({ input: child.stdout }).on('line', (line) => {
      process.stdout.write(line + '\n');
      const m = /^# \{ total: (\d+)(.*)\}$/.exec(line);
      if (m) summary = m[0];
    });
    child.on('error', (err) => console.error(`tap on ${node}: ${err.message}`));
    child.on('close', (code, signal) => {
      const count = (key) => Number((new RegExp(`${key}: (\\d+)`).exec(summary ?? '') ?? [0, 0])[1]);
      const passed = count('pass');
      let failed = count('fail');
      if (summary === null || code !== 0) failed = Math.max(failed, 1);
      if (signal) console.error(`tap ended by ${signal}`);
      done({ passed, failed });
    });
  });
}

const results = [];
for (const spec of specs.length ? specs : defaultSpecs()) {
  const started = Date.now();
  let node;
  try {
    node = resolveRuntime(spec);
  } catch (err) {
    // A runtime that cannot be had is a failed run, never a skipped one.
    console.error(`node runtime ${spec}: ${err.message}`);
    results.push({ label: `node ${spec}`, passed: 0, failed: 1, seconds: 0 });
    continue;
  }
  const label = `node ${versionOf(node) ?? spec}`;
  console.log(`# runtime: ${label} (${node})`);
  const r = await runTap(node);
  results.push({ label, ...r, seconds: Math.round((Date.now() - started) / 1000) });
}

for (const r of results) console.log(`# ${r.label}: ${r.passed} passed, ${r.failed} failed in ${r.seconds} s`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
