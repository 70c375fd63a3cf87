// One finding, one JSON file: the shrunk scenario, the seed that produced
// it, the rule broken, and each target's transcript and outcome. Replay
// needs nothing else: `h2harness replay FILE` runs the scenario again
// against the same targets and shows them side by side.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Outcome } from '../../scenario/outcome.js';
import { parseScenario } from '../../scenario/scenario-json.js';
import type { Scenario } from '../../scenario/scenario.js';
import type { Transcript } from '../../scenario/transcript.js';
import type { FoundFinding } from './fast-check-runner.js';
import type { Finding } from './verdict.js';

export const SERVER_REPRODUCER_FORMAT = 'h2harness/server-reproducer@1';

export interface ServerReproducer {
  format: typeof SERVER_REPRODUCER_FORMAT;
  finding: Finding;
  seed: number;
  /** Index of the scenario in the seed's sequence, before shrinking. */
  index: number;
  /** Every target the scenario ran against (`in-process`, `ref`, `node`, `nghttpd`, `HOST:PORT`). */
  targets: string[];
  tls: boolean;
  scenario: Scenario;
  sides: Array<{ target: string; outcome: Outcome; transcript: Transcript }>;
}

export function buildServerReproducer(f: FoundFinding, tls: boolean): ServerReproducer {
  return {
    format: SERVER_REPRODUCER_FORMAT,
    finding: f.check.finding!,
    seed: f.seed,
    index: f.index,
    targets: f.check.sides.map((s) => s.target),
    tls,
    scenario: f.scenario,
    sides: f.check.sides.map((s) => ({ target: s.target, outcome: s.outcome, transcript: s.transcript })),
  };
}

/** Writes `<dir>/<rule>-<target>-<hash>.json`; the hash (of the scenario) keeps one file per distinct case. */
export function writeServerReproducer(dir: string, r: ServerReproducer): string {
  const hash = createHash('sha256').update(JSON.stringify(r.scenario)).digest('hex').slice(0, 10);
  mkdirSync(dir, { recursive: true });
  const safe = r.finding.target.replace(/[^A-Za-z0-9.-]+/g, '_');
  const file = join(dir, `${r.finding.rule}-${safe}-${hash}.json`);
  writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
  return file;
}

export class ServerReproducerFormatError extends Error {
  override name = 'ServerReproducerFormatError';
  readonly code = 'ERR_SERVER_REPRODUCER_FORMAT';
}

export function isServerReproducer(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === SERVER_REPRODUCER_FORMAT;
}

export function readServerReproducer(file: string): ServerReproducer {
  const json = JSON.parse(readFileSync(file, 'utf8')) as ServerReproducer;
  if (!isServerReproducer(json)) throw new ServerReproducerFormatError(`${file}: not an ${SERVER_REPRODUCER_FORMAT} file`);
  if (!Array.isArray(json.targets) || json.targets.length === 0) throw new ServerReproducerFormatError(`${file}: names no target`);
  return { ...json, scenario: parseScenario(json.scenario) };
}
