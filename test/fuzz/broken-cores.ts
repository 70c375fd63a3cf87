// Deliberately broken copies of our HTTP/2 core for the proof that the
// server fuzzer catches bugs. Each is a copy of the built impl/ with ONE
// textual patch; the search string must occur exactly once, so when the
// core changes shape this fails loudly instead of silently testing nothing.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ConnectionOptions } from '../../impl/http2/connection.js';
import { IN_PROCESS_OPTIONS, type CoreConnection, type CoreFactory } from '../../harness/scenario/in-process-target.js';

export interface CoreBug {
  name: string;
  /** File under dist/impl/http2/. */
  file: string;
  search: string;
  replace: string;
}

export const CORE_BUGS: readonly CoreBug[] = [
  {
    name: 'window-overflow-protocol-error',
    file: 'connection-flow.js',
    search: "throw new ConnectionError(E.FLOW_CONTROL_ERROR, '6.9.1', 'connection window above 2^31-1');",
    replace: "throw new ConnectionError(E.PROTOCOL_ERROR, '6.9.1', 'connection window above 2^31-1');",
  },
  {
    name: 'max-concurrent-streams-off-by-one',
    file: 'request-frames.js',
    search: 'if (this.streams.concurrentPeerStreams() + this.lingering() >= this.limits.maxConcurrentStreams) {',
    replace: 'if (this.streams.concurrentPeerStreams() + this.lingering() > this.limits.maxConcurrentStreams) {',
  },
  {
    name: 'continuation-on-other-stream-accepted',
    file: 'header-block.js',
    search: 'if (f.streamId !== o.streamId) {',
    replace: 'if (f.streamId !== o.streamId && false) {',
  },
  {
    // The stream state table's cell for DATA after both sides ended: ignored instead of STREAM_CLOSED.
    name: 'data-on-closed-stream-ignored',
    file: 'stream-state.js',
    search: "recv_data: 'C STREAM_CLOSED 5.1',",
    replace: "recv_data: '-',",
  },
  {
    // The idle row's cell for RST_STREAM: the stream stays idle instead of a connection error.
    name: 'rst-stream-on-idle-accepted',
    file: 'stream-state.js',
    search: "recv_rst: 'C PROTOCOL_ERROR 6.4',",
    replace: "recv_rst: 'idle',",
  },
  {
    name: 'initial-window-change-not-applied',
    file: 'settings-exchange.js',
    search: 'for (const s of this.streams.values()) {\n                    if (!s.sendWindow.grow(delta))',
    replace: 'for (const s of [].values()) {\n                    if (!s.sendWindow.grow(delta))',
  },
  {
    name: 'padding-longer-than-payload-accepted',
    file: 'frame-decoder.js',
    search: 'if (padLength >= payload.length) {',
    replace: 'if (padLength >= payload.length + 256) {',
  },
  {
    name: 'missing-path-accepted',
    file: 'request-validation.js',
    search: "throw malformed(id, '8.3.1', 'missing :path');",
    replace: 'void 0;',
  },
];

const here = dirname(fileURLToPath(import.meta.url));
/** dist/ of this build (the test runs from dist/test/fuzz/). */
const DIST = resolve(here, '..', '..');

export class BrokenCore {
  private constructor(
    readonly bug: CoreBug,
    readonly dir: string,
    readonly factory: CoreFactory,
  ) {}

  /** Copies dist/impl, applies the one patch, loads the copy's ServerConnection. */
  static async make(bug: CoreBug, options: ConnectionOptions = IN_PROCESS_OPTIONS): Promise<BrokenCore> {
    const dir = mkdtempSync(join(tmpdir(), `h2harness-core-${bug.name}-`));
    cpSync(join(DIST, 'impl'), join(dir, 'impl'), { recursive: true });
    // The copy lives outside the package: say again that its .js files are ES modules.
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const file = join(dir, 'impl', 'http2', bug.file);
    const text = readFileSync(file, 'utf8');
    const count = text.split(bug.search).length - 1;
    if (count !== 1) throw new Error(`bug ${bug.name}: search string found ${count} times in ${bug.file} (expected exactly once)`);
    writeFileSync(file, text.replace(bug.search, bug.replace));
    const mod = (await import(pathToFileURL(join(dir, 'impl', 'http2', 'connection.js')).href)) as { ServerConnection: new (o: ConnectionOptions) => CoreConnection };
    return new BrokenCore(bug, dir, () => new mod.ServerConnection(options));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
