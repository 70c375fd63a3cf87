// summary.md, for a pull-request comment: the verdict first, a totals table
// per stage and target, then what a reviewer acts on: regressions, fixed
// (update the baseline), flaky, stages not run with the command that
// installs what they need, and the fuzzers' findings.
import type { CaseRef, Report, StageResult } from './report-model.js';
import { countCases, runPassed, stageTargets } from './report-totals.js';

/** A table cell: pipes and line breaks would end the cell or the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Inline code that survives backticks in the text (CommonMark: a longer fence). */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function headline(report: Report): string {
  const cmp = report.baseline;
  if (!report.run.complete) return `## ❌ h2harness: incomplete run (${report.run.interruption ?? 'interrupted'})`;
  if (runPassed(report)) {
    const fixed = cmp && cmp.fixed.length > 0 ? `, ${cmp.fixed.length} fixed` : '';
    return `## ✅ h2harness: passed${fixed}`;
  }
  if (cmp) return `## ❌ h2harness: ${cmp.regressions.length} regression(s), ${cmp.brokenStages.length} broken stage(s)`;
  return '## ❌ h2harness: failed';
}

/** `nginx 1.22.1, h2o 2.2.5`, and the targets left out: `not run: caddy (…)`. */
function targetVersions(report: Report): string | undefined {
  const parts = report.targets.map((t) => (t.notRun !== undefined ? `not run: ${t.name} (${t.notRun})` : t.version ? `${t.name} ${t.version}` : undefined));
  const shown = parts.filter((p) => p !== undefined);
  return shown.length > 0 ? shown.join(', ') : undefined;
}

function runLine(report: Report): string {
  const r = report.run;
  const versions = Object.entries(r.versions).map(([tool, v]) => `${tool} ${v ?? '—'}`).join(', ');
  return [
    `Run ${code(r.id)}`,
    `target ${code(r.targetSpec)} (${r.transports.join(', ')})`,
    `budget ${r.budgetSeconds} s, took ${(r.durationMs / 1000).toFixed(1)} s`,
    r.seed !== undefined ? `seed ${code(r.seed)}` : undefined,
    versions,
    targetVersions(report),
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
}

function stageRows(report: Report, stage: StageResult): string[] {
  const targets = stageTargets(report, stage);
  if (targets.length === 0) return [`| ${cell(stage.title)} | — | — | — | — | — | ${stage.status}${stage.reason ? `: ${cell(stage.reason)}` : ''} |`];
  return targets.map((target) => {
    const n = countCases(stage.cases.filter((c) => c.target === target));
    return `| ${cell(stage.title)} | ${cell(target)} | ${n.passed} | ${n.failed} | ${n.flaky} | ${n.skipped} | ${stage.status} |`;
  });
}

function totalsTable(report: Report): string[] {
  return [
    '| Stage | Target | Passed | Failed | Flaky | Skipped | Status |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...report.stages.flatMap((s) => stageRows(report, s)),
  ];
}

function refLine(r: CaseRef, note: string | undefined): string {
  const what = `${code(r.target)} · ${code(r.stage)} · **${cell(r.case)}** ${r.description ?? ''}`.trimEnd();
  return note ? `- ${what}: ${note}` : `- ${what}`;
}

function section(title: string, refs: readonly CaseRef[], note: (r: CaseRef) => string | undefined, lead?: string): string[] {
  if (refs.length === 0) return [];
  return ['', `### ${title} (${refs.length})`, ...(lead ? [lead, ''] : []), ...refs.map((r) => refLine(r, note(r)))];
}

function comparison(report: Report): string[] {
  const cmp = report.baseline;
  if (!cmp) return ['', '_No baseline comparison was made: every failure counts._'];
  const lines = [
    ...section('Regressions', cmp.regressions, (r) => r.message, `Failures not accepted in ${code(cmp.file)}: these fail the run.`),
    ...section('Fixed', cmp.fixed, (r) => r.reason, `Accepted failures that pass now: run ${code('h2harness baseline update')} to drop them.`),
    ...section('Flaky', cmp.flaky, (r) => r.message, 'Failed, then passed on re-run: not counted as failures.'),
    ...section('Stale', cmp.stale ?? [], (r) => r.reason, `Baseline entries whose case no longer exists: run ${code('h2harness baseline update')} to drop them.`),
  ];
  if (cmp.brokenStages.length > 0) {
    lines.push('', `### Broken stages (${cmp.brokenStages.length})`, ...cmp.brokenStages.map((b) => `- ${code(b.stage)}: ${b.reason}`));
  }
  if (cmp.stillFailing.length > 0) {
    lines.push('', `<details><summary>Accepted failures still failing (${cmp.stillFailing.length})</summary>`, '');
    lines.push(...cmp.stillFailing.map((r) => refLine(r, r.reason)), '', '</details>');
  }
  return lines;
}

function notRun(report: Report): string[] {
  const stages = report.stages.filter((s) => s.status === 'not-run' || s.status === 'skipped');
  if (stages.length === 0) return [];
  return [
    '',
    `### Not run (${stages.length})`,
    ...stages.map((s) => `- ${code(s.name)} (${s.status}): ${s.reason ?? ''}${s.install ? `; fix: ${code(s.install)}` : ''}`),
  ];
}

function findings(report: Report): string[] {
  const all = report.stages.flatMap((s) => s.findings);
  if (all.length === 0) return [];
  return [
    '',
    `### Findings (${all.length})`,
    '| Finding | Target | Property | Class | Reproducer |',
    '| --- | --- | --- | --- | --- |',
    ...all.map((f) => `| ${cell(f.id)} | ${cell(f.target)} | ${cell(f.property)} | ${f.classification} | ${code(f.reproducer)} |`),
  ];
}

export function buildMarkdownSummary(report: Report): string {
  const lines = [headline(report), '', runLine(report), '', ...totalsTable(report), ...comparison(report), ...notRun(report), ...findings(report)];
  return `${lines.join('\n')}\n`;
}
