// Applying BlockMutations to a sequence of valid blocks (property 5). Each
// mutation aims at one rule of RFC 7541 a decoder must enforce or may relax.
import type { BlockMutation } from './hpack-case.js';
import { REPRESENTATION, encodeInteger, encodeRawString } from './hpack-wire.js';

const { indexed, sizeUpdate, withoutIndexing } = REPRESENTATION;
const NAME_A = encodeRawString(new Uint8Array([0x61]));

/** A literal without indexing, new name "a", whose value is the given Huffman bytes (§5.2). */
function literalWithHuffmanValue(huffman: number[]): number[] {
  return [withoutIndexing.pattern, ...NAME_A, ...encodeInteger(huffman.length, 7, 0x80), ...huffman];
}

/** §5.2's three MUSTs: padding over 7 bits, padding that is not EOS's prefix, EOS inside the string. */
const HUFFMAN_DEFECTS = {
  long: [0x1f, 0xff], // 'a' (00011) then 11 one-bits of padding
  'not-ones': [0x18], // 'a' then padding 000
  eos: [0xff, 0xff, 0xff, 0xff], // the 30-bit EOS code and two more ones
} as const;

/**
 * An integer with more continuation octets than needed (§5.1): up to 6 of
 * them carry zero bits (overlong but small, which a decoder may accept), past
 * that they carry ones (a value beyond any implementation limit).
 */
function oversizedInteger(prefix: number, pattern: number, continuation: number): number[] {
  const payload = continuation > 6 ? 0xff : 0x80;
  return [pattern | ((1 << prefix) - 1), ...Array.from({ length: continuation - 1 }, () => payload), 0x00];
}

/** The parts end to end; blocks can be 40 KiB, so no spreading into number arrays. */
function concat(...parts: ReadonlyArray<ArrayLike<number>>): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

function applyOne(blocks: Uint8Array[], m: BlockMutation): void {
  if (blocks.length === 0) return;
  const k = m.block % blocks.length;
  const b = blocks[k]!;
  const at = (n: number): number => (b.length === 0 ? 0 : n % (b.length + 1));
  switch (m.kind) {
    case 'flip-bit': {
      if (b.length === 0) return;
      const copy = new Uint8Array(b);
      const bit = m.bit % (b.length * 8);
      copy[bit >> 3]! ^= 0x80 >> (bit & 7);
      blocks[k] = copy;
      return;
    }
    case 'cut':
      blocks[k] = b.slice(0, b.length === 0 ? 0 : m.keep % b.length);
      return;
    case 'splice': {
      const src = blocks[m.from % blocks.length]!;
      const start = src.length === 0 ? 0 : m.start % src.length;
      const piece = src.subarray(start, start + m.length);
      const pos = at(m.at);
      blocks[k] = concat(b.subarray(0, pos), piece, b.subarray(pos));
      return;
    }
    case 'size-updates': {
      const updates = m.sizes.flatMap((s) => encodeInteger(s, sizeUpdate.prefix, sizeUpdate.pattern));
      blocks[k] = m.atEnd ? concat(b, updates) : concat(updates, b);
      return;
    }
    case 'index-past-table':
      // 0 is never valid (§6.1); 62 + n is the n-th dynamic entry, often past the end (§2.3.3).
      blocks[k] = concat(b, encodeInteger(m.beyond < 0 ? 0 : 62 + m.beyond, indexed.prefix, indexed.pattern));
      return;
    case 'huffman-padding':
      blocks[k] = concat(b, literalWithHuffmanValue([...HUFFMAN_DEFECTS[m.padding]]));
      return;
    case 'oversized-integer':
      blocks[k] = m.asLength
        ? concat(b, [withoutIndexing.pattern], oversizedInteger(7, 0, m.continuation), new Uint8Array(127).fill(0x61), [0x00])
        : concat(b, oversizedInteger(indexed.prefix, indexed.pattern, m.continuation));
      return;
    case 'raw':
      blocks[k] = concat(b, m.bytes);
      return;
  }
}

/** The blocks with every mutation applied in order; the input is left untouched. */
export function mutateBlocks(blocks: readonly Uint8Array[], mutations: readonly BlockMutation[]): Uint8Array[] {
  const out = [...blocks];
  for (const m of mutations) applyOne(out, m);
  return out;
}
