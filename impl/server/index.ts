// The HTTP/2 server of the seed: HTTP2Server + BaseRequestHandler.
export { HTTP2Server, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, type HTTP2ServerOptions, type ServerAddress } from './http2-server.js';
export { BaseRequestHandler, type HandlerContext, type RequestHandlerClass, type ResponseOptions, type PushOptions, type HeaderPairs } from './request-handler.js';
export type { ResponseBody } from './body-source.js';
export type { Logger } from './session.js';
