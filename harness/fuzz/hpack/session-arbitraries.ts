// Sessions: many blocks on one deflater/inflater pair with table-size changes
// between them. Sizes cluster where behaviour changes: 0 (nothing indexable),
// just around one entry's overhead (32, RFC 7541 §4.1), the HTTP/2 default
// 4096 and just past it, and well above; successive SETTINGS steps give
// shrink, grow and shrink-then-grow (RFC 7541 §4.2: the smallest must be sent).
import fc from 'fast-check';
import type { HpackSession, SessionStep } from './hpack-case.js';
import { headerList } from './field-arbitraries.js';
import { EDGE_TABLE_SIZES } from './field-pools.js';

export const tableSize: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...EDGE_TABLE_SIZES) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 512 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 70_000 }) },
);

const step: fc.Arbitrary<SessionStep> = fc.oneof(
  { weight: 6, arbitrary: headerList.map((fields): SessionStep => ({ kind: 'headers', fields })) },
  { weight: 1, arbitrary: tableSize.map((size): SessionStep => ({ kind: 'settings', size })) },
);

/** Mostly short sessions (throughput), one in twenty long enough for heavy eviction. */
const steps = fc.oneof(
  { weight: 19, arbitrary: fc.array(step, { minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.array(step, { minLength: 10, maxLength: 60 }) },
);

export const deflaterCap: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(4096) },
  { weight: 2, arbitrary: tableSize },
);

export const hpackSession: fc.Arbitrary<HpackSession> = fc.record({ deflaterCap, steps });
