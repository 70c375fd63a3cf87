// BaseRequestHandler: one instance per stream, as in the seed
// (nghttp2's Python API). Subclass it and override the callbacks; call
// sendResponse() from onHeaders, onData or onRequestDone, and push() before it.
import type { FieldInput, FieldList } from '../http2/fields.js';
import type { ResponseBody } from './body-source.js';

/** The fields a handler gives: the core's input form (FieldInput), under the name the server API has always used. */
export type HeaderPairs = FieldInput;

export interface ResponseOptions {
  status?: number;
  headers?: HeaderPairs;
  body?: ResponseBody;
}

export interface PushOptions extends ResponseOptions {
  path: string;
  method?: string;
  requestHeaders?: HeaderPairs;
}

/** What a handler may ask of its connection; implemented by the server's session. */
export interface HandlerContext {
  readonly clientAddress: [string, number];
  sendResponse(handler: BaseRequestHandler, options: ResponseOptions): void;
  push(handler: BaseRequestHandler, options: PushOptions): BaseRequestHandler;
}

export type RequestHandlerClass = new (http2: HandlerContext, streamId: number) => BaseRequestHandler;

export class BaseRequestHandler {
  /** `[host, port]` of the client. */
  readonly clientAddress: [string, number];
  /** Request fields, filled in by the server before onHeaders(). */
  scheme: string | null = null;
  method: string | null = null;
  /** `:authority`, or the `host` field. */
  host: string | null = null;
  path: string | null = null;
  /** All request fields in arrival order, pseudo-headers included. */
  headers: FieldList = [];
  /** @internal true once sendResponse() was called. */
  responseStarted = false;

  constructor(
    readonly http2: HandlerContext,
    readonly streamId: number,
  ) {
    this.clientAddress = http2.clientAddress;
  }

  /** Called when the request header section arrived. */
  onHeaders(): void | Promise<void> {}
  /** Called for each chunk of request body. */
  onData(_data: Uint8Array): void | Promise<void> {}
  /** Called when the whole request was received. */
  onRequestDone(): void | Promise<void> {}
  /** Called when the stream closes; `errorCode` 0 means no error. */
  onClose(_errorCode: number): void | Promise<void> {}

  /** Sends the response; `:status` is added. A second call throws Http2UsageError ERR_RESPONSE_SENT. */
  sendResponse(options: ResponseOptions = {}): void {
    this.http2.sendResponse(this, options);
  }

  /**
   * Pushes a resource (RFC 9113 §8.4) before sendResponse(); `:scheme` and
   * `:authority` come from this request. Returns the pushed stream's handler.
   * Throws Http2UsageError ERR_PUSH_DISABLED when the client disabled push,
   * ERR_RESPONSE_SENT after sendResponse().
   */
  push(options: PushOptions): BaseRequestHandler {
    return this.http2.push(this, options);
  }
}
