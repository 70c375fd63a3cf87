// The wire phase in a process of its own (started by wire-phase.ts): the
// peers over loopback, one after the other, while the parent checks the
// in-process cases. The parent's fast-check loop is synchronous and the
// exchanges wait on sockets and on nghttp's processes, so side by side the
// two keep both cores busy where in turn each sat out the other's half.
// Input: WirePhaseInput as JSON in argv[2]; output: WirePhaseMessages.
import { killTrackedChildren } from '../../../peers/child-registry.js';
import { PeerNotInstalledError } from '../../../peers/peer-availability.js';
import { wireCaseToJson } from '../case-json.js';
import { FuzzStats } from '../fuzz-stats.js';
import { loadImplementation } from '../implementation-loader.js';
import { buildFuzzTarget } from '../oracle-loader.js';
import { WireTroubleError } from './wire-checker.js';
import { startWireOracle } from './wire-oracle-loader.js';
import type { WirePhaseFailure, WirePhaseInput, WirePhaseMessage } from './wire-phase-protocol.js';
import { runWireOracle } from './wire-runner.js';

const input = JSON.parse(process.argv[2]!) as WirePhaseInput;
// The phase leads its own process group, so a Ctrl-C at the terminal does not reach it: when the parent goes,
// however it went, its channel closes, and the phase ends what it started (an nghttp) and itself.
let finished = false;
process.once('disconnect', () => {
  killTrackedChildren();
  process.exit(finished ? 0 : 1);
});
const post = (m: WirePhaseMessage): Promise<void> => new Promise((resolve) => void process.send!(m, undefined, {}, () => resolve()));

async function run(): Promise<void> {
  const target = await buildFuzzTarget(await loadImplementation(input.impl, input.typedError), []);
  const stats = new FuzzStats();
  const lateStart = (Date.now() - input.startedAt) / 1000;
  // No running counts: the parent reads its pipe only once its own synchronous loop is over, so they would only pile up there.
  const progress = (): void => undefined;
  const notRun: string[] = [];
  let failure: WirePhaseFailure | undefined;
  for (const [k, name] of input.wireOracles.entries()) {
    // What is left, shared by the peers still to run (one that ends early, on --runs, leaves its time to the next).
    const share = input.deadline === undefined ? undefined : Math.max(0, input.deadline - Date.now()) / 1000 / (input.wireOracles.length - k);
    let oracle;
    try {
      oracle = await startWireOracle(name);
    } catch (err) {
      if (!(err instanceof PeerNotInstalledError)) throw err;
      await post({ type: 'log', line: `wire oracle ${name}: not run: ${err.message}` });
      notRun.push(name);
      continue;
    }
    const before = stats.sessions;
    const started = stats.seconds();
    try {
      const w = await runWireOracle(target, oracle, { seed: input.seed, runs: input.runs, seconds: share }, stats, progress);
      if (w) {
        const { sides, ...finding } = w.finding;
        failure = { oracle: w.oracle, wireCase: wireCaseToJson(w.wireCase), finding: { ...finding, sides: sides() }, seed: w.seed, path: w.path, foundAfterSeconds: lateStart + w.foundAfterSeconds };
      }
    } finally {
      await oracle.close();
    }
    const sessions = stats.sessions - before;
    await post({ type: 'log', line: `wire oracle ${name}: ${sessions} sessions over loopback (${Math.round(sessions / Math.max(stats.seconds() - started, 1e-3))}/s)` });
    if (failure) break;
  }
  await post({ type: 'done', counts: stats.counts(), failures: stats.failures, ...(failure ? { failure } : {}), notRun });
}

try {
  await run();
} catch (err) {
  await post({ type: 'error', trouble: err instanceof WireTroubleError, message: err instanceof Error ? err.message : String(err) });
}
// Every message went out (each post waited for its send); nothing left here is worth waiting for.
finished = true;
process.disconnect();
