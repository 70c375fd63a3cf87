#!/usr/bin/env node
// Accepts in the baseline what third-party built-in targets (node, nghttpd,
// nginx, h2o, apache, haproxy, caddy) failed in one or more runs, each with
// a reason drawn from what the run observed: what the server did (h2spec's
// `actual`, or the interop failure), what the RFC requires (the requirement
// h2spec quotes) and what h2spec --strict accepts. A case that was flaky
// (failed, then passed on re-run) or failed in only some of the runs is
// accepted too, and its reason says so: several servers answer some cases
// differently from run to run, and one run alone would leave them out.
// Existing entries and their reasons are kept; nothing is removed (that is
// `h2harness baseline update`'s job). Our own target and users' servers are
// never touched: their failures are not someone else's defect.
//   node scripts/accept-target-failures.mjs BASELINE RUN_DIR [RUN_DIR…] [--targets a,b]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const at = args.indexOf('--targets');
const THIRD_PARTY = ['node', 'nghttpd', 'nginx', 'h2o', 'apache', 'haproxy', 'caddy'];
const only = at >= 0 ? args.splice(at, 2)[1].split(',') : THIRD_PARTY;
const [baselineFile, ...runDirs] = args;
if (!baselineFile || runDirs.length === 0) {
  console.error('usage: node scripts/accept-target-failures.mjs BASELINE RUN_DIR [RUN_DIR…] [--targets a,b]');
  process.exit(2);
}
const targets = new Set(only.filter((t) => THIRD_PARTY.includes(t)));
const baseline = JSON.parse(readFileSync(baselineFile, 'utf8'));
const key = (target, stage, id) => JSON.stringify([target, stage, id]);

// key → { target, stage, id, seen: [{ run, c, version }] }
const bad = new Map();
for (const dir of runDirs) {
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  const versions = new Map(report.targets.map((t) => [t.name, t.version]));
  for (const stage of report.stages) {
    for (const c of stage.cases) {
      if (!targets.has(c.target) || (c.outcome !== 'failed' && c.outcome !== 'flaky')) continue;
      const k = key(c.target, stage.name, c.id);
      if (!bad.has(k)) bad.set(k, { target: c.target, stage: stage.name, id: c.id, seen: [] });
      bad.get(k).seen.push({ run: report.run.id, c, version: versions.get(c.target) });
    }
  }
}

// h2spec numbers its http2 cases by RFC 7540's sections (RFC 9113 keeps the
// requirements, renumbered), its hpack cases by RFC 7541's, and its generic
// cases by a numbering of its own.
const numbering = (id) => (id.startsWith('hpack/') ? 'RFC 7541' : id.startsWith('generic/') ? "h2spec's generic suite" : 'RFC 7540 (as h2spec numbers it; RFC 9113 keeps the requirement)');
function reason({ target, seen }) {
  const { c, version } = seen[0];
  const who = `${target}${version ? ` ${version}` : ''}`;
  const f = c.failure;
  const failed = seen.filter((s) => s.c.outcome === 'failed').length;
  const flaky = seen.length - failed;
  const passed = runDirs.length - seen.length;
  const how =
    failed === runDirs.length
      ? ''
      : ` Not every time: of ${runDirs.length} runs, it failed in ${failed}, failed then passed on re-run in ${flaky}, passed in ${passed}.`;
  if (f.expected) {
    const section = c.section ? ` §${c.section}${c.sectionTitle ? ` (${c.sectionTitle})` : ''}` : '';
    return `${who} answers '${f.actual ?? 'nothing'}' to "${c.description}"; ${numbering(c.id)}${section}: ${f.message} h2spec --strict accepts only ${f.expected.join(' or ')}.${how} A defect of that server, not ours to fix`;
  }
  return `${who}: ${c.description}: ${f.message}.${how} A defect or limit of that server, not ours to fix`;
}

let added = 0;
const grown = new Set();
for (const entry of bad.values()) {
  const list = (baseline.targets[entry.target] ??= []);
  if (list.some((e) => e.stage === entry.stage && e.case === entry.id)) continue;
  list.push({ stage: entry.stage, case: entry.id, reason: reason(entry) });
  grown.add(list);
  added++;
}
// The order `baseline update` writes; lists nothing was added to stay as they were.
for (const list of grown) list.sort((a, b) => a.stage.localeCompare(b.stage) || a.case.localeCompare(b.case, 'en', { numeric: true }));
writeFileSync(baselineFile, `${JSON.stringify(baseline, null, 2)}\n`);
console.log(`${added} entries added to ${baselineFile} from ${runDirs.length} run(s)`);
