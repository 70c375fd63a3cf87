#!/usr/bin/env node
// Fills in the reasons `h2harness baseline update` leaves as placeholders
// (`… (TODO: say why it is accepted)`) for the built-in third-party
// targets (node, nghttpd and the real servers), from what the run observed:
// what the server did (h2spec's `actual`, or the interop failure), what the
// RFC requires (the requirement h2spec quotes) and what h2spec accepts.
// Our own target (`ref`) and servers of a user are left alone: their
// failures are not someone else's defect.
//   node scripts/baseline-reasons.mjs [RUN_DIR (reports/latest)] [BASELINE (reports/baseline.json)]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const runDir = process.argv[2] ?? 'reports/latest';
const baselineFile = process.argv[3] ?? 'reports/baseline.json';
const THIRD_PARTY = new Set(['node', 'nghttpd', 'nginx', 'h2o', 'apache', 'haproxy', 'caddy']);
const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8'));
const baseline = JSON.parse(readFileSync(baselineFile, 'utf8'));
const versions = new Map(report.targets.map((t) => [t.name, t.version]));
const cases = new Map();
for (const stage of report.stages) for (const c of stage.cases) cases.set(JSON.stringify([c.target, stage.name, c.id]), { stage, c });

const rfc = (id) => (id.startsWith('hpack/') ? 'RFC 7541' : 'RFC 9113');
function reasonFor(target, entry) {
  const found = cases.get(JSON.stringify([target, entry.stage, entry.case]));
  if (!found || !found.c.failure) return undefined;
  const { c } = found;
  const who = `${target}${versions.get(target) ? ` ${versions.get(target)}` : ''}`;
  const f = c.failure;
  if (f.expected) {
    const section = c.section ? ` §${c.section}${c.sectionTitle ? ` (${c.sectionTitle})` : ''}` : '';
    return `${who} answers '${f.actual ?? 'nothing'}' to "${c.description}"; ${rfc(c.id)}${section}: ${f.message} h2spec --strict accepts only ${f.expected.join(' or ')}. A defect of that server, not ours to fix`;
  }
  return `${who}: ${c.description}: ${f.message}. A defect or limit of that server, not ours to fix`;
}

let filled = 0;
for (const [target, entries] of Object.entries(baseline.targets)) {
  if (!THIRD_PARTY.has(target)) continue;
  for (const entry of entries) {
    if (!entry.reason.includes('(TODO')) continue;
    const reason = reasonFor(target, entry);
    if (reason) {
      entry.reason = reason;
      filled++;
    }
  }
}
writeFileSync(baselineFile, `${JSON.stringify(baseline, null, 2)}\n`);
const left = Object.values(baseline.targets).flat().filter((e) => e.reason.includes('(TODO')).length;
console.log(`${filled} reasons filled from ${runDir}; ${left} placeholders left for a person`);
