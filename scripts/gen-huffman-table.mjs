#!/usr/bin/env node
// Generates impl/hpack/huffman-table.ts from the code lengths of the HPACK
// Huffman code, RFC 7541 Appendix B ("Huffman Code").
//
// The Appendix B code is canonical: codes are assigned in order of length,
// and within one length in order of symbol. So the code lengths alone (the
// `len in bits` column of Appendix B) determine every code; the generator
// rebuilds the codes from them and checks the result against a few codes
// copied from the same table. test/hpack/huffman.test.ts then checks every
// symbol against libnghttp2's decoder.
//
// Output:
//   HUFFMAN_CODES / HUFFMAN_LENGTHS: symbol 0..256 -> code, bit length (encoder)
//   HUFFMAN_DECODE: a 4-bit state-transition table for the decoder. A state
//   is an internal node of the code tree (256 of them, root = 0); entry
//   [state * 16 + nibble] packs: next state (bits 0-7), emitted symbol
//   (bits 8-15), EMIT (bit 16), FAIL (bit 17: the nibble completes EOS,
//   which RFC 7541 §5.2 forbids inside a string), ACCEPT (bit 18: ending the
//   string here leaves at most 7 bits of padding that are all ones, the EOS
//   prefix RFC 7541 §5.2 requires).
//
// Usage: node scripts/gen-huffman-table.mjs   (rewrites the file in place)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// RFC 7541 Appendix B, column `len in bits`, symbols 0..256, 16 per row.
const LENGTHS = [
  13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, // 0-15
  28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28, // 16-31
  6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, //         32-47  ' ' .. '/'
  5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10, //              48-63  '0' .. '?'
  13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, //                64-79  '@' .. 'O'
  7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6, //             80-95  'P' .. '_'
  15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, //                96-111 '`' .. 'o'
  6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28, //            112-127 'p' .. DEL
  20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, // 128-143
  24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24, // 144-159
  22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, // 160-175
  21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23, // 176-191
  26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, // 192-207
  19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27, // 208-223
  20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, // 224-239
  26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26, // 240-255
  30, //                                                             256 EOS
];

// Spot checks: codes as printed in RFC 7541 Appendix B (`code as hex`).
const SPOT = { 0: 0x1ff8, 10: 0x3ffffffc, 32: 0x14, 33: 0x3f8, 48: 0x0, 58: 0x5c, 92: 0x7fff0, 97: 0x3,
  127: 0xffffffc, 128: 0xfffe6, 199: 0x1ffffec, 203: 0x7ffffde, 249: 0xffffffe, 255: 0x3ffffee, 256: 0x3fffffff };

export function buildCodes(lengths) {
  if (lengths.length !== 257) throw new Error(`expected 257 lengths, got ${lengths.length}`);
  const order = lengths.map((len, sym) => ({ len, sym })).sort((a, b) => a.len - b.len || a.sym - b.sym);
  const codes = new Array(257);
  let code = 0;
  let prevLen = order[0].len;
  for (let i = 0; i < order.length; i++) {
    const { len, sym } = order[i];
    if (i > 0) code = (code + 1) * 2 ** (len - prevLen);
    prevLen = len;
    codes[sym] = code;
  }
  // A complete prefix code: the last (longest) code is all ones (EOS).
  if (codes[256] !== 2 ** 30 - 1) throw new Error('code table is not complete');
  for (const [sym, want] of Object.entries(SPOT)) {
    if (codes[sym] !== want) throw new Error(`symbol ${sym}: built 0x${codes[sym].toString(16)}, RFC says 0x${want.toString(16)}`);
  }
  return codes;
}

export function buildDecodeTable(codes, lengths) {
  // Code tree: internal nodes numbered in creation order, root 0.
  const children = [[-1, -1]]; // per internal node: [child0, child1]; child >= 0 node id, < -1 leaf (-2 - sym)
  for (let sym = 0; sym < 257; sym++) {
    let node = 0;
    for (let bit = lengths[sym] - 1; bit >= 0; bit--) {
      const b = Math.floor(codes[sym] / 2 ** bit) & 1;
      if (bit === 0) {
        if (children[node][b] !== -1) throw new Error('not a prefix code');
        children[node][b] = -2 - sym;
      } else {
        if (children[node][b] === -1) {
          children.push([-1, -1]);
          children[node][b] = children.length - 1;
        }
        node = children[node][b];
        if (node < 0) throw new Error('not a prefix code');
      }
    }
  }
  if (children.length !== 256) throw new Error(`expected 256 internal nodes, got ${children.length}`);
  // Accepting nodes: reached from the root by at most 7 one-bits (RFC 7541 §5.2 padding).
  const accepting = new Set([0]);
  for (let node = 0, d = 1; d <= 7; d++) {
    node = children[node][1];
    accepting.add(node);
  }
  const table = new Array(256 * 16);
  for (let state = 0; state < 256; state++) {
    for (let nibble = 0; nibble < 16; nibble++) {
      let node = state;
      let entry = 0;
      for (let bit = 3; bit >= 0; bit--) {
        const next = children[node][(nibble >> bit) & 1];
        if (next >= 0) {
          node = next;
          continue;
        }
        const sym = -2 - next;
        if (sym === 256) {
          entry |= 1 << 17;
          node = 0;
          break;
        }
        entry |= (1 << 16) | (sym << 8);
        node = 0;
      }
      if (!(entry & (1 << 17)) && accepting.has(node)) entry |= 1 << 18;
      table[state * 16 + nibble] = entry | node;
    }
  }
  return table;
}

function rows(values, perRow, hex) {
  const out = [];
  for (let i = 0; i < values.length; i += perRow) {
    out.push('  ' + values.slice(i, i + perRow).map((v) => (hex ? '0x' + v.toString(16) : String(v))).join(', ') + ',');
  }
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const codes = buildCodes(LENGTHS);
  const decode = buildDecodeTable(codes, LENGTHS);
  const text = `// GENERATED FILE, do not edit: written by scripts/gen-huffman-table.mjs from the
// code lengths of RFC 7541 Appendix B. See that script for the layout of each table.

/** Huffman code of each symbol 0..256 (256 = EOS), RFC 7541 Appendix B. */
export const HUFFMAN_CODES: readonly number[] = [
${rows(codes, 8, true)}
];

/** Bit length of each symbol's code, RFC 7541 Appendix B. */
export const HUFFMAN_LENGTHS = new Uint8Array([
${rows(LENGTHS, 16, false)}
]);

/** 4-bit decoder transitions: [state * 16 + nibble] = next | sym << 8 | EMIT | FAIL | ACCEPT. */
export const HUFFMAN_DECODE = new Uint32Array([
${rows(decode, 16, true)}
]);

export const HUFFMAN_DECODE_EMIT = 0x10000;
export const HUFFMAN_DECODE_FAIL = 0x20000;
export const HUFFMAN_DECODE_ACCEPT = 0x40000;
`;
  const target = new URL('../impl/hpack/huffman-table.ts', import.meta.url);
  writeFileSync(target, text);
  console.log(`wrote ${fileURLToPath(target)}`);
}
