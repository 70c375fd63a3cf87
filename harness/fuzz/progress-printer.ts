// The live progress line every fuzzer prints while it runs.

/** A throttled `\r` progress line on a TTY, nothing otherwise (so logs stay clean). */
export function progressPrinter<S extends { progressLine(): string }>(stream: NodeJS.WriteStream, intervalMs = 250): (stats: S, force?: boolean) => void {
  let last = 0;
  return (stats, force = false) => {
    if (!stream.isTTY) return;
    const now = performance.now();
    if (!force && now - last < intervalMs) return;
    last = now;
    stream.write(`\r${stats.progressLine()}\x1b[K`);
    if (force) stream.write('\n');
  };
}
