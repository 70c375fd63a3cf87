// The jsfuzz engine's input format: how a byte string becomes an HpackCase
// (the same cases the fast-check engine generates, so the same checker,
// reproducers and replay serve both), and back. Every byte string decodes to
// some case, so each of jsfuzz's mutations is a new case, and small changes
// to the bytes make small changes to the case (a length, a table size, one
// field), which is what coverage guidance needs.
//
//   case      = cap-size op*                      (until the bytes run out)
//   op        = 0..4 headers | 5 size | 6 mutation  (op byte modulo 8; 7 is headers too)
//   headers   = count(u8 % 11) field*
//   field     = flags(u8, bit 0 sensitive) string(name) string(value)
//   string    = 0x00–0x7f: that many raw bytes | 0x80–0xbf: a pool entry
//             | 0xc0–0xef: a pattern of (k & 3) + 1 bytes repeated to a length,
//               by s = (k - 0xc0) >> 2: u8 when s < 8, u16 when s < 11, else
//               u16 + 4500 (past libnghttp2's 64 KiB field limit, kept rare)
//             | 0xf0–0xff: u16 length, raw bytes (as many as there are)
//   size      = u8 < 0xf0: EDGE_TABLE_SIZES[u8 % n] | else u24 % 70001
// Missing bytes read as zero, so a cut input still decodes.
import type { InputField } from '../../../peers/hpack-implementation.js';
import { toBytes } from '../../../peers/hpack-implementation.js';
import { EDGE_TABLE_SIZES, POOL_NAMES, POOL_VALUES, STATIC_NAMES, STATIC_VALUES } from '../field-pools.js';
import type { BlockMutation, HpackCase, SessionStep } from '../hpack-case.js';

const STRING_POOL = [...POOL_NAMES, ...STATIC_NAMES, ...POOL_VALUES, ...STATIC_VALUES, new Uint8Array(0)];
const MUTATION_KINDS = ['flip-bit', 'cut', 'splice', 'size-updates', 'index-past-table', 'huffman-padding', 'oversized-integer', 'raw'] as const;
const PADDINGS = ['long', 'not-ones', 'eos'] as const;

/** Bounds that keep one case fast whatever the bytes say. */
export const CASE_LIMITS = { steps: 64, mutations: 8, fieldsPerList: 10, stringLength: 70_000, stringBytesPerCase: 400_000, tableSize: 70_000 } as const;

const OP = { headers: 0, size: 5, mutation: 6 } as const;
const LONG_REPEAT_OFFSET = 4500;

class ByteReader {
  #pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get done(): boolean {
    return this.#pos >= this.bytes.length;
  }
  u8(): number {
    return this.#pos < this.bytes.length ? this.bytes[this.#pos++]! : (this.#pos++, 0);
  }
  u16(): number {
    return (this.u8() << 8) | this.u8();
  }
  u24(): number {
    return (this.u8() << 16) | this.u16();
  }
  takeAvailable(n: number): Uint8Array {
    return this.take(Math.min(n, Math.max(0, this.bytes.length - this.#pos)));
  }
  take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    const have = Math.max(0, Math.min(n, this.bytes.length - this.#pos));
    out.set(this.bytes.subarray(this.#pos, this.#pos + have));
    this.#pos += n;
    return out;
  }
}

class CaseDecoder {
  #stringBudget: number = CASE_LIMITS.stringBytesPerCase;
  constructor(private readonly r: ByteReader) {}

  size(): number {
    const sel = this.r.u8();
    return sel < 0xf0 ? EDGE_TABLE_SIZES[sel % EDGE_TABLE_SIZES.length]! : this.r.u24() % (CASE_LIMITS.tableSize + 1);
  }

  string(): Uint8Array {
    const kind = this.r.u8();
    let out: Uint8Array;
    if (kind < 0x80) out = this.r.take(kind);
    else if (kind < 0xc0) out = STRING_POOL[(kind - 0x80) % STRING_POOL.length]!;
    else if (kind < 0xf0) {
      const pattern = this.r.take((kind & 3) + 1);
      const scale = (kind - 0xc0) >> 2;
      const length = scale < 8 ? this.r.u8() : this.r.u16() + (scale === 11 ? LONG_REPEAT_OFFSET : 0);
      out = new Uint8Array(Buffer.alloc(Math.min(length, CASE_LIMITS.stringLength, this.#stringBudget), pattern));
    } else out = this.r.takeAvailable(this.r.u16());
    this.#stringBudget = Math.max(0, this.#stringBudget - out.length);
    return out;
  }

  headers(): InputField[] {
    const count = this.r.u8() % (CASE_LIMITS.fieldsPerList + 1);
    const fields: InputField[] = [];
    for (let i = 0; i < count; i++) {
      const sensitive = (this.r.u8() & 1) === 1;
      const name = this.string();
      const value = this.string();
      fields.push(sensitive ? [name, value, { sensitive: true }] : [name, value]);
    }
    return fields;
  }

  mutation(): BlockMutation {
    const r = this.r;
    const kind = MUTATION_KINDS[r.u8() % MUTATION_KINDS.length]!;
    const block = r.u8() % 64;
    switch (kind) {
      case 'flip-bit':
        return { kind, block, bit: r.u16() % 4096 };
      case 'cut':
        return { kind, block, keep: r.u8() };
      case 'splice':
        return { kind, block, from: r.u8() % 64, start: r.u8(), length: (r.u8() % 64) + 1, at: r.u8() };
      case 'size-updates': {
        const n = (r.u8() % 4) + 1;
        const sizes = Array.from({ length: n }, () => this.size());
        return { kind, block, sizes, atEnd: (r.u8() & 1) === 1 };
      }
      case 'index-past-table':
        return { kind, block, beyond: (r.u16() % 303) - 2 };
      case 'huffman-padding':
        return { kind, block, padding: PADDINGS[r.u8() % PADDINGS.length]! };
      case 'oversized-integer':
        return { kind, block, continuation: (r.u8() % 12) + 1, asLength: (r.u8() & 1) === 1 };
      case 'raw':
        return { kind, block, bytes: r.take((r.u8() % 32) + 1) };
    }
  }
}

export function caseFromBytes(bytes: Uint8Array): HpackCase {
  const r = new ByteReader(bytes);
  const d = new CaseDecoder(r);
  const deflaterCap = d.size();
  const steps: SessionStep[] = [];
  const mutations: BlockMutation[] = [];
  while (!r.done && steps.length < CASE_LIMITS.steps) {
    const op = r.u8() % 8;
    if (op === OP.size) steps.push({ kind: 'settings', size: d.size() });
    else if (op === OP.mutation) {
      const m = d.mutation();
      if (mutations.length < CASE_LIMITS.mutations) mutations.push(m);
    } else steps.push({ kind: 'headers', fields: d.headers() });
  }
  return { session: { deflaterCap, steps }, mutations };
}

/** Bytes that decode to `c` (for cases within CASE_LIMITS): seeds for the corpus, from reproducers and generated cases. */
export function caseToBytes(c: HpackCase): Uint8Array {
  const out: number[] = [];
  const u16 = (n: number): void => void out.push((n >> 8) & 0xff, n & 0xff);
  const u24 = (n: number): void => void out.push((n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  const size = (n: number): void => {
    const i = EDGE_TABLE_SIZES.indexOf(n);
    if (i >= 0) {
      out.push(i);
    } else {
      out.push(0xff);
      u24(n);
    }
  };
  const string = (part: InputField[0]): void => {
    const b = toBytes(part);
    const period = repeatPeriod(b);
    if (b.length <= 0x7f) {
      out.push(b.length, ...b);
    } else if (period > 0 && b.length <= 0xff) {
      out.push(0xc0 | (period - 1), ...b.subarray(0, period), b.length);
    } else if (period > 0 && b.length <= 0xffff) {
      out.push(0xe0 | (period - 1), ...b.subarray(0, period));
      u16(b.length);
    } else if (period > 0) {
      out.push(0xec | (period - 1), ...b.subarray(0, period));
      u16(b.length - LONG_REPEAT_OFFSET);
    } else {
      if (b.length > 0xffff) throw new RangeError(`a string of ${b.length} octets with no short repeating pattern has no byte form`);
      out.push(0xff);
      u16(b.length);
      for (const x of b) out.push(x);
    }
  };
  size(c.session.deflaterCap);
  for (const s of c.session.steps) {
    if (s.kind === 'settings') {
      out.push(OP.size);
      size(s.size);
      continue;
    }
    out.push(OP.headers, s.fields.length);
    for (const f of s.fields) {
      out.push(f[2]?.sensitive === true ? 1 : 0);
      string(f[0]);
      string(f[1]);
    }
  }
  for (const m of c.mutations) {
    out.push(OP.mutation, MUTATION_KINDS.indexOf(m.kind), m.block);
    switch (m.kind) {
      case 'flip-bit':
        u16(m.bit);
        break;
      case 'cut':
        out.push(m.keep);
        break;
      case 'splice':
        out.push(m.from, m.start, m.length - 1, m.at);
        break;
      case 'size-updates':
        out.push(m.sizes.length - 1);
        m.sizes.forEach(size);
        out.push(m.atEnd ? 1 : 0);
        break;
      case 'index-past-table':
        u16(m.beyond + 2);
        break;
      case 'huffman-padding':
        out.push(PADDINGS.indexOf(m.padding));
        break;
      case 'oversized-integer':
        out.push(m.continuation - 1, m.asLength ? 1 : 0);
        break;
      case 'raw':
        out.push(m.bytes.length - 1, ...m.bytes);
        break;
    }
  }
  return new Uint8Array(out);
}

/** The length (1–4) of a pattern that repeats to make up all of `b`, or 0. */
function repeatPeriod(b: Uint8Array): number {
  for (let p = 1; p <= 4; p++) {
    let repeats = true;
    for (let i = p; i < b.length && repeats; i++) repeats = b[i] === b[i - p];
    if (repeats) return p;
  }
  return 0;
}
