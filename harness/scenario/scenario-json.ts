// Reading a scenario back from JSON (a reproducer, a file a user wrote):
// every step is checked for its op and the fields that op needs, so a typo
// is a typed error naming the step, not a frame nobody meant to send.
import type { Scenario, Step, StepOp } from './scenario.js';

export class ScenarioFormatError extends Error {
  override name = 'ScenarioFormatError';
  readonly code = 'ERR_SCENARIO_FORMAT';
}

/** The fields each op requires (optional ones are not listed). */
const REQUIRED: Record<StepOp, readonly string[]> = {
  preface: [],
  settings: ['pairs'],
  'settings-ack': [],
  headers: ['stream', 'fields', 'endStream'],
  data: ['stream', 'length', 'endStream'],
  priority: ['stream', 'dependsOn', 'weight', 'exclusive'],
  rst: ['stream', 'code'],
  ping: ['opaque'],
  goaway: ['lastStreamId', 'code'],
  'window-update': ['stream', 'increment'],
  'push-promise': ['stream', 'promised', 'fields'],
  raw: ['type', 'flags', 'stream', 'payload'],
  'tls-renegotiate': [],
  'server-shutdown': [],
  wait: [],
};

export function parseScenario(json: unknown): Scenario {
  const steps = (json as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) throw new ScenarioFormatError('a scenario is an object with a `steps` array');
  steps.forEach((step: unknown, i) => {
    const op = (step as { op?: unknown } | null)?.op;
    if (typeof op !== 'string' || !(op in REQUIRED)) throw new ScenarioFormatError(`step ${i}: unknown op ${JSON.stringify(op)}`);
    for (const field of REQUIRED[op as StepOp]) {
      if (!(field in (step as object))) throw new ScenarioFormatError(`step ${i} (${op}): missing ${field}`);
    }
  });
  return { steps: steps as Step[] };
}
