// The lenient servers of the exactness proof as real TCP servers, for
// h2spec and our suite alike: both complete the HTTP/2 handshake (SETTINGS,
// ACK of the client's), then answer the first other frame by closing the
// connection, or by GOAWAY ENHANCE_YOUR_CALM and a close.
import { createServer, type Server, type Socket } from 'node:net';

const SETTINGS = Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]);
const SETTINGS_ACK = Buffer.from([0, 0, 0, 4, 1, 0, 0, 0, 0]);
const GOAWAY_CALM = Buffer.from([0, 0, 8, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b]);
const PREFACE_LENGTH = 24;

export type Leniency = 'close' | 'calm';

export interface LenientServer {
  port: number;
  stop(): Promise<void>;
}

export async function startLenientServer(kind: Leniency): Promise<LenientServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let input = Buffer.alloc(0);
    let shaken = false;
    socket.on('data', (chunk: Buffer) => {
      input = Buffer.concat([input, chunk]);
      if (!shaken) {
        // Whatever the 24 octets say, then the first frame as the client's SETTINGS.
        if (input.length < PREFACE_LENGTH + 9) return;
        const end = PREFACE_LENGTH + 9 + input.readUIntBE(PREFACE_LENGTH, 3);
        if (input.length < end) return;
        shaken = true;
        socket.write(Buffer.concat([SETTINGS, SETTINGS_ACK]));
        input = input.subarray(end);
      }
      // The client's SETTINGS ACK is the handshake's last frame: anything else ends the connection.
      if (input.length >= 9 && input[3] === 4 && (input[4]! & 1) === 1 && input.readUIntBE(0, 3) === 0) input = input.subarray(9);
      if (input.length === 0) return;
      if (kind === 'close') socket.destroy();
      else socket.end(GOAWAY_CALM);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as { port: number }).port,
    stop: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        for (const s of sockets) s.destroy();
      }),
  };
}
