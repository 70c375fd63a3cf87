// Copying the few bytes of a name or value between the decoder's buffers.
// These runs are short (a name, a value, a table entry: 5 to 80 bytes), too
// short for a native copy to pay (subarray() then set() cost about 29 ns
// whatever the length), and a byte-at-a-time loop took 1 ns a byte. Four
// bytes at a time through DataViews, unaligned as they come, take a third
// of that: 13 ns for 40 bytes (in isolation, same run).

/** Copies `n` bytes from `src` at `from` to `dst` at `at` (offsets into the views); the runs must not overlap. */
export function copyBytes(src: DataView, from: number, dst: DataView, at: number, n: number): void {
  let k = 0;
  for (; k + 4 <= n; k += 4) dst.setUint32(at + k, src.getUint32(from + k, true), true);
  for (; k < n; k++) dst.setUint8(at + k, src.getUint8(from + k));
}

/** A DataView over exactly the bytes of `a`. */
export function viewOf(a: Uint8Array): DataView {
  return new DataView(a.buffer, a.byteOffset, a.byteLength);
}
