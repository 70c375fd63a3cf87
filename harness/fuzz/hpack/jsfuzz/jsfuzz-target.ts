// The jsfuzz target: `fuzz(bytes)` decodes the bytes into a case
// (case-bytes.ts) and checks the five properties (findings.ts) on it in process against
// libnghttp2, throwing on a failure, which jsfuzz records as a crash.
//
// It is compiled a second time as CommonJS (tsconfig.cjs.json → dist-cjs/),
// because jsfuzz measures coverage by instrumenting what require() loads;
// an ES module would fuzz blind. So nothing it imports may use import.meta.
//
// The driver (run-jsfuzz.ts) talks to it through environment variables:
// where to write running counts and the failing case, when to stop, and which
// implementation and oracles to load.
import { writeFileSync } from 'node:fs';
import { HPACKError } from '../../../../impl/hpack/index.js';
import { referenceHpack } from '../../../peers/reference-hpack.js';
import { checkCase } from '../case-checker.js';
import { caseToJson } from '../case-json.js';
import { firstFailure } from '../findings.js';
import { FuzzStats } from '../fuzz-stats.js';
import type { FuzzTarget, ImplementationUnderTest } from '../fuzz-target.js';
import { seedApiImplementation } from '../implementation-loader.js';
import { buildFuzzTarget, IN_PROCESS_ORACLES } from '../oracle-loader.js';
import type { OracleName } from '../oracle-loader.js';
import { caseFromBytes } from './case-bytes.js';
import type { JsfuzzFailure } from './jsfuzz-protocol.js';
import { JSFUZZ_ENV } from './jsfuzz-protocol.js';

const env = (name: keyof typeof JSFUZZ_ENV): string | undefined => process.env[JSFUZZ_ENV[name]];
const COUNTS_EVERY_MS = 250;

const stats = new FuzzStats();
let lastWrite = 0;
let target: FuzzTarget | undefined;

function underTest(): ImplementationUnderTest {
  const module = env('impl');
  if (!module) return { impl: referenceHpack, isTyped: (err) => err instanceof HPACKError, byteIdentity: true, module: 'ours' };
  // require(), not import(): only what require() loads is instrumented.
  return seedApiImplementation(require(module) as Parameters<typeof seedApiImplementation>[0], module, env('typedError'));
}

function writeCounts(force: boolean): void {
  const file = env('counts');
  const now = Date.now();
  if (!file || (!force && now - lastWrite < COUNTS_EVERY_MS)) return;
  lastWrite = now;
  writeFileSync(file, JSON.stringify(stats.counts()));
}

function stopWhenDone(): void {
  const deadline = Number(env('deadline') ?? Infinity);
  const runs = Number(env('runs') ?? Infinity);
  if (stats.sessions < runs && Date.now() < deadline) return;
  writeCounts(true);
  // jsfuzz has no run or time limit; a worker that exits with 0 ends its fuzzer without a crash.
  process.exit(0);
}

export async function fuzz(bytes: Buffer): Promise<void> {
  target ??= await buildFuzzTarget(underTest(), (env('oracles') ?? '').split(',').filter((o): o is OracleName => (IN_PROCESS_ORACLES as readonly string[]).includes(o)));
  const c = caseFromBytes(bytes);
  const result = checkCase(target, c);
  stats.record(result.blocks, result.findings);
  const failed = firstFailure(result.findings);
  if (failed) {
    const file = env('failure');
    const report: JsfuzzFailure = { input: bytes.toString('hex'), case: caseToJson(c), property: failed.property, message: failed.message };
    if (file) writeFileSync(file, JSON.stringify(report));
    writeCounts(true);
    throw new Error(`property ${failed.property}: ${failed.message}`);
  }
  writeCounts(false);
  stopWhenDone();
}
