// HPACK differential fuzzing throughput per oracle set, each run as a user
// runs it (`h2harness fuzz hpack …`, a process of its own, fixed seed),
// read from the lines the CLI prints. npm start's fuzz stage is the default
// oracles plus node:http2 and nghttp over loopback, as `fuzz hpack --oracles
// nghttp2,hpackjs,node,nghttp` runs them; jsfuzz's rate is its own
// executions per second.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../harness/cli/main.js', import.meta.url));

export interface FuzzRate {
  run: string;
  args: string[];
  casesPerSecond: number | null;
  /** The in-process cases per second of the fuzzing process's CPU time (fast-check only): steadier than casesPerSecond on a shared machine. */
  casesPerCpuSecond?: number | null;
  /** jsfuzz only: its executions per second (one execution is one session). */
  executionsPerSecond?: number | null;
  failures: number | null;
  note?: string;
}

export const FUZZ_RUNS: ReadonlyArray<{ run: string; args: string[] }> = [
  { run: 'fast-check, --oracles nghttp2', args: ['--oracles', 'nghttp2'] },
  { run: 'fast-check, default oracles (nghttp2,hpackjs)', args: [] },
  { run: "npm start's fuzz stage (nghttp2,hpackjs,node,nghttp)", args: ['--oracles', 'nghttp2,hpackjs,node,nghttp'] },
  { run: 'jsfuzz, default oracles', args: ['--engine', 'jsfuzz'] },
  { run: 'jsfuzz, --oracles nghttp2', args: ['--engine', 'jsfuzz', '--oracles', 'nghttp2'] },
];

export function measureFuzzRates(seconds: number, scratch: string, log: (line: string) => void): FuzzRate[] {
  return FUZZ_RUNS.map(({ run, args }) => {
    log(`bench fuzz: ${run}…`);
    const full = ['hpack', ...args, '--seconds', String(seconds), '--out', join(scratch, 'fuzz-out'), ...(args.includes('jsfuzz') ? [] : ['--seed', '1'])];
    const r = spawnSync(process.execPath, [CLI, 'fuzz', ...full], { encoding: 'utf8', timeout: (seconds + 90) * 1000, maxBuffer: 1 << 26 });
    const out = `${r.stdout}\n${r.stderr}`;
    const cases = /^cases: \d+ \((\d+)\/s\), failures: (\d+)/m.exec(out);
    const execs = /^jsfuzz: .* (\d+) executions\/s/m.exec(out);
    const cpu = /^in process: \d+ cases in [\d.]+ s of CPU \((\d+) per CPU second\)/m.exec(out);
    const notRun = /not run: (.*)$/m.exec(out);
    return {
      run,
      args: ['fuzz', ...full],
      casesPerSecond: cases ? Number(cases[1]) : null,
      ...(args.includes('jsfuzz') ? {} : { casesPerCpuSecond: cpu ? Number(cpu[1]) : null }),
      ...(args.includes('jsfuzz') ? { executionsPerSecond: execs ? Number(execs[1]) : null } : {}),
      failures: cases ? Number(cases[2]) : null,
      ...(notRun ? { note: notRun[1] } : cases ? {} : { note: `no result (exit ${r.status ?? r.signal}): ${out.trim().split('\n').slice(-3).join(' ')}` }),
    };
  });
}
