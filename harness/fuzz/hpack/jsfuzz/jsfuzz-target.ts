// The jsfuzz target: `fuzz(bytes)` decodes the bytes into a case
// (case-bytes.ts) and checks the five properties (findings.ts) on it in process against
// libnghttp2, throwing on a failure, which jsfuzz records as a crash.
//
// It is compiled a second time as CommonJS (tsconfig.cjs.json → dist-cjs/),
// because jsfuzz measures coverage by instrumenting what require() loads;
// an ES module would fuzz blind. So nothing it requires may use import.meta.
//
// Only the implementation under test is require()d, so only it is
// instrumented: coverage then guides jsfuzz through the implementation's
// code, not the checker's. The checker, the oracles (koffi, hpack.js) and
// the input decoder come from the ES module build (dist/) through import(),
// which jsfuzz's require hook never sees. Instrumenting all of them, as
// require() did, halved the executions per second (every statement of the
// checker counted, and jsfuzz re-counts every counter after each execution).
//
// The driver (run-jsfuzz.ts) talks to it through environment variables:
// where to write running counts and the failing case, when to stop, and which
// implementation and oracles to load.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HPACKError } from '../../../../impl/hpack/index.js';
import { referenceHpack } from '../../../peers/reference-hpack.js';
import type { FuzzStats as FuzzStatsType } from '../fuzz-stats.js';
import type { FuzzTarget, ImplementationUnderTest } from '../fuzz-target.js';
import type { OracleName } from '../oracle-loader.js';
import type { JsfuzzFailure } from './jsfuzz-protocol.js';
import { JSFUZZ_ENV } from './jsfuzz-protocol.js';

/** The ES module build: this file runs from dist-cjs/harness/fuzz/hpack/jsfuzz/, the project root is five levels up. */
const ESM_BUILD = join(__dirname, '../../../../../dist/harness/fuzz/hpack');
/** A real import(): tsc would compile `import()` in a CommonJS build into require(), which jsfuzz instruments. */
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

async function loadChecker() {
  const [checker, json, findings, stats, loader, oracles, bytes] = await Promise.all([
    importEsm(join(ESM_BUILD, 'case-checker.js')) as Promise<typeof import('../case-checker.js')>,
    importEsm(join(ESM_BUILD, 'case-json.js')) as Promise<typeof import('../case-json.js')>,
    importEsm(join(ESM_BUILD, 'findings.js')) as Promise<typeof import('../findings.js')>,
    importEsm(join(ESM_BUILD, 'fuzz-stats.js')) as Promise<typeof import('../fuzz-stats.js')>,
    importEsm(join(ESM_BUILD, 'implementation-loader.js')) as Promise<typeof import('../implementation-loader.js')>,
    importEsm(join(ESM_BUILD, 'oracle-loader.js')) as Promise<typeof import('../oracle-loader.js')>,
    importEsm(join(ESM_BUILD, 'jsfuzz/case-bytes.js')) as Promise<typeof import('./case-bytes.js')>,
  ]);
  return { ...checker, ...json, ...findings, ...stats, ...loader, ...oracles, ...bytes };
}
type Checker = Awaited<ReturnType<typeof loadChecker>>;

const env = (name: keyof typeof JSFUZZ_ENV): string | undefined => process.env[JSFUZZ_ENV[name]];
const COUNTS_EVERY_MS = 250;

let lib: Checker | undefined;
let stats: FuzzStatsType | undefined;
let lastWrite = 0;
let target: FuzzTarget | undefined;

function underTest(l: Checker): ImplementationUnderTest {
  const module = env('impl');
  if (!module) return { impl: referenceHpack, isTyped: (err) => err instanceof HPACKError, byteIdentity: true, module: 'ours' };
  // require(), not import(): only what require() loads is instrumented.
  return l.seedApiImplementation(require(module) as Parameters<Checker['seedApiImplementation']>[0], module, env('typedError'));
}

function writeCounts(stats: FuzzStatsType, force: boolean): void {
  const file = env('counts');
  const now = Date.now();
  if (!file || (!force && now - lastWrite < COUNTS_EVERY_MS)) return;
  lastWrite = now;
  writeFileSync(file, JSON.stringify(stats.counts()));
}

function stopWhenDone(stats: FuzzStatsType): void {
  const deadline = Number(env('deadline') ?? Infinity);
  const runs = Number(env('runs') ?? Infinity);
  if (stats.sessions < runs && Date.now() < deadline) return;
  writeCounts(stats, true);
  // jsfuzz has no run or time limit; a worker that exits with 0 ends its fuzzer without a crash.
  process.exit(0);
}

export async function fuzz(bytes: Buffer): Promise<void> {
  const l = (lib ??= await loadChecker());
  const st = (stats ??= new l.FuzzStats());
  target ??= await l.buildFuzzTarget(underTest(l), (env('oracles') ?? '').split(',').filter((o): o is OracleName => (l.IN_PROCESS_ORACLES as readonly string[]).includes(o)));
  const c = l.caseFromBytes(bytes);
  const result = l.checkCase(target, c);
  st.record(result.blocks, result.findings);
  const failed = l.firstFailure(result.findings);
  if (failed) {
    const file = env('failure');
    const report: JsfuzzFailure = { input: bytes.toString('hex'), case: l.caseToJson(c), property: failed.property, message: failed.message };
    if (file) writeFileSync(file, JSON.stringify(report));
    writeCounts(st, true);
    throw new Error(`property ${failed.property}: ${failed.message}`);
  }
  writeCounts(st, false);
  stopWhenDone(st);
}
