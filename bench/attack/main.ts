// Legit-client latency and server RSS under each published attack, for the
// reference server, node:http2 and nghttpd, over h2c and TLS, in one run
// (harness/attack/). Prints one table; never passes or fails (the verdict
// column is the attack stage's rule, for reading, not gating).
//   node dist/bench/attack/main.js [--seconds N] [--targets ref,node,nghttpd] [--transports h2c,tls] [--only A,B]
import { benchArgs } from '../bench-args.js';
import { runAttacks, resultRow, table, type AttackResult } from '../../harness/attack/attack-run.js';
import type { NamedTarget } from '../../harness/conformance/conformance-targets.js';
import type { Transport } from '../../harness/report/report-model.js';
import { selectAttacks } from '../../harness/run/stages/attack-stage.js';

const values = benchArgs('usage: node dist/bench/attack/main.js [--seconds N] [--targets ref,node,nghttpd] [--transports h2c,tls] [--only A,B]', {
  seconds: { type: 'string', default: '8' },
  targets: { type: 'string', default: 'ref,node,nghttpd' },
  transports: { type: 'string', default: 'h2c,tls' },
  only: { type: 'string' },
});
const seconds = Number(values.seconds);
const attacks = selectAttacks(values.only?.split(','));
const rows: string[][] = [];
const results: AttackResult[] = [];
for (const name of values.targets.split(',') as NamedTarget[]) {
  for (const transport of values.transports.split(',') as Transport[]) {
    process.stderr.write(`bench attack: ${name} over ${transport}…\n`);
    try {
      await runAttacks({ kind: 'peer', name }, transport, attacks, {
        seconds,
        onResult: (r) => {
          results.push(r);
          rows.push([name, ...resultRow(r)]);
          process.stderr.write(`  ${[name, ...resultRow(r)].join(' | ')}\n`);
        },
      });
    } catch (err) {
      process.stderr.write(`  ${name} over ${transport}: ${(err as Error).message}\n`);
    }
  }
}
console.log(table(rows, ['target', 'attack', 'transport', 'legit ok', 'p50 ms', 'max ms', 'RSS MB during/after', 'cut off', 'verdict']));
if (process.env.BENCH_JSON) console.log(JSON.stringify(results));
