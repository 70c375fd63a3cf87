// One failure, one JSON file: the shrunk case, the seed and fast-check path
// that produced it, the property, and each side's output. Replay needs
// nothing else, so a reproducer stays a regression test for good:
// `h2harness replay FILE`.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseFromJson, caseToJson, wireCaseFromJson, wireCaseToJson } from './case-json.js';
import type { WireOracleName } from '../../peers/wire/wire-oracle.js';
import type { WireCase } from './wire/wire-case.js';
import type { Finding } from './findings.js';
import { PROPERTIES } from './findings.js';
import type { HpackCase } from './hpack-case.js';

export const REPRODUCER_FORMAT = 'h2harness/hpack-reproducer@1';

export interface Reproducer {
  format: typeof REPRODUCER_FORMAT;
  property: Finding['property'];
  propertyNumber: number;
  message: string;
  /** `ours` or the --impl module the failure was found in. */
  implementation: string;
  oracles: string[];
  engine: 'fast-check' | 'jsfuzz';
  seed: number | null;
  /** fast-check's counterexample path: `--seed S` plus this path regenerates the case. */
  path: string | null;
  block: number;
  /** jsfuzz engine only: its input (hex) that decoded to the case, before the case was shrunk. */
  input?: string;
  /** An in-process case (libnghttp2 and the in-process oracles)… */
  case?: HpackCase;
  /** …or a case exchanged with a peer over loopback, which replay runs against that peer again. */
  wire?: { oracle: WireOracleName; case: WireCase };
  sides: Record<string, unknown>;
}

export interface ReproducerFacts {
  finding: Finding;
  implementation: string;
  oracles: string[];
  engine: Reproducer['engine'];
  seed: number | null;
  path: string | null;
  hpackCase?: HpackCase;
  wire?: Reproducer['wire'];
  input?: string;
}

export function buildReproducer(f: ReproducerFacts): Reproducer {
  return {
    format: REPRODUCER_FORMAT,
    property: f.finding.property,
    propertyNumber: PROPERTIES[f.finding.property],
    message: f.finding.message,
    implementation: f.implementation,
    oracles: f.oracles,
    engine: f.engine,
    seed: f.seed,
    path: f.path,
    block: f.finding.block,
    ...(f.input !== undefined ? { input: f.input } : {}),
    ...(f.hpackCase ? { case: f.hpackCase } : {}),
    ...(f.wire ? { wire: f.wire } : {}),
    sides: f.finding.sides(),
  };
}

/** Writes `<dir>/p<N>-<property>-<hash>.json`; the hash keeps one file per distinct case. */
export function writeReproducer(dir: string, r: Reproducer): string {
  const caseJson = r.case ? { case: caseToJson(r.case) } : { wire: { oracle: r.wire!.oracle, case: wireCaseToJson(r.wire!.case) } };
  const json = JSON.stringify({ ...r, ...caseJson }, null, 2) + '\n';
  const hash = createHash('sha256').update(JSON.stringify(caseJson)).digest('hex').slice(0, 10);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `p${r.propertyNumber}-${r.property.slice(0, 48)}-${hash}.json`);
  writeFileSync(file, json);
  return file;
}

export class ReproducerFormatError extends Error {
  override name = 'ReproducerFormatError';
}

export function readReproducer(file: string): Reproducer {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (json.format !== REPRODUCER_FORMAT) throw new ReproducerFormatError(`${file}: not an ${REPRODUCER_FORMAT} file`);
  const r = json as unknown as Reproducer & { wire?: { oracle: WireOracleName; case: unknown } };
  if (r.wire) return { ...r, wire: { oracle: r.wire.oracle, case: wireCaseFromJson(r.wire.case) } };
  if (json.case === undefined) throw new ReproducerFormatError(`${file}: holds neither a case nor a wire case`);
  return { ...r, case: caseFromJson(json.case) };
}
