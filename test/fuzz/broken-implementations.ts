// Deliberately broken HPACK implementations for the proof that the fuzzer
// catches bugs. Each is a copy of the built impl/ with ONE
// textual patch; the search string must occur exactly once, so when our code
// changes shape this fails loudly instead of silently testing nothing.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Bug {
  name: string;
  /** File under dist/impl/. */
  file: string;
  search: string;
  replace: string;
  /** The same patch on the CommonJS build (dist-cjs/impl, for the jsfuzz engine), where its text differs. */
  commonJs?: { search: string; replace: string };
}

export const BUGS: readonly Bug[] = [
  {
    name: 'eviction-off-by-one',
    file: 'hpack/byte-ring-table.js',
    search: 'while (this.length > 0 && this.size + entrySize > this.maxSize)',
    replace: 'while (this.length > 0 && this.size + entrySize >= this.maxSize)',
  },
  {
    // Bit 0 of the second continuation octet, i.e. in every integer of three or more octets.
    name: 'wrong-bit-in-3-byte-integer',
    file: 'hpack/integer.js',
    search: 'value += (b & 127) * shift;',
    replace: 'value += ((groups === 1 ? b ^ 1 : b) & 127) * shift;',
  },
  {
    name: 'table-size-update-ignored',
    file: 'hpack/inflater.js',
    search: 'this.requiredUpdate = -1;\n        }\n        this.table.setMaxSize(size);',
    replace: 'this.requiredUpdate = -1;\n        }\n        void size;',
  },
  {
    name: 'never-indexed-lands-in-table',
    file: 'hpack/inflater.js',
    search: 'if (incremental)\n                    table.add(',
    replace: 'if (incremental || (b & 0xf0) === 0x10)\n                    table.add(',
  },
  {
    // The encoder's codes for 'a' (00011) and 'c' (00100) swapped: the same wrong code every time.
    name: 'wrong-huffman-code',
    file: 'hpack/huffman-table.js',
    search: '0x7ffd, 0x3, 0x23, 0x4,',
    replace: '0x7ffd, 0x4, 0x23, 0x3,',
  },
  {
    name: 'drops-empty-valued-field',
    file: 'hpack/block-bytes.js',
    search: 'this.fields.push([new Uint8Array(whole, at, nameLength), new Uint8Array(whole, at + nameLength, valueLength)]);',
    replace: 'if (valueLength > 0)\n            this.fields.push([new Uint8Array(whole, at, nameLength), new Uint8Array(whole, at + nameLength, valueLength)]);',
  },
  {
    name: 'entry-overhead-31',
    file: 'hpack/dynamic-table.js',
    search: 'export const ENTRY_OVERHEAD = 32;',
    replace: 'export const ENTRY_OVERHEAD = 31;',
    commonJs: { search: 'exports.ENTRY_OVERHEAD = 32;', replace: 'exports.ENTRY_OVERHEAD = 31;' },
  },
];

export const builtImplDir = resolve(fileURLToPath(import.meta.url), '../../../impl');
/** The CommonJS build of impl/ that the jsfuzz target loads. */
export const builtCommonJsImplDir = resolve(fileURLToPath(import.meta.url), '../../../../dist-cjs/impl');

export type ModuleFormat = 'esm' | 'cjs';

/** Copies the built impl/ to a fresh temp dir, applies the bug (if any) and returns the module to give `--impl`. */
export function deriveImplementation(bug?: Bug, format: ModuleFormat = 'esm'): string {
  const dir = mkdtempSync(join(tmpdir(), `h2harness-${bug?.name ?? 'unmodified'}-${format}-`));
  cpSync(format === 'esm' ? builtImplDir : builtCommonJsImplDir, dir, { recursive: true });
  // Outside the project no package.json says which kind of module these .js files are; without one, loaders guess.
  writeFileSync(join(dir, 'package.json'), `{ "type": "${format === 'esm' ? 'module' : 'commonjs'}" }\n`);
  if (bug) {
    const { search, replace } = format === 'cjs' && bug.commonJs ? bug.commonJs : bug;
    const file = join(dir, bug.file);
    const text = readFileSync(file, 'utf8');
    const count = text.split(search).length - 1;
    if (count !== 1) throw new Error(`${bug.name}: expected the search string exactly once in ${bug.file} (${format}), found ${count}`);
    writeFileSync(file, text.replace(search, replace));
  }
  return join(dir, 'index.js');
}

/** A temp dir for the test's own files, removed when the test ends. */
export function tempDir(t: { teardown(fn: () => void): void }, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `h2harness-${prefix}-`));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** deriveImplementation, with the copy removed when the test ends. */
export function derivedFor(t: { teardown(fn: () => void): void }, bug?: Bug, format: ModuleFormat = 'esm'): string {
  const index = deriveImplementation(bug, format);
  t.teardown(() => rmSync(dirname(index), { recursive: true, force: true }));
  return index;
}
