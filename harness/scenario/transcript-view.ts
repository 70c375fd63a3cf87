// Transcripts and outcomes as text, several targets side by side: one row
// per client step, each target's column showing what it sent back after
// that step (and before the next), so where two servers part is visible
// at a glance.
import { errorCodeName } from '../../impl/http2/error-codes.js';
import type { Outcome } from './outcome.js';
import type { Scenario, Step } from './scenario.js';
import type { ServerFrame, Transcript } from './transcript.js';

const code = (c: number): string => errorCodeName(c) ?? `0x${c.toString(16)}`;

export function stepText(s: Step): string {
  switch (s.op) {
    case 'headers':
      return `HEADERS ${s.stream}${s.endStream ? ' ES' : ''}${s.unterminated ? ' (no END_HEADERS)' : ''}${(s.parts ?? 1) > 1 ? ` in ${s.parts}${s.continuationStream !== undefined ? ` (CONT on ${s.continuationStream})` : ''}` : ''} ${s.fields.map(([n, v]) => `${n}=${v}`).join(' ')}`;
    case 'data':
      return `DATA ${s.stream} ${s.length}B${s.endStream ? ' ES' : ''}${s.padLength !== undefined ? ` pad ${s.padLength}` : ''}${s.padClaim !== undefined ? ` padlen ${s.padClaim}` : ''}`;
    case 'settings':
      return `SETTINGS ${s.pairs.map(([i, v]) => `${i}=${v}`).join(',') || '-'}`;
    case 'window-update':
      return `WINDOW_UPDATE ${s.stream} +${s.increment}`;
    case 'rst':
      return `RST_STREAM ${s.stream} ${code(s.code)}`;
    case 'priority':
      return `PRIORITY ${s.stream} on ${s.dependsOn}`;
    case 'ping':
      return `PING${s.ack ? ' ACK' : ''} ${s.opaque}`;
    case 'goaway':
      return `GOAWAY ${s.lastStreamId} ${code(s.code)}`;
    case 'push-promise':
      return `PUSH_PROMISE ${s.stream} -> ${s.promised}`;
    case 'raw':
      return `raw type ${s.type} flags 0x${s.flags.toString(16)} stream ${s.stream} ${s.payload.length / 2}B${s.length !== undefined ? ` (says ${s.length})` : ''}${s.reservedBit ? ' R' : ''}`;
    case 'preface':
      return s.damaged ? 'preface (damaged)' : 'preface';
    default:
      return s.op;
  }
}

export function frameText(f: ServerFrame): string {
  switch (f.type) {
    case 'HEADERS':
      return `HEADERS ${f.stream}${f.endStream ? ' ES' : ''} ${f.fields.find(([n]) => n === ':status')?.join('=') ?? ''}`.trimEnd();
    case 'DATA':
      return `DATA ${f.stream} ${f.length}B${f.endStream ? ' ES' : ''}`;
    case 'RST_STREAM':
      return `RST_STREAM ${f.stream} ${code(f.code)}`;
    case 'SETTINGS':
      return f.ack ? 'SETTINGS ACK' : `SETTINGS ${f.pairs.map(([i, v]) => `${i}=${v}`).join(',') || '-'}`;
    case 'PING':
      return `PING${f.ack ? ' ACK' : ''} ${f.opaque}`;
    case 'GOAWAY':
      return `GOAWAY ${f.lastStreamId} ${code(f.code)}${f.debug ? ` "${f.debug.slice(0, 40)}"` : ''}`;
    case 'WINDOW_UPDATE':
      return `WINDOW_UPDATE ${f.stream} +${f.increment}`;
    case 'PUSH_PROMISE':
      return `PUSH_PROMISE ${f.stream} -> ${f.promised}`;
    case 'PRIORITY':
      return `PRIORITY ${f.stream}`;
    case 'UNKNOWN':
      return `type ${f.frameType} on ${f.stream}`;
  }
}

/** What each target sent after each step: row -1 is before the first step. */
function byStep(t: Transcript): Map<number, string[]> {
  const rows = new Map<number, string[]>();
  let step = -1;
  for (const e of t.entries) {
    if (e.from === 'client') step = e.step;
    else {
      const text = e.from === 'harness' ? `(time budget of ${e.timedOut} ms ran out)` : 'closed' in e ? `[closed: ${e.closed}]` : frameText(e.frame);
      rows.set(step, [...(rows.get(step) ?? []), text]);
    }
  }
  return rows;
}

const pad = (s: string, n: number): string => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));

export function sideBySide(scenario: Scenario, sides: ReadonlyArray<{ label: string; transcript: Transcript }>, width = 44): string {
  const columns = sides.map((s) => byStep(s.transcript));
  const lines = [`${pad('step', 4)} ${pad('client', width)} ${sides.map((s) => pad(s.label, width)).join(' ')}`];
  for (let i = -1; i < scenario.steps.length; i++) {
    const cells = columns.map((c) => c.get(i) ?? []);
    const height = Math.max(1, ...cells.map((c) => c.length));
    for (let r = 0; r < height; r++) {
      const client = r === 0 && i >= 0 ? stepText(scenario.steps[i]!) : '';
      lines.push(`${pad(r === 0 && i >= 0 ? String(i) : '', 4)} ${pad(client, width)} ${cells.map((c) => pad(c[r] ?? '', width)).join(' ')}`);
    }
  }
  return lines.map((l) => l.trimEnd()).join('\n');
}

export function outcomeText(o: Outcome): string {
  const streams = Object.entries(o.streams).map(([id, s]) => {
    const parts = [s.status !== null ? `${s.status}` : 'no response', s.bodyLength > 0 ? `${s.bodyLength}B` : '', s.resets.length > 0 ? `RST ${s.resets.map(code).join('/')}` : '', s.endedByServer ? 'ended' : ''];
    return `stream ${id}: ${parts.filter(Boolean).join(', ')}`;
  });
  const c = o.connection;
  const conn = [c.goAway ? `GOAWAY ${code(c.errorGoAway?.code ?? c.goAway.code)} last ${c.goAway.lastStreamId}` : 'no GOAWAY', c.closed ? 'closed' : 'open', `${c.pingAcks.length} PING ACK`, `${c.settingsAcks} SETTINGS ACK`];
  if (c.timedOut) conn.push('timed out');
  return [...streams, `connection: ${conn.join(', ')}`].join('; ');
}
