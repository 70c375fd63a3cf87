// The few wire pieces the mutators and the judge write or read by hand: the
// prefixed integer (RFC 7541 §5.1) and the representation first bytes
// (§6.1–§6.3). Kept independent of impl/hpack on purpose: an oracle that
// shares code with the implementation under test shares its bugs.

/** First-byte pattern and prefix width of each representation. */
export const REPRESENTATION = {
  indexed: { pattern: 0x80, prefix: 7 }, // §6.1
  incremental: { pattern: 0x40, prefix: 6 }, // §6.2.1
  sizeUpdate: { pattern: 0x20, prefix: 5 }, // §6.3
  neverIndexed: { pattern: 0x10, prefix: 4 }, // §6.2.3
  withoutIndexing: { pattern: 0x00, prefix: 4 }, // §6.2.2
} as const;

/** RFC 7541 §5.1 integer with `pattern` in the bits above the prefix. */
export function encodeInteger(value: number, prefix: number, pattern = 0): number[] {
  const max = (1 << prefix) - 1;
  if (value < max) return [pattern | value];
  const out = [pattern | max];
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

/** A raw string literal (H = 0) of the given bytes (§5.2). */
export function encodeRawString(bytes: Uint8Array): number[] {
  return [...encodeInteger(bytes.length, 7), ...bytes];
}
