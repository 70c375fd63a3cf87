// The attack stage against our reference server (in its own process), each
// attack short: every flood is cut off by the server within a second, the
// legit client keeps being answered, and the stage reports one case per
// attack in the report model. Bounded: about 1.5 s per attack.
import t, { type Test } from 'tap';
import { ATTACKS } from '../../harness/attack/attack-catalogue.js';
import type { AttackResult } from '../../harness/attack/attack-run.js';
import { attackStages } from '../../harness/run/stages/attack-stage.js';
import { attackPassSeconds } from '../../harness/run/budget.js';
import type { StageContext } from '../../harness/run/stage-context.js';
import type { Transport } from '../../harness/report/report-model.js';
import { compareWithBaseline } from '../../harness/report/baseline.js';
import { sampleReport } from '../report/sample-report.js';

function context(transports: Transport[]): StageContext {
  return { targets: [{ kind: 'peer', name: 'ref' }], transports, seed: 1, ci: false, deadline: Date.now() + 120_000, runDir: '/nonexistent', signal: new AbortController().signal, progress: () => undefined };
}

function checkResult(t: Test, r: AttackResult): void {
  t.ok(r.legit.total >= 5, `${r.attack}: the legit client ran (${r.legit.total} requests)`);
  t.ok(r.legit.ok / r.legit.total >= 0.9, `${r.attack}: legit answered ${r.legit.ok}/${r.legit.total} (${r.legit.firstError ?? 'no error'})`);
  t.not(r.verdict, 'fail', `${r.attack}: ${r.reasons.join('; ')}`);
  t.ok(r.rss !== null, `${r.attack}: the server's RSS was measured`);
  if (r.flood) {
    t.equal(r.cutOff.cut, r.cutOff.connections, `${r.attack}: every attacker connection was cut off (${r.cutOff.how})`);
    t.ok(r.cutOff.medianMs !== null && r.cutOff.medianMs < 1000, `${r.attack}: cut off in ${r.cutOff.medianMs} ms (median)`);
  }
}

t.test('every attack against ref over h2c', async (t) => {
  const results: AttackResult[] = [];
  const [stage] = await attackStages(context(['h2c']), { seconds: 1, settleMs: 300, onResult: (r) => results.push(r) });
  t.equal(stage!.name, 'attack-h2c');
  t.equal(stage!.kind, 'attack');
  t.same(stage!.cases.map((c) => c.id), ATTACKS.map((a) => `attack/${a.name}`));
  for (const r of results) checkResult(t, r);
  // The exact defence behind each flood: its GOAWAY code (non-readers see the server stop reading).
  const how = new Map(results.map((r) => [r.attack, r.cutOff.how ?? '']));
  t.match(how.get('CVE-2019-9518-empty-data'), /^goaway ENHANCE_YOUR_CALM .*frames that do no work/);
  t.match(how.get('CVE-2019-9518-empty-continuation'), /^goaway ENHANCE_YOUR_CALM .*frames that do no work/);
  t.match(how.get('CVE-2019-9513-priority-churn'), /^goaway ENHANCE_YOUR_CALM .*frames that do no work/);
  t.match(how.get('CVE-2023-44487-rapid-reset'), /^goaway ENHANCE_YOUR_CALM .*stream resets/);
  t.match(how.get('CVE-2024-27316-continuation-flood'), /^goaway ENHANCE_YOUR_CALM .*field block larger/);
  t.match(how.get('CVE-2016-6581-hpack-bomb'), /^goaway COMPRESSION_ERROR/);
  // The probes of RFC 9113 MUSTs: every attacker connection got the answer its section requires.
  t.match(how.get('RFC9113-6.9.1-window-overflow'), /^goaway FLOW_CONTROL_ERROR/);
  const limit = results.find((r) => r.attack === 'RFC9113-5.1.2-stream-limit')!;
  t.ok(limit.answers !== null && limit.answers.checked > 0 && limit.answers.matching === limit.answers.checked, `stream limit: ${JSON.stringify(limit.answers)}`);
});

t.test('rapid reset and ping flood against ref over TLS', async (t) => {
  const results: AttackResult[] = [];
  await attackStages(context(['tls']), { seconds: 1, settleMs: 300, only: ['CVE-2023-44487-rapid-reset', 'CVE-2019-9512-ping-flood'], onResult: (r) => results.push(r) });
  t.ok(results.length >= 2, 'both ran (a re-run adds one)');
  for (const r of results) checkResult(t, r);
});

t.test('a target the deadline cannot take is named as not attacked, and its baseline entries stay', async (t) => {
  const started = Date.now();
  const ctx = { ...context(['h2c', 'tls']), targets: [{ kind: 'peer', name: 'ref' }, { kind: 'peer', name: 'nginx' }] as StageContext['targets'], deadline: Date.now() + 5_000 };
  const stages = await attackStages(ctx, { seconds: 2, settleMs: 1000 });
  t.ok(Date.now() - started < 2_000, 'nothing ran');
  t.same(stages.map((s) => s.name), ['attack-h2c', 'attack-tls']);
  for (const s of stages) {
    t.same(s.cases.map((c) => `${c.target} ${c.id} ${c.outcome}`), ['ref attack/not-run skipped', 'nginx attack/not-run skipped']);
    // The estimate follows the catalogue: every attack, 2 s each with its settling time and re-runs.
    const pass = attackPassSeconds(ATTACKS.length, 2, 1000);
    t.match(s.cases[0]!.description, new RegExp(`ref over ${s.transport}: not attacked, [45] s of the attack stage's share of the budget were left and ${ATTACKS.length} attacks take about ${pass} s`));
  }
  const report = sampleReport(stages);
  const cmp = compareWithBaseline(report, { schemaVersion: 1, targets: { ref: [{ stage: 'attack-h2c', case: 'attack/CVE-2019-9518-empty-data', reason: 'known' }] } }, 'baseline.json');
  t.equal(cmp.exitCode, 0, 'skipping is not failing');
  t.same(cmp.stale, [], 'a target not attacked says nothing of its entries');
});
