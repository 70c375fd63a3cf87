// What the outbound scheduler needs of its connection (FramingContext): the
// send window, the peer's SETTINGS_MAX_FRAME_SIZE, the streams, the HPACK
// encoder and the state transitions of what it framed.
//
// A class, not an object literal: a literal with a getter (maxFrameSize
// reads the peer's settings as they change) gets a hidden class of its
// own per connection, whose descriptor holds that getter, and V8 keeps
// those classes in a transition tree in the old generation. The young
// collector then treats the getter's closure, and through it the whole
// connection, as live: every connection outlived two scavenges and was
// promoted before it died (about 3 MB promoted per scavenge in the
// in-process fuzzer, a quarter of its CPU in the collector). The class
// keeps its getter on the prototype, one hidden class for all.
import type { FieldInput } from './fields.js';
import type { FlowStall } from './flow-stall.js';
import type { FlowWindow } from './flow-window.js';
import type { HeaderCodec } from './header-codec.js';
import type { FramingContext } from './outbound.js';
import type { SettingsExchange } from './settings-exchange.js';
import type { StreamInput } from './stream-state.js';
import type { StreamTable } from './stream-table.js';
import type { Stream } from './stream.js';

export class ConnectionFraming implements FramingContext {
  readonly #settings: SettingsExchange;
  readonly #streams: StreamTable;
  readonly #codec: HeaderCodec;
  readonly #stall: FlowStall;

  constructor(
    readonly connectionWindow: FlowWindow,
    settings: SettingsExchange,
    streams: StreamTable,
    codec: HeaderCodec,
    stall: FlowStall,
  ) {
    this.#settings = settings;
    this.#streams = streams;
    this.#codec = codec;
    this.#stall = stall;
  }

  get maxFrameSize(): number {
    return this.#settings.peer.maxFrameSize;
  }

  streams(): Iterable<Stream> {
    return this.#streams.values();
  }

  encode(fields: FieldInput): Uint8Array {
    return this.#codec.encoder.deflate(fields);
  }

  framed(s: Stream, input: StreamInput): void {
    if (input === 'send_data' || input === 'send_data_es') this.#stall.progress(s);
    this.#streams.sent(s, input);
  }

  promised(id: number): void {
    const p = this.#streams.get(id);
    if (p) p.awaitingPromise = false;
  }
}
