// What happened on one connection, in order: each client step as it was
// written, and each frame the server sent back, summarised as JSON (field
// blocks decoded, DATA as lengths, bodies as a running digest per stream).
// Reproducers store it, replay shows two of them side by side, and the
// outcome reduction and the judge read nothing else.
import { HDInflater } from '../../impl/hpack/index.js';
import type { FieldBlock, FrameSink, NonBlockFrame } from './frame-reader.js';
import type { ScenarioField, StepOp } from './scenario.js';

export type ServerFrame =
  | { type: 'HEADERS'; stream: number; fields: ScenarioField[]; endStream: boolean }
  | { type: 'PUSH_PROMISE'; stream: number; promised: number; fields: ScenarioField[] }
  | { type: 'DATA'; stream: number; length: number; endStream: boolean }
  | { type: 'RST_STREAM'; stream: number; code: number }
  | { type: 'SETTINGS'; ack: boolean; pairs: Array<[number, number]> }
  | { type: 'PING'; ack: boolean; opaque: string }
  | { type: 'GOAWAY'; lastStreamId: number; code: number; debug: string }
  | { type: 'WINDOW_UPDATE'; stream: number; increment: number }
  | { type: 'PRIORITY'; stream: number }
  | { type: 'UNKNOWN'; frameType: number; stream: number };

export type TranscriptEntry =
  | { from: 'client'; step: number; op: StepOp }
  | { from: 'server'; frame: ServerFrame }
  /** The server ended the connection (or its bytes stopped parsing): nothing follows. */
  | { from: 'server'; closed: string }
  /** The scenario's time budget ran out before the server went quiet. */
  | { from: 'harness'; timedOut: number };

export interface BodyDigest {
  length: number;
  /** FNV-1a (32 bit) of the body octets in order, so DATA frame boundaries do not matter. */
  fnv: number;
}

export interface Transcript {
  entries: TranscriptEntry[];
  bodies: Record<number, BodyDigest>;
}

const FNV_OFFSET = 0x811c9dc5;
const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** Records the server's side: decodes its field blocks with the client's decoder (RFC 7541: one per connection). */
export class TranscriptRecorder implements FrameSink {
  readonly transcript: Transcript = { entries: [], bodies: {} };
  readonly #inflater = new HDInflater();
  #closed = false;
  /** The block could not be decoded: the connection's HPACK context is lost (RFC 9113 §4.3). */
  #hpackBroken = false;

  get closed(): boolean {
    return this.#closed;
  }

  client(step: number, op: StepOp): void {
    this.transcript.entries.push({ from: 'client', step, op });
  }

  close(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.transcript.entries.push({ from: 'server', closed: reason });
  }

  timedOut(ms: number): void {
    this.transcript.entries.push({ from: 'harness', timedOut: ms });
  }

  unreadable(reason: string): void {
    this.close(reason);
  }

  fieldBlock(b: FieldBlock): void {
    const fields = this.#decode(b.block);
    if (b.kind === 'PUSH_PROMISE') this.#push({ type: 'PUSH_PROMISE', stream: b.streamId, promised: b.promisedStreamId, fields });
    else this.#push({ type: 'HEADERS', stream: b.streamId, fields, endStream: b.endStream });
  }

  frame(f: NonBlockFrame): void {
    switch (f.type) {
      case 'DATA': {
        const d = (this.transcript.bodies[f.streamId] ??= { length: 0, fnv: FNV_OFFSET });
        let h = d.fnv;
        for (let i = 0; i < f.data.length; i++) h = Math.imul(h ^ f.data[i]!, 0x01000193) >>> 0;
        d.fnv = h;
        d.length += f.data.length;
        return this.#push({ type: 'DATA', stream: f.streamId, length: f.data.length, endStream: f.endStream });
      }
      case 'RST_STREAM':
        return this.#push({ type: 'RST_STREAM', stream: f.streamId, code: f.errorCode });
      case 'SETTINGS':
        return this.#push({ type: 'SETTINGS', ack: f.ack, pairs: f.settings.map((s) => [s.id, s.value]) });
      case 'PING':
        return this.#push({ type: 'PING', ack: f.ack, opaque: Buffer.from(f.opaque).toString('hex') });
      case 'GOAWAY':
        return this.#push({ type: 'GOAWAY', lastStreamId: f.lastStreamId, code: f.errorCode, debug: latin1(f.debugData).slice(0, 200) });
      case 'WINDOW_UPDATE':
        return this.#push({ type: 'WINDOW_UPDATE', stream: f.streamId, increment: f.increment });
      case 'PRIORITY':
        return this.#push({ type: 'PRIORITY', stream: f.streamId });
      case 'UNKNOWN':
        return this.#push({ type: 'UNKNOWN', frameType: f.frameType, stream: f.streamId });
    }
  }

  #push(frame: ServerFrame): void {
    if (!this.#closed) this.transcript.entries.push({ from: 'server', frame });
  }

  #decode(block: Uint8Array): ScenarioField[] {
    if (this.#hpackBroken) return [];
    try {
      return this.#inflater.inflate(block).map(([n, v]) => [latin1(n), latin1(v)]);
    } catch (err) {
      this.#hpackBroken = true;
      return [['x-h2harness-undecodable', (err as Error).message]];
    }
  }
}
