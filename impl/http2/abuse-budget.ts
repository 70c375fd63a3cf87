// A budget of frames that do no work, per connection per time window. Each
// is legal alone but costs us a frame's processing (and for SETTINGS and PING
// an answer) while the peer gains nothing from it, so a peer that sends many
// of them is attacking (RFC 9113 §10.5: "an endpoint MAY treat activity that
// is suspicious as a connection error of type ENHANCE_YOUR_CALM"):
// - empty DATA without END_STREAM, empty HEADERS/CONTINUATION fragments
//   without END_HEADERS (CVE-2019-9518, "empty frames flood");
// - PRIORITY (CVE-2019-9513, "resource loop": dependency-tree churn);
// - WINDOW_UPDATE with an increment below `minWindowUpdate` (CVE-2019-9511,
//   "data dribble": it makes us frame tiny DATA);
// - SETTINGS and PING that want an ACK (CVE-2019-9515 and CVE-2019-9512);
// - frames of unknown type (§5.5 says ignore them; not for free).
import { ErrorCode as E } from './error-codes.js';
import { ConnectionError } from './errors.js';
import type { Frame } from './frame-types.js';
import { RateWindow } from './rate-window.js';

export type WorklessKind = 'empty DATA' | 'empty field-block fragment' | 'PRIORITY' | 'small WINDOW_UPDATE' | 'SETTINGS' | 'PING' | 'unknown-type frame';

/** What kind of work-less frame `f` is, or null when it does work. */
export function worklessKind(f: Frame, minWindowUpdate: number): WorklessKind | null {
  switch (f.type) {
    case 'DATA':
      return f.data.length === 0 && !f.endStream ? 'empty DATA' : null;
    case 'HEADERS':
    case 'CONTINUATION':
      return f.fragment.length === 0 && !f.endHeaders ? 'empty field-block fragment' : null;
    case 'PRIORITY':
      return 'PRIORITY';
    case 'WINDOW_UPDATE':
      return f.increment < minWindowUpdate ? 'small WINDOW_UPDATE' : null;
    case 'SETTINGS':
      return f.ack ? null : 'SETTINGS';
    case 'PING':
      return f.ack ? null : 'PING';
    case 'UNKNOWN':
      return 'unknown-type frame';
    default:
      return null;
  }
}

export class AbuseBudget {
  readonly #rate: RateWindow;

  constructor(
    readonly maxFrames: number,
    readonly window: number,
    readonly minWindowUpdate: number,
  ) {
    this.#rate = new RateWindow(maxFrames, window);
  }

  /** Counts `f` if it does no work; throws ENHANCE_YOUR_CALM when the window's budget is spent. */
  observe(f: Frame, now: number): void {
    const kind = worklessKind(f, this.minWindowUpdate);
    if (kind === null || !this.#rate.hit(now)) return;
    throw new ConnectionError(E.ENHANCE_YOUR_CALM, '10.5', `more than ${this.maxFrames} frames that do no work in ${this.window} (the last: ${kind})`);
  }
}
