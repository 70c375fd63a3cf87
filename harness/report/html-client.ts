// The script index.html runs in the browser: it draws the page from the
// report embedded as JSON. It is written here, typed against the report
// model, and inlined with Function.prototype.toString (html-report.ts), so
// `renderReport` must stay self-contained: no imports or outer names at run
// time, only its parameters and browser globals. The project compiles
// without the DOM library (Node only), hence the few DOM types below.
import type { CaseOutcome, CaseResult, Report, StageResult } from './report-model.js';

interface Elem {
  textContent: string | null;
  className: string;
  hidden: boolean;
  title: string;
  value: string;
  append(...nodes: Array<Elem | string>): void;
  replaceChildren(...nodes: Array<Elem | string>): void;
  setAttribute(name: string, value: string): void;
  addEventListener(type: string, listener: () => void): void;
}
declare const document: { getElementById(id: string): Elem | null; createElement(tag: string): Elem; title: string };

/** The part of Chart.js's constructor the page uses. */
export type ChartConstructor = new (canvas: Elem, config: object) => unknown;

export interface ClientOptions {
  /** Relative URL from the report's folder to the project root, for reproducer links; null = show paths only. */
  reproducerBase: string | null;
}

export function renderReport(report: Report, Chart: ChartConstructor, options: ClientOptions): void {
  type Attrs = Record<string, string>;
  const $ = (id: string): Elem => {
    const found = document.getElementById(id);
    if (!found) throw new Error(`index.html lacks #${id}`);
    return found;
  };
  const el = (tag: string, attrs: Attrs = {}, ...children: Array<Elem | string>): Elem => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...children);
    return e;
  };
  const SYMBOL: Record<CaseOutcome, string> = { passed: '✓', failed: '✗', flaky: '≈', skipped: '–' };
  const failureText = (c: CaseResult): string => {
    const f = c.failure;
    if (!f) return c.outcome;
    const lines = [f.message];
    if (f.expected && f.expected.length) lines.push(`Expected: ${f.expected.join(' | ')}`);
    if (f.actual !== undefined) lines.push(`Actual: ${f.actual}`);
    lines.push(`Scope: ${f.scope}, code: ${f.code ?? 'none'}, initiator: ${f.initiator}`);
    return lines.join('\n');
  };
  const count = (cases: CaseResult[], outcome: CaseOutcome): number => cases.filter((c) => c.outcome === outcome).length;
  const allCases = report.stages.flatMap((s) => s.cases);
  const passed = report.baseline ? report.baseline.exitCode === 0 : report.run.complete && count(allCases, 'failed') === 0;

  // Header: verdict and run metadata.
  document.title = `h2harness ${report.run.id}`;
  $('title').textContent = `h2harness report: ${report.run.targetSpec}`;
  const verdict = $('verdict');
  verdict.textContent = !report.run.complete ? 'incomplete' : passed ? 'passed' : 'failed';
  verdict.className = `badge ${passed && report.run.complete ? 'outcome-passed' : 'outcome-failed'}`;
  const meta: Array<[string, string]> = [
    ['Run', report.run.id],
    ['Targets', report.targets.filter((t) => t.notRun === undefined).map((t) => (t.version ? `${t.name} (${t.version})` : t.name)).join(', ')],
    ...report.targets.filter((t) => t.notRun !== undefined).map((t): [string, string] => [`Not run: ${t.name}`, t.notRun!]),
    ['Transports', report.run.transports.join(', ')],
    ['Started', report.run.startedAt],
    ['Duration', `${(report.run.durationMs / 1000).toFixed(1)} s of ${report.run.budgetSeconds} s budget`],
    ...(report.run.seed !== undefined ? [['Seed', report.run.seed] as [string, string]] : []),
    ['Versions', Object.entries(report.run.versions).map(([k, v]) => `${k} ${v ?? '—'}`).join(' · ')],
  ];
  if (!report.run.complete) meta.push(['Interrupted', report.run.interruption ?? 'yes']);
  $('run-meta').replaceChildren(...meta.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  $('totals').replaceChildren(
    ...(['passed', 'failed', 'flaky', 'skipped'] as CaseOutcome[]).map((o) =>
      el('div', { class: `card outcome-${o}`, 'data-outcome': o }, el('strong', {}, String(count(allCases, o))), ` ${o}`),
    ),
  );

  // Baseline comparison.
  const cmp = report.baseline;
  const body = $('comparison-body');
  if (!cmp) body.replaceChildren(el('p', {}, 'No baseline comparison was made: every failure counts.'));
  else {
    const list = (title: string, cls: string, refs: typeof cmp.regressions, note: (r: (typeof refs)[number]) => string | undefined) =>
      el(
        'div',
        { class: `ref-list ${cls}` },
        el('h3', {}, `${title} (${refs.length})`),
        el('ul', {}, ...refs.map((r) => el('li', {}, el('code', {}, `${r.target} · ${r.stage} · ${r.case}`), ` ${r.description ?? ''}`, note(r) ? el('div', { class: 'note' }, note(r) ?? '') : ''))),
      );
    body.replaceChildren(
      el('p', {}, 'Compared with ', el('code', {}, cmp.file), `: exit code ${cmp.exitCode}.`),
      list('New failures', 'outcome-failed', cmp.regressions, (r) => r.message),
      list('Fixed', 'outcome-passed', cmp.fixed, (r) => r.reason),
      list('Flaky', 'outcome-flaky', cmp.flaky, (r) => r.message),
      list('Accepted, still failing', 'outcome-skipped', cmp.stillFailing, (r) => r.reason),
      // Only when there are some: a baseline entry whose case no longer exists is rare and needs an update.
      ...((cmp.stale ?? []).length > 0 ? [list('Stale: no such case any more', 'outcome-skipped', cmp.stale!, (r) => r.reason)] : []),
      ...cmp.brokenStages.map((b) => el('p', { class: 'outcome-failed' }, `Stage ${b.stage} failed: ${b.reason}`)),
    );
  }

  // Conformance matrix: rows are case ids grouped by RFC section, columns
  // are target × transport, one per conformance stage and target.
  const conformance = report.stages.filter((s) => s.kind === 'conformance');
  const targetOrder = report.targets.map((t) => t.name);
  const columns: Array<{ stage: StageResult; target: string }> = [];
  for (const target of targetOrder) {
    for (const stage of conformance) if (stage.cases.some((c) => c.target === target)) columns.push({ stage, target });
  }
  interface Row { id: string; section: string; sectionTitle: string; description: string; cells: Array<CaseResult | undefined> }
  const rows = new Map<string, Row>();
  columns.forEach((col, i) => {
    for (const c of col.stage.cases) {
      if (c.target !== col.target) continue;
      const row = rows.get(c.id) ?? { id: c.id, section: c.section ?? '', sectionTitle: c.sectionTitle ?? '', description: c.description, cells: [] };
      row.cells[i] = c;
      rows.set(c.id, row);
    }
  });
  const head = el('tr', {}, el('th', {}, 'Case'), el('th', {}, 'Description'));
  const totalsRow = el('tr', { class: 'column-totals' }, el('th', { colspan: '2' }, 'Totals'));
  columns.forEach((col, i) => {
    head.append(el('th', {}, col.target, el('br'), el('small', {}, col.stage.transport ?? col.stage.name)));
    const cells = [...rows.values()].map((r) => r.cells[i]).filter((c): c is CaseResult => c !== undefined);
    const parts = (['passed', 'failed', 'flaky', 'skipped'] as CaseOutcome[]).filter((o) => count(cells, o) > 0);
    totalsRow.append(el('td', { 'data-column': String(i) }, ...parts.map((o) => el('span', { class: `tally outcome-${o}` }, `${count(cells, o)} ${o}`))));
  });
  $('matrix-head').replaceChildren(head, totalsRow);
  const tbody = $('matrix-body');
  const sectionRows = new Map<string, { tr: Elem; members: Elem[] }>();
  const caseRows: Array<{ tr: Elem; row: Row; text: string }> = [];
  for (const row of rows.values()) {
    const key = row.section || '(no section)';
    let group = sectionRows.get(key);
    if (!group) {
      const tr = el('tr', { class: 'section-row' }, el('th', { colspan: String(columns.length + 2) }, `§ ${key} ${row.sectionTitle}`));
      group = { tr, members: [] };
      sectionRows.set(key, group);
      tbody.append(tr);
    }
    const tr = el('tr', { class: 'case-row', 'data-case': row.id }, el('td', {}, el('code', {}, row.id)), el('td', {}, row.description));
    row.cells.length = columns.length;
    for (const c of Array.from(row.cells)) {
      const td = el('td', { class: c ? `cell outcome-${c.outcome}` : 'cell absent' }, c ? SYMBOL[c.outcome] : '');
      if (c) td.title = `${c.target}: ${failureText(c)}`;
      tr.append(td);
    }
    group.members.push(tr);
    caseRows.push({ tr, row, text: `${row.id} ${row.section} ${row.sectionTitle} ${row.description}`.toLowerCase() });
    tbody.append(tr);
  }
  const filter = $('filter');
  const outcomeFilter = $('outcome-filter');
  const matches = (row: Row, wanted: string): boolean => {
    const present = row.cells.filter((c): c is CaseResult => c !== undefined).map((c) => c.outcome);
    if (wanted === 'all') return true;
    if (wanted === 'differs') return new Set(present).size > 1 || present.length < columns.length;
    if (wanted === 'not-passed') return present.some((o) => o !== 'passed');
    return present.some((o) => o === wanted);
  };
  const applyFilter = (): void => {
    const needle = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const r of caseRows) {
      r.tr.hidden = !(r.text.includes(needle) && matches(r.row, outcomeFilter.value));
      if (!r.tr.hidden) shown++;
    }
    for (const g of sectionRows.values()) g.tr.hidden = g.members.every((m) => m.hidden);
    $('matrix-count').textContent = `${shown} of ${caseRows.length} cases`;
  };
  filter.addEventListener('input', applyFilter);
  outcomeFilter.addEventListener('change', applyFilter);
  applyFilter();
  if (columns.length === 0) $('matrix-section').append(el('p', {}, 'No conformance stage ran.'));

  // Stages, with every failing or flaky case's expected vs actual.
  $('stage-body').replaceChildren(
    ...report.stages.map((s) =>
      el(
        'tr',
        { class: `stage-row status-${s.status}` },
        el('td', {}, el('code', {}, s.name)),
        el('td', {}, s.title),
        el('td', { class: `outcome-${s.status === 'not-run' ? 'skipped' : s.status}` }, s.status),
        el('td', {}, String(s.cases.length)),
        el('td', {}, String(count(s.cases, 'failed'))),
        el('td', {}, String(count(s.cases, 'flaky'))),
        el('td', {}, `${(s.durationMs / 1000).toFixed(1)} s`),
        el('td', {}, s.reason ?? '', s.install ? el('div', {}, 'Fix: ', el('code', {}, s.install)) : ''),
      ),
    ),
  );
  const failing = report.stages.flatMap((s) => s.cases.filter((c) => c.outcome === 'failed' || c.outcome === 'flaky').map((c) => ({ s, c })));
  $('failure-list').replaceChildren(
    ...failing.map(({ s, c }) =>
      el('details', { class: `failure outcome-${c.outcome}` }, el('summary', {}, `${s.name} · ${c.target} · ${c.id} ${c.description} (${c.outcome})`), el('pre', {}, failureText(c))),
    ),
  );

  // Attacks: one row per attack, target and transport, with what the legit client and the server's memory showed.
  const attackStages = report.stages.filter((s) => s.kind === 'attack');
  $('attack-body').replaceChildren(
    ...attackStages.flatMap((s) =>
      s.cases.map((c) =>
        el(
          'tr',
          { class: `outcome-${c.outcome}` },
          el('td', {}, el('code', {}, c.id.replace(/^attack\//, ''))),
          el('td', {}, c.target),
          el('td', {}, s.transport ?? ''),
          el('td', {}, c.outcome === 'passed' ? 'pass' : (c.failure?.message ?? c.outcome)),
          el('td', {}, c.description),
        ),
      ),
    ),
  );
  if (attackStages.length === 0) $('attack-section').append(el('p', {}, 'No attack stage ran.'));
  else $('attack-section').append(el('p', {}, attackStages[0]!.title));

  // Findings with their reproducers.
  const findings = report.stages.flatMap((s) => s.findings.map((f) => ({ s, f })));
  const link = (path: string): Elem => {
    const absolute = path.startsWith('/');
    const href = absolute ? `file://${path}` : options.reproducerBase !== null ? `${options.reproducerBase}${path}` : null;
    return href ? el('a', { href }, el('code', {}, path)) : el('code', {}, path);
  };
  $('findings-body').replaceChildren(
    ...findings.map(({ s, f }) =>
      el(
        'tr',
        { class: `finding-row ${f.classification === 'failure' ? 'outcome-failed' : 'outcome-flaky'}` },
        el('td', {}, el('code', {}, f.id)),
        el('td', {}, s.name),
        el('td', {}, f.target),
        el('td', {}, f.property),
        el('td', {}, f.classification),
        el('td', {}, f.message ?? ''),
        el('td', {}, link(f.reproducer)),
      ),
    ),
  );
  if (findings.length === 0) $('findings-section').append(el('p', {}, 'No findings.'));

  // Fuzzing over time: cases per second between samples, and cumulative findings.
  const fuzz = report.stages.filter((s) => s.throughput.length > 0);
  const palette = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed'];
  const dataset = (s: StageResult, i: number, points: Array<{ x: number; y: number }>, stepped: boolean) => ({
    label: `${s.title} (${[...new Set(s.cases.map((c) => c.target))].join(', ') || s.name})`,
    data: points,
    borderColor: palette[i % palette.length],
    backgroundColor: palette[i % palette.length],
    stepped,
    pointRadius: 2,
  });
  const rate = (s: StageResult) =>
    s.throughput.slice(1).map((p, k) => {
      const prev = s.throughput[k]!;
      return { x: p.t, y: p.t > prev.t ? Math.round((p.cases - prev.cases) / (p.t - prev.t)) : 0 };
    });
  const chart = (id: string, yTitle: string, datasets: object[]) =>
    new Chart($(id), {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { type: 'linear', title: { display: true, text: 'seconds since the stage started' } }, y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: yTitle } } },
      },
    });
  if (fuzz.length === 0) {
    $('charts').replaceChildren(el('h2', {}, 'Fuzzing over time'), el('p', {}, 'No fuzzing stage recorded throughput in this run.'));
  } else {
    chart('throughput-chart', 'cases per second', fuzz.map((s, i) => dataset(s, i, rate(s), false)));
    chart('findings-chart', 'findings (cumulative)', fuzz.map((s, i) => dataset(s, i, s.throughput.map((p) => ({ x: p.t, y: p.findings })), true)));
  }
}
