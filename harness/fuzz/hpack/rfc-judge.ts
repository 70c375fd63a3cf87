// A slow, strict HPACK decoder used only to settle accept/reject
// disagreements: given the blocks both sides saw, it says whether a block
// MUST be rejected (and by which section), MAY be rejected (a latitude rule),
// or is valid. It shares no code with impl/hpack; the Huffman code and static
// table are read as data from hpack.js (RFC 7541 Appendices A and B).
import huffmanModule from 'hpack.js/lib/hpack/huffman.js';
import staticTableModule from 'hpack.js/lib/hpack/static-table.js';
import type { LatitudeRuleId } from './latitude-rules.js';

export interface JudgedEntry { name: Uint8Array; value: Uint8Array }
export type JudgeStep = { kind: 'settings'; size: number } | { kind: 'block'; bytes: Uint8Array };
export type BlockVerdict =
  | { verdict: 'valid'; fields: JudgedEntry[] }
  | { verdict: 'must-reject'; reason: string; section: string }
  | { verdict: 'may-reject'; rule: LatitudeRuleId; reason: string };

const HUFFMAN = (huffmanModule as { encode: Array<[number, number]> }).encode;
const STATIC = (staticTableModule as { table: Array<{ name: string; value: string }> }).table.map(
  (e): JudgedEntry => ({ name: Buffer.from(e.name, 'latin1'), value: Buffer.from(e.value, 'latin1') }),
);
const EOS = 256;
/**
 * The Huffman code as a binary trie in one array: node n's children are at
 * 2n and 2n+1; a value >= LEAF marks a leaf holding symbol value - LEAF.
 */
const LEAF = 1 << 20;
const HUFFMAN_TRIE = ((): Int32Array => {
  const trie = new Int32Array(2 * 512).fill(-1);
  let nodes = 1;
  HUFFMAN.forEach(([bits, code], sym) => {
    let node = 0;
    for (let i = bits - 1; i >= 0; i--) {
      const slot = 2 * node + ((code >>> i) & 1);
      if (i === 0) trie[slot] = LEAF + sym;
      else node = trie[slot]! >= 0 ? trie[slot]! : (trie[slot] = nodes++);
    }
  });
  return trie;
})();
/** Implementation limits the judge itself applies; beyond them the RFC leaves the choice (§5.1). */
const MAX_STRING = 65_536;
const MAX_LIST = 65_536;
const MAX_INTEGER = 2 ** 32 - 1;

class Rejection extends Error {
  constructor(readonly verdict: Exclude<BlockVerdict, { verdict: 'valid' }>) {
    super(verdict.verdict);
  }
}
const must = (reason: string, section: string): never => {
  throw new Rejection({ verdict: 'must-reject', reason, section });
};
/** A latitude after which the decoder state is the decoder's choice: the judge cannot follow further. */
const mayAndStop = (rule: LatitudeRuleId, reason: string): never => {
  throw new Rejection({ verdict: 'may-reject', rule, reason });
};

/**
 * The trie walked a whole octet at a time: for every inner node and octet,
 * the node the eight bits lead to and the symbols they complete (at most
 * two, the shortest code being 5 bits), or NO_NODE when they complete EOS.
 * Walking bit by bit took the judge about a millisecond per 64 KiB string,
 * and the fuzzers' longest strings come to the judge in every case where
 * libnghttp2 refuses them. Built on first use from the same trie.
 */
interface OctetSteps {
  next: Int16Array;
  count: Uint8Array;
  symbols: Uint8Array;
  /** Bits walked from the last symbol to the node, and whether all were ones (the padding rules of §5.2). */
  depth: Uint8Array;
  allOnes: Uint8Array;
}
const NO_NODE = -1;
let octetSteps: OctetSteps | undefined;

function buildOctetSteps(): OctetSteps {
  const inner = 1 + Math.max(...Array.from(HUFFMAN_TRIE).filter((v) => v >= 0 && v < LEAF));
  const steps: OctetSteps = { next: new Int16Array(inner * 256), count: new Uint8Array(inner * 256), symbols: new Uint8Array(inner * 512), depth: new Uint8Array(inner), allOnes: new Uint8Array(inner) };
  steps.allOnes[0] = 1;
  // Children are numbered after their parent, so one pass in order sees every parent first.
  for (let node = 0; node < inner; node++) {
    for (const bit of [0, 1]) {
      const child = HUFFMAN_TRIE[2 * node + bit]!;
      if (child < 0 || child >= LEAF) continue;
      steps.depth[child] = steps.depth[node]! + 1;
      steps.allOnes[child] = steps.allOnes[node]! & bit;
    }
  }
  for (let node = 0; node < inner; node++) {
    for (let octet = 0; octet < 256; octet++) {
      const at = node * 256 + octet;
      let n = node;
      let count = 0;
      for (let i = 7; i >= 0 && n !== NO_NODE; i--) {
        const next = HUFFMAN_TRIE[2 * n + ((octet >> i) & 1)]!;
        if (next < LEAF) n = next;
        else if (next - LEAF === EOS) n = NO_NODE;
        else {
          steps.symbols[2 * at + count++] = next - LEAF;
          n = 0;
        }
      }
      steps.next[at] = n;
      steps.count[at] = count;
    }
  }
  return steps;
}

function huffmanDecode(bytes: Uint8Array): Uint8Array {
  const steps = (octetSteps ??= buildOctetSteps());
  // The shortest code is 5 bits (Appendix B), which bounds the output.
  const out = new Uint8Array(Math.floor((bytes.length * 8) / 5));
  let n = 0;
  let node = 0;
  for (let i = 0; i < bytes.length; i++) {
    const at = node * 256 + bytes[i]!;
    const count = steps.count[at]!;
    if (count > 0) out[n++] = steps.symbols[2 * at]!;
    if (count > 1) out[n++] = steps.symbols[2 * at + 1]!;
    node = steps.next[at]!;
    if (node === NO_NODE) must('Huffman string contains EOS', 'RFC 7541 §5.2');
  }
  if (steps.depth[node]! > 7) must('Huffman padding longer than 7 bits', 'RFC 7541 §5.2');
  if (!steps.allOnes[node]) must('Huffman padding is not a prefix of EOS', 'RFC 7541 §5.2');
  return out.subarray(0, n);
}

/** Decoder state across blocks, mirroring what any conforming decoder must hold. */
class JudgeContext {
  table: JudgedEntry[] = [];
  size = 0;
  maxSize = 4096;
  limit = 4096;
  /** Smallest limit announced since the last block, when it forced the table to shrink. */
  shrunkTo: number | null = null;
  may: Extract<BlockVerdict, { verdict: 'may-reject' }> | null = null;

  settings(size: number): void {
    this.limit = size;
    if (size < this.maxSize) {
      this.shrunkTo = Math.min(this.shrunkTo ?? size, size);
      this.resize(size);
    }
  }

  resize(max: number): void {
    this.maxSize = max;
    while (this.size > this.maxSize) this.size -= entrySize(this.table.pop()!);
  }

  add(entry: JudgedEntry): void {
    // §4.4: an entry larger than the table empties it and is not added.
    this.table.unshift(entry);
    this.size += entrySize(entry);
    while (this.size > this.maxSize) this.size -= entrySize(this.table.pop()!);
  }

  noteMay(rule: LatitudeRuleId, reason: string): void {
    this.may ??= { verdict: 'may-reject', rule, reason };
  }

  lookup(index: number): JudgedEntry {
    if (index === 0) must('index 0', 'RFC 7541 §6.1');
    const entry = index <= STATIC.length ? STATIC[index - 1] : this.table[index - STATIC.length - 1];
    return entry ?? must(`index ${index} past the tables (${STATIC.length}+${this.table.length})`, 'RFC 7541 §2.3.3');
  }
}

const entrySize = (e: JudgedEntry): number => e.name.length + e.value.length + 32; // §4.1

class BlockReader {
  pos = 0;
  constructor(readonly bytes: Uint8Array, readonly ctx: JudgeContext) {}

  integer(prefix: number): number {
    const max = (1 << prefix) - 1;
    let value = this.byte() & max;
    if (value < max) return value;
    let shift = 0;
    let octets = 0;
    let b: number;
    do {
      b = this.byte();
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      octets++;
    } while (b & 0x80);
    if (value > MAX_INTEGER) this.ctx.noteMay('integer-limit', `integer ${value} over 2^32-1`);
    else if (octets > 1 && b === 0) this.ctx.noteMay('integer-limit', `overlong integer (${octets} continuation octets)`);
    return value;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) must('block ends inside a representation', 'RFC 9113 §4.3 (decoding error), RFC 7541 §5');
    return this.bytes[this.pos++]!;
  }

  string(): Uint8Array {
    const huffman = (this.bytes[this.pos] ?? 0) & 0x80;
    const length = this.integer(7);
    if (length > this.bytes.length - this.pos) must('string runs past the end of the block', 'RFC 9113 §4.3 (decoding error), RFC 7541 §5.2');
    const raw = this.bytes.subarray(this.pos, (this.pos += length));
    const value = huffman ? huffmanDecode(raw) : raw;
    if (length > MAX_STRING || value.length > MAX_STRING) this.ctx.noteMay('field-length-limit', `string of ${value.length} octets`);
    return value;
  }
}

function judgeOne(bytes: Uint8Array, ctx: JudgeContext): JudgedEntry[] {
  const r = new BlockReader(bytes, ctx);
  const fields: JudgedEntry[] = [];
  let firstUpdate = true;
  // Without the update a decoder may shrink at SETTINGS time or wait: the table is then its choice.
  if (ctx.shrunkTo !== null && (bytes.length === 0 || (bytes[0]! & 0xe0) !== 0x20)) mayAndStop('missing-size-update', `limit shrank to ${ctx.shrunkTo}, block has no size update`);
  while (r.pos < bytes.length) {
    const first = bytes[r.pos]!;
    if (first & 0x80) {
      const e = ctx.lookup(r.integer(7));
      fields.push({ name: e.name, value: e.value });
    } else if ((first & 0xe0) === 0x20) {
      if (fields.length > 0) ctx.noteMay('size-update-after-field', 'size update after a field');
      const size = r.integer(5);
      if (size > ctx.limit) must(`size update ${size} over the limit ${ctx.limit}`, 'RFC 7541 §6.3');
      if (firstUpdate && ctx.shrunkTo !== null && size > ctx.shrunkTo) mayAndStop('smallest-size-not-signaled', `first update ${size}, limit went down to ${ctx.shrunkTo}`);
      firstUpdate = false;
      ctx.resize(size);
    } else {
      const incremental = (first & 0xc0) === 0x40;
      const index = r.integer(incremental ? 6 : 4);
      const name = index === 0 ? r.string() : ctx.lookup(index).name;
      const field = { name, value: r.string() };
      fields.push(field);
      if (incremental) ctx.add(field); // §6.2.1; §6.2.2 and §6.2.3 leave the table alone
    }
  }
  ctx.shrunkTo = null;
  const listSize = fields.reduce((n, f) => n + entrySize(f), 0);
  if (listSize > MAX_LIST) ctx.noteMay('header-list-size-limit', `header list of ${listSize} octets (RFC 7541 §4.1 sizes)`);
  return fields;
}

/**
 * The verdict on each block in order, up to and including the first block that
 * MUST be rejected, and no further than block `through` (later blocks cannot
 * change an earlier verdict, so a caller asking about one block stops there).
 */
export function judgeSteps(steps: readonly JudgeStep[], through = Infinity): BlockVerdict[] {
  const ctx = new JudgeContext();
  const verdicts: BlockVerdict[] = [];
  for (const step of steps) {
    if (step.kind === 'settings') {
      ctx.settings(step.size);
      continue;
    }
    ctx.may = null;
    try {
      const fields = judgeOne(step.bytes, ctx);
      verdicts.push(ctx.may ?? { verdict: 'valid', fields });
    } catch (err) {
      if (!(err instanceof Rejection)) throw err;
      verdicts.push(err.verdict);
    }
    // After a noted may-reject the judge has decoded the whole block and goes on; after a thrown one it cannot.
    if (verdicts.at(-1)!.verdict !== 'valid' && ctx.may !== verdicts.at(-1)) break;
    if (verdicts.length > through) break;
  }
  return verdicts;
}
