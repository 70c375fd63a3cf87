// Replaying one reproducer: the recorded case runs again against the
// implementation it names (or another given one) and libnghttp2, and every
// finding is shown with each side's output next to each other.
import { checkCase } from './case-checker.js';
import { withFullTables } from './fuzz-target.js';
import type { Finding } from './findings.js';
import { PROPERTIES } from './findings.js';
import { loadImplementation } from './implementation-loader.js';
import { buildFuzzTarget, IN_PROCESS_ORACLES } from './oracle-loader.js';
import type { OracleName } from './oracle-loader.js';
import { readReproducer } from './reproducer.js';
import { sideBySide } from './side-by-side.js';
import type { FuzzTarget } from './fuzz-target.js';
import { checkWireCase } from './wire/wire-checker.js';
import { startWireOracle } from './wire/wire-oracle-loader.js';
import type { Reproducer } from './reproducer.js';

/** A wire case goes to its peer again, over a fresh connection. */
async function replayWire(target: FuzzTarget, wire: NonNullable<Reproducer['wire']>): Promise<Finding[]> {
  const oracle = await startWireOracle(wire.oracle);
  try {
    return (await checkWireCase(withFullTables(target), oracle, wire.case)).findings;
  } finally {
    await oracle.close();
  }
}

export interface ReplayResult {
  findings: Finding[];
  failures: number;
}

export async function replayReproducer(file: string, opts: { impl?: string; log: (line: string) => void }): Promise<ReplayResult> {
  const r = readReproducer(file);
  const module = opts.impl ?? (r.implementation === 'ours' ? undefined : r.implementation);
  const oracles = r.oracles.filter((o): o is OracleName => (IN_PROCESS_ORACLES as readonly string[]).includes(o));
  const target = await buildFuzzTarget(await loadImplementation(module), oracles);
  opts.log(`replay ${file}: property ${r.propertyNumber} (${r.property}), recorded against ${r.implementation} (seed ${r.seed ?? '-'}, path ${r.path ?? '-'})`);
  opts.log(`recorded: block ${r.block}: ${r.message}`);
  opts.log(sideBySide(r.sides));
  const findings = r.wire ? await replayWire(target, r.wire) : checkCase(withFullTables(target), r.case!).findings;
  for (const f of findings) {
    opts.log(`now, ${target.target.impl.name}: ${f.verdict}${f.rule ? ` (${f.rule})` : ''}, property ${PROPERTIES[f.property]} at block ${f.block}: ${f.message}`);
    opts.log(sideBySide(f.sides()));
  }
  const failures = findings.filter((f) => f.verdict === 'failure').length;
  opts.log(failures === 0 ? `now: no failure against ${target.target.impl.name}` : `now: ${failures} failure(s) against ${target.target.impl.name}`);
  return { findings, failures };
}
