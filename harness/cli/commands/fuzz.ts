// `h2harness fuzz hpack [--seconds N] [--runs N] [--seed S] [--oracles …]
// [--engine fast-check|jsfuzz] [--impl MODULE] [--out DIR]`: differential
// fuzzing of an HPACK implementation (ours by default). Exit 1 on a failure.
import type { Command } from 'commander';
import { randomInt } from 'node:crypto';
import { ImplModuleError } from '../../fuzz/hpack/implementation-loader.js';
import { ALL_ORACLES, IN_PROCESS_ORACLES } from '../../fuzz/hpack/oracle-loader.js';
import type { OracleName } from '../../fuzz/hpack/oracle-loader.js';
import { missingPeerIsFailure, PeerNotInstalledError } from '../../peers/peer-availability.js';
import { reportNotRun } from '../not-run.js';
import type { WireOracleName } from '../../peers/wire/wire-oracle.js';
import { runHpackFuzz } from '../../fuzz/hpack/run-hpack-fuzz.js';
import { DEFAULT_SEED_CORPUS, JsfuzzUnavailableError, runJsfuzz } from '../../fuzz/hpack/jsfuzz/run-jsfuzz.js';
import { EXIT_FAILURE, UsageError } from '../usage-error.js';
import type { TargetSpec } from '../../conformance/conformance-targets.js';
import { parsedTargets } from '../target-option.js';
import { runServerFuzz } from '../../fuzz/server/run-server-fuzz.js';

interface FuzzOptions {
  seconds?: string;
  runs?: string;
  seed?: string;
  oracles: string;
  engine: string;
  impl?: string;
  typedError?: string;
  out?: string;
  corpus?: string;
  target?: string;
  tls?: boolean;
  scenarioMs?: string;
}

/** `fuzz server`: the in-process core always, and the --target servers over loopback. */
async function fuzzServer(o: FuzzOptions, runs: number | undefined, seconds: number | undefined): Promise<void> {
  if (o.impl !== undefined || o.corpus !== undefined || o.typedError !== undefined || o.engine !== 'fast-check') throw new UsageError('--impl, --corpus, --typed-error and --engine are for `fuzz hpack`');
  let targets: TargetSpec[] = [];
  if (o.target !== undefined && o.target !== 'in-process') {
    // The wire phase runs over one transport (--tls or h2c), a bare HOST:PORT's included.
    targets = parsedTargets(o.target, { tls: o.tls === true, h2c: o.tls !== true }).targets;
  }
  const budgetMs = o.scenarioMs === undefined ? undefined : positive('--scenario-ms', o.scenarioMs, true);
  const result = await runServerFuzz({ seed: parseSeed(o.seed), runs, seconds, targets, tls: o.tls === true, out: o.out ?? 'corpus/http2', budgetMs, log: (l) => console.log(l) });
  if (result.findings.length > 0 || (result.notRun.length > 0 && missingPeerIsFailure())) process.exitCode = EXIT_FAILURE;
}

function positive(flag: string, text: string, integer: boolean): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`${flag} wants a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(text)}`);
  return n;
}

function parseSeed(text: string | undefined): number {
  if (text === undefined) return randomInt(0, 2 ** 31 - 1);
  const n = Number(text);
  if (!Number.isInteger(n) || Math.abs(n) > 2 ** 31) throw new UsageError(`--seed wants a 32-bit integer, got ${JSON.stringify(text)}`);
  return n;
}

function parseOracles(text: string): { oracles: OracleName[]; wireOracles: WireOracleName[] } {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!(ALL_ORACLES as readonly string[]).includes(n)) throw new UsageError(`unknown oracle ${JSON.stringify(n)} (known: ${ALL_ORACLES.join(', ')})`);
  }
  const inProcess = (n: string): n is OracleName => (IN_PROCESS_ORACLES as readonly string[]).includes(n);
  return { oracles: names.filter(inProcess), wireOracles: names.filter((n) => !inProcess(n)) as WireOracleName[] };
}

export function registerFuzzCommand(program: Command): void {
  program
    .command('fuzz')
    .description('differential fuzzing; `fuzz hpack` checks an HPACK implementation against libnghttp2 and other oracles; `fuzz server` drives HTTP/2 servers with almost-valid scenarios judged against RFC 9113')
    .argument('<target>', 'what to fuzz: hpack or server')
    .option('--seconds <n>', 'stop after N seconds (default 10 when --runs is not given)')
    .option('--runs <n>', 'stop after N generated cases')
    .option('--seed <s>', 'seed of the generator (printed with every run; same seed, same cases)')
    .option('--oracles <list>', `comma-separated: ${ALL_ORACLES.join(',')} (libnghttp2 is always the reference; node and nghttp are peers over loopback, run beside the in-process oracles for the whole time, in turn)`, 'nghttp2,hpackjs')
    .option('--engine <engine>', 'fast-check or jsfuzz', 'fast-check')
    .option('--impl <module>', 'a module exporting HDDeflater and HDInflater (default: ours); CommonJS for --engine jsfuzz')
    .option('--typed-error <name>', "with --impl: only errors of this class (or a subclass) are its rejections of an input; by default any Error it throws on purpose is, and only the engine's own errors (TypeError, ReferenceError, RangeError…), Node's ERR_* and non-Error throws are crashes")
    .option('--out <dir>', 'where reproducers of failures are written (default corpus/hpack, corpus/http2 for server)')
    .option('--target <t>', 'server only: ref, node, nghttpd, all or HOST:PORT, fuzzed over loopback after the in-process core (default: in process only)')
    .option('--tls', 'server only: reach --target over TLS (ALPN h2) instead of h2c')
    .option('--scenario-ms <n>', 'server only: time budget of one scenario over the wire (default 2000)')
    .option('--corpus <dir>', 'jsfuzz only: keep the inputs it finds interesting here (seeds come from corpus/hpack/jsfuzz)')
    .action(async (target: string, o: FuzzOptions) => {
      if (target !== 'hpack' && target !== 'server') throw new UsageError(`unknown fuzz target ${JSON.stringify(target)} (known: hpack, server)`);
      if (o.engine !== 'fast-check' && o.engine !== 'jsfuzz') throw new UsageError(`--engine must be fast-check or jsfuzz, got ${JSON.stringify(o.engine)}`);
      const runs = o.runs === undefined ? undefined : positive('--runs', o.runs, true);
      const seconds = o.seconds === undefined ? (runs === undefined ? 10 : undefined) : positive('--seconds', o.seconds, false);
      if (target === 'server') return fuzzServer(o, runs, seconds);
      if (o.target !== undefined || o.tls !== undefined || o.scenarioMs !== undefined) throw new UsageError('--target, --tls and --scenario-ms are for `fuzz server`');
      const { oracles, wireOracles } = parseOracles(o.oracles);
      const log = (l: string): void => console.log(l);
      if (o.typedError !== undefined && o.impl === undefined) throw new UsageError('--typed-error applies to an --impl module (ours throws HPACKError)');
      if (o.engine === 'fast-check' && o.corpus !== undefined) throw new UsageError('--corpus is for --engine jsfuzz');
      if (o.engine === 'jsfuzz' && wireOracles.length > 0) throw new UsageError(`--engine jsfuzz runs in process; the peers ${wireOracles.join(', ')} need --engine fast-check`);
      if (o.engine === 'jsfuzz' && o.seed !== undefined) log('note: jsfuzz draws its mutations from Math.random, so --seed does not apply; a failure is kept as a reproducer instead');
      try {
        const result =
          o.engine === 'jsfuzz'
            ? await runJsfuzz({ runs, seconds, oracles, impl: o.impl, out: o.out ?? 'corpus/hpack', seedCorpus: DEFAULT_SEED_CORPUS, corpusOut: o.corpus, typedError: o.typedError, log })
            : await runHpackFuzz({ seed: parseSeed(o.seed), runs, seconds, oracles, wireOracles, impl: o.impl, typedError: o.typedError, out: o.out ?? 'corpus/hpack', log });
        if (result.stats.failures > 0 || (result.notRun.length > 0 && missingPeerIsFailure())) process.exitCode = EXIT_FAILURE;
      } catch (err) {
        if (err instanceof ImplModuleError || err instanceof JsfuzzUnavailableError) throw new UsageError(err.message);
        if (err instanceof PeerNotInstalledError) return reportNotRun(err.message, err.result.installCommand);
        throw err;
      }
    });
}
