// `h2harness hpack decode HEX|-` and `h2harness hpack encode`: show what a
// header block says, or what a header list encodes to, with our HPACK.
import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { HDDeflater, HDInflater, HPACKError, printHdTable, type HeaderField } from '../../../impl/index.js';
import { UsageError, EXIT_FAILURE } from '../usage-error.js';

interface Options {
  tableSize: number;
  showTable?: boolean;
}

function tableSizeOption(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) throw new InvalidArgumentError('must be an integer from 0 to 4294967295');
  return Number(value);
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read standard input: ${(err as Error).message}`);
  }
}

/** Hex digits, with spaces, newlines and an optional 0x allowed between them. */
export function parseHex(text: string): Uint8Array {
  const hex = text.replace(/0x/gi, '').replace(/[\s:]/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new UsageError('the block must be an even number of hex digits');
  return Buffer.from(hex, 'hex');
}

/** `name: value` lines; a name may start with ':' (pseudo-header). Blank lines are skipped. */
export function parseHeaderLines(text: string): HeaderField[] {
  const out: HeaderField[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const sep = line.indexOf(':', line.startsWith(':') ? 1 : 0);
    if (sep <= 0) throw new UsageError(`line ${i + 1}: expected "name: value", got ${JSON.stringify(line)}`);
    out.push([line.slice(0, sep), line.slice(sep + 1).replace(/^[ \t]/, '')]);
  });
  return out;
}

export function registerHpackCommand(program: Command): void {
  const hpack = program.command('hpack').description('decode or encode one HPACK header block (RFC 7541) with the reference implementation');
  hpack
    .command('decode')
    .description('decode a header block given in hex ("-" reads it from standard input)')
    .argument('<hex>', 'the block in hex, or - for standard input')
    .option('--table-size <n>', 'dynamic table size limit (SETTINGS_HEADER_TABLE_SIZE)', tableSizeOption, 4096)
    .option('--show-table', 'print the dynamic table after decoding')
    .action((hex: string, opts: Options) => {
      const block = parseHex(hex === '-' ? readStdin() : hex);
      const inflater = new HDInflater({ maxTableSize: opts.tableSize, maxHeaderListSize: Infinity, maxFieldLength: Infinity });
      const text = new TextDecoder();
      try {
        for (const [name, value] of inflater.inflate(block)) console.log(`${text.decode(name)}: ${text.decode(value)}`);
      } catch (err) {
        if (!(err instanceof HPACKError)) throw err;
        console.error(`h2harness: cannot decode: ${err.message}`);
        process.exitCode = EXIT_FAILURE;
        return;
      }
      if (opts.showTable) printHdTable(inflater.getHdTable());
    });
  hpack
    .command('encode')
    .description('encode "name: value" lines read from standard input; prints the block in hex')
    .option('--table-size <n>', 'dynamic table size (a value other than 4096 is announced by a size update)', tableSizeOption, 4096)
    .option('--show-table', 'print the dynamic table after encoding')
    .action((opts: Options) => {
      const headers = parseHeaderLines(readStdin());
      const deflater = new HDDeflater(Math.max(opts.tableSize, 4096));
      if (opts.tableSize !== 4096) deflater.changeTableSize(opts.tableSize);
      console.log(Buffer.from(deflater.deflate(headers)).toString('hex'));
      if (opts.showTable) printHdTable(deflater.getHdTable());
    });
}
