// RFC 9113 §6.9: the connection-level flow-control windows (stream 0), one
// per direction. Stream windows live on each Stream.
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError } from './errors.js';
import type { ControlQueue } from './control-queue.js';
import { FlowWindow, ReceiveWindow } from './flow-window.js';
import { encodeWindowUpdate } from './frame-encoder.js';

/** §6.9.2: both connection windows start here whatever SETTINGS say. */
const INITIAL_CONNECTION_WINDOW = 65_535;

export class ConnectionFlow {
  readonly send = new FlowWindow(INITIAL_CONNECTION_WINDOW);
  readonly recv: ReceiveWindow;

  /** Grants the peer `windowSize` with a first WINDOW_UPDATE (SETTINGS cannot change the connection window). */
  constructor(
    windowSize: number,
    readonly control: ControlQueue,
  ) {
    this.recv = new ReceiveWindow(windowSize);
    this.recv.window.size = INITIAL_CONNECTION_WINDOW;
    const grant = windowSize - INITIAL_CONNECTION_WINDOW;
    if (grant > 0) {
      this.recv.window.grow(grant);
      this.control.push(encodeWindowUpdate(0, grant));
    }
  }

  /** §6.9.1: a DATA frame, padding included, counts against the connection window before its stream's. */
  receiveData(flowLength: number): void {
    if (!this.recv.fits(flowLength)) {
      throw new ConnectionError(E.FLOW_CONTROL_ERROR, '6.9.1', `DATA of ${flowLength} octets exceeds the connection window ${this.recv.window.size}`);
    }
    this.recv.receive(flowLength);
    // The application consumes events synchronously, so the octets are credited back at once.
    const inc = this.recv.release(flowLength);
    if (inc > 0) this.control.push(encodeWindowUpdate(0, inc));
  }

  onWindowUpdate(increment: number): void {
    if (increment === 0) throw new ConnectionError(E.PROTOCOL_ERROR, '6.9', 'WINDOW_UPDATE with increment 0 on the connection');
    if (!this.send.grow(increment)) throw new ConnectionError(E.FLOW_CONTROL_ERROR, '6.9.1', 'connection window above 2^31-1');
  }
}
