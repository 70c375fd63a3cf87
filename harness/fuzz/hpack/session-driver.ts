// Running a session through implementations: a deflater turns the session's
// header lists into blocks (interleaved with the SETTINGS changes), and an
// inflater replays those steps. Every call is caught and recorded, so a
// property sees outcomes, never exceptions.
import type { DecodedField, DeflaterLike, HpackImplementation, InflaterLike, TableEntryLike } from '../../peers/hpack-implementation.js';
import { toBytes } from '../../peers/hpack-implementation.js';
import type { HpackSession } from './hpack-case.js';
import type { JudgeStep } from './rfc-judge.js';
import { tableSize } from './output-compare.js';
import { crashReason } from './thrown-error-kind.js';

export interface Entry { name: Uint8Array; value: Uint8Array }
export interface ThrownInfo {
  typed: boolean;
  name: string;
  code?: string;
  message: string;
  /** Set when the value is one no implementation throws on purpose (thrown-error-kind.ts). */
  crash?: string;
}
/**
 * `size` is read after every block; `table` (the entries, newest first) only
 * where the TableReadout asks for it: reading libnghttp2's entries through
 * koffi costs about 3 µs per entry, so by default only the last block's are.
 */
export type BlockOutcome =
  | { ok: true; fields: DecodedField[]; size?: number; table?: Entry[] }
  /** `refusedTableSize`: the error came from changeTableSize(that size), not from a block. */
  | { ok: false; error: ThrownInfo; refusedTableSize?: number };

/** Which blocks' table entries to read: every block, only the session's last block (sizes for the others), or none at all. */
export type TableReadout = 'every-block' | 'last-block' | 'none';

/** What the implementation under test is allowed to throw for bad input: its rejection, as opposed to a crash. */
export type TypedErrorTest = (err: unknown) => boolean;

export function describeThrown(err: unknown, isTyped: TypedErrorTest): ThrownInfo {
  const e = err as { name?: unknown; code?: unknown; message?: unknown } | null;
  const info: ThrownInfo = {
    typed: isTyped(err),
    name: typeof e?.name === 'string' ? e.name : typeof err,
    message: typeof e?.message === 'string' ? e.message : String(err),
  };
  if (typeof e?.code === 'string' || typeof e?.code === 'number') info.code = String(e.code);
  const crash = crashReason(err);
  if (crash !== null) info.crash = crash;
  return info;
}

export function tableOf(codec: DeflaterLike | InflaterLike): Entry[] {
  return codec.getHdTable().map((e: TableEntryLike) => ({ name: toBytes(e.name), value: toBytes(e.value) }));
}

/**
 * The table's size (RFC 7541 §4.1) as the codec itself counts it, in one call
 * when it offers one (libnghttp2's get_dynamic_table_size, ours'
 * dynamicTableSize); otherwise summed over `table` (read now if not given).
 * Every readout takes the size this way, so a codec that counts its entries
 * wrong fails the same in a run and in its replay, which reads every table.
 */
export function tableSizeOf(codec: DeflaterLike | InflaterLike, table?: Entry[]): number {
  return typeof codec.dynamicTableSize === 'function' ? codec.dynamicTableSize() : tableSize(table ?? tableOf(codec));
}

export interface TableReading {
  size?: number;
  table?: Entry[];
}

function readTable(codec: DeflaterLike | InflaterLike, readout: TableReadout, isLast: boolean): TableReading {
  if (readout === 'none') return {};
  if (readout === 'every-block' || isLast) {
    const table = tableOf(codec);
    return { size: tableSizeOf(codec, table), table };
  }
  return { size: tableSizeOf(codec) };
}

export interface DeflateRun {
  /** SETTINGS changes and blocks in session order: what an inflater replays. */
  steps: JudgeStep[];
  blocks: Uint8Array[];
  /** The deflater's table after each block (size always, entries per the readout). */
  tables: TableReading[];
  /** Set when deflate() or changeTableSize() threw; steps stop there. */
  error?: ThrownInfo;
  refusedTableSize?: number;
}

export function deflateSession(impl: HpackImplementation, session: HpackSession, isTyped: TypedErrorTest, readout: TableReadout, cap = session.deflaterCap): DeflateRun {
  const run: DeflateRun = { steps: [], blocks: [], tables: [] };
  let deflater: DeflaterLike | undefined;
  try {
    deflater = impl.createDeflater(cap);
    const blockCount = session.steps.filter((s) => s.kind === 'headers').length;
    for (const step of session.steps) {
      if (step.kind === 'settings') {
        run.refusedTableSize = step.size;
        deflater.changeTableSize(step.size);
        delete run.refusedTableSize;
        run.steps.push(step);
        continue;
      }
      const bytes = deflater.deflate(step.fields);
      run.steps.push({ kind: 'block', bytes });
      run.blocks.push(bytes);
      run.tables.push(readTable(deflater, readout, run.blocks.length === blockCount));
    }
  } catch (err) {
    run.error = describeThrown(err, isTyped);
  } finally {
    if (deflater) impl.release?.(deflater);
  }
  return run;
}

/** One outcome per block until (and including) the first rejected block. */
export function inflateSteps(impl: HpackImplementation, steps: readonly JudgeStep[], isTyped: TypedErrorTest, readout: TableReadout): BlockOutcome[] {
  const outcomes: BlockOutcome[] = [];
  const blockCount = steps.filter((s) => s.kind === 'block').length;
  const inflater = impl.createInflater();
  try {
    for (const step of steps) {
      try {
        if (step.kind === 'settings') {
          inflater.changeTableSize(step.size);
          continue;
        }
        const fields = inflater.inflate(step.bytes);
        outcomes.push({ ok: true, fields, ...readTable(inflater, readout, outcomes.length + 1 === blockCount) });
      } catch (err) {
        // RFC 9113 §4.3: after a decoding error the compression context is gone.
        const error = describeThrown(err, isTyped);
        outcomes.push(step.kind === 'settings' ? { ok: false, error, refusedTableSize: step.size } : { ok: false, error });
        break;
      }
    }
  } finally {
    impl.release?.(inflater);
  }
  return outcomes;
}

export function replaceBlocks(steps: readonly JudgeStep[], blocks: readonly Uint8Array[]): JudgeStep[] {
  let i = 0;
  return steps.map((s) => (s.kind === 'block' ? { kind: 'block', bytes: blocks[i++]! } : s));
}
