// The stylesheet inlined into index.html. Outcome colours are shared by the
// matrix cells, the cards and the lists, so one class names one outcome.
export const REPORT_CSS = `
:root { --pass: #16a34a; --pass-bg: #dcfce7; --fail: #dc2626; --fail-bg: #fee2e2; --flaky: #b45309; --flaky-bg: #fef3c7;
  --skip: #6b7280; --skip-bg: #f3f4f6; --line: #e5e7eb; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; }
body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; background: #fff; }
h1 { display: inline-block; margin: 0 .75rem 0 0; font-size: 1.5rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: .75rem 0 .25rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em; }
dl#run-meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .75rem 0 0; font-size: .9rem; }
dt { color: var(--skip); }
dd { margin: 0; }
.badge { padding: .2rem .6rem; border-radius: 1rem; font-weight: 600; vertical-align: .3rem; }
.cards { display: flex; gap: .75rem; margin-top: 1rem; }
.card { flex: 1; padding: .6rem 1rem; border-radius: .5rem; font-size: .95rem; }
.card strong { font-size: 1.6rem; }
.outcome-passed { color: var(--pass); background: var(--pass-bg); }
.outcome-failed { color: var(--fail); background: var(--fail-bg); }
.outcome-flaky { color: var(--flaky); background: var(--flaky-bg); }
.outcome-skipped { color: var(--skip); background: var(--skip-bg); }
.ref-list { background: none; margin-bottom: .5rem; }
.ref-list ul { margin: 0; padding-left: 1.25rem; color: #111827; }
.note { color: var(--skip); font-size: .85rem; white-space: pre-wrap; }
.controls { display: flex; gap: .5rem; align-items: center; margin-bottom: .5rem; }
.controls input { flex: 1; max-width: 28rem; padding: .35rem .5rem; }
#matrix-count { color: var(--skip); font-size: .9rem; }
.table-wrap { max-height: 34rem; overflow: auto; border: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; background: #f9fafb; }
tr.column-totals th, tr.column-totals td { top: 2.6rem; position: sticky; background: #f9fafb; }
.tally { display: inline-block; margin: 0 .2rem .1rem 0; padding: 0 .3rem; border-radius: .25rem; font-size: .75rem; }
tr.section-row th { background: #f3f4f6; font-weight: 600; }
td.cell { text-align: center; font-weight: 700; width: 5.5rem; }
td.absent { background: repeating-linear-gradient(45deg, #fff, #fff 4px, #f3f4f6 4px, #f3f4f6 8px); }
details.failure { margin: .35rem 0; padding: .25rem .5rem; border-radius: .25rem; }
details.failure pre { color: #111827; white-space: pre-wrap; margin: .25rem 0; }
.chart-row { display: flex; gap: 1rem; }
.chart-box { position: relative; flex: 1; height: 18rem; min-width: 0; }
`;
