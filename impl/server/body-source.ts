// Response bodies as the seed allows them (str, bytes, io.IOBase) in
// TypeScript: string (UTF-8), Uint8Array, a Readable or any async iterable
// of chunks. Streams are consumed lazily, chunk by chunk, so a large body
// never sits in memory.
import type { Readable } from 'node:stream';

export type ResponseBody = string | Uint8Array | Readable | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array> | null | undefined;

/**
 * A body streamed chunk by chunk: `sync` when its chunks come from a
 * synchronous iterable, which the session pulls without a promise per chunk
 * and writes several chunks at a time (see Session.#pump).
 */
export type StreamedBody =
  | { kind: 'stream'; sync: false; chunks: AsyncIterable<Uint8Array | string>; destroy: () => void }
  | { kind: 'stream'; sync: true; chunks: Iterable<Uint8Array>; destroy: () => void };

export type BodySource = { kind: 'none' } | { kind: 'bytes'; bytes: Uint8Array } | StreamedBody;

export function bodySource(body: ResponseBody): BodySource {
  if (body === null || body === undefined) return { kind: 'none' };
  if (typeof body === 'string') return { kind: 'bytes', bytes: Buffer.from(body, 'utf8') };
  if (body instanceof Uint8Array) return { kind: 'bytes', bytes: body };
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const destroyable = body as { destroy?: (e?: Error) => void };
    return {
      kind: 'stream',
      sync: false,
      chunks: body as AsyncIterable<Uint8Array | string>,
      destroy: () => destroyable.destroy?.(),
    };
  }
  if (typeof (body as Iterable<unknown>)[Symbol.iterator] === 'function') {
    // A synchronous generator is pulled one chunk at a time too, as there is room for it.
    const it = body as Iterable<Uint8Array>;
    return { kind: 'stream', sync: true, chunks: it, destroy: () => (it as { return?: () => void }).return?.() };
  }
  throw new TypeError('response body must be a string, a Uint8Array, a Readable or an (async) iterable of chunks');
}

export function chunkBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
