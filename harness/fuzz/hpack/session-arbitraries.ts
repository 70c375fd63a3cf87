// Sessions: many blocks on one deflater/inflater pair with table-size changes
// between them. Sizes cluster where behaviour changes: 0 (nothing indexable),
// just around one entry's overhead (32, RFC 7541 §4.1), the HTTP/2 default
// 4096 and just past it, and well above; successive SETTINGS steps give
// shrink, grow and shrink-then-grow (RFC 7541 §4.2: the smallest must be sent).
import type { HpackSession, SessionStep } from './hpack-case.js';
import { headerList } from './field-arbitraries.js';
import { EDGE_TABLE_SIZES } from './field-pools.js';
import type { Draw } from './random-draws.js';
import { arrayOf, int, pick, weighted } from './random-draws.js';

export const tableSize: Draw<number> = weighted([
  [6, pick(EDGE_TABLE_SIZES)],
  [3, (r) => int(r, 0, 512)],
  [2, (r) => int(r, 0, 70_000)],
]);

const step: Draw<SessionStep> = weighted<SessionStep>([
  [6, (r) => ({ kind: 'headers', fields: headerList(r) })],
  [1, (r) => ({ kind: 'settings', size: tableSize(r) })],
]);

/** Mostly short sessions (throughput), one in twenty long enough for heavy eviction. */
const steps = weighted([
  [19, arrayOf(step, 1, 6)],
  [1, arrayOf(step, 10, 60)],
]);

export const deflaterCap: Draw<number> = weighted([
  [3, () => 4096],
  [2, tableSize],
]);

export const hpackSession: Draw<HpackSession> = (r) => {
  const cap = deflaterCap(r);
  return { deflaterCap: cap, steps: steps(r) };
};
