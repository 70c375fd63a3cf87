// Turning `--impl MODULE` (or nothing: ours) into the implementation under
// test. A user's module exports HDDeflater and HDInflater with the seed API;
// if it also exports HPACKError, that class is its typed error, otherwise an
// error with a string `code` that is not one of Node's own ERR_* codes is.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DeflaterLike, HpackImplementation, InflaterLike } from '../../peers/hpack-implementation.js';
import type { ImplementationUnderTest } from './fuzz-target.js';
import type { TypedErrorTest } from './session-driver.js';

interface SeedApiModule {
  HDDeflater: new (maxTableSize?: number) => DeflaterLike;
  HDInflater: new () => InflaterLike;
  HPACKError?: abstract new (...args: never[]) => Error;
}

const codeIsOwn: TypedErrorTest = (err) => {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && code !== '' && !code.startsWith('ERR_');
};

function typedErrorTest(mod: SeedApiModule): TypedErrorTest {
  const cls = mod.HPACKError;
  return typeof cls === 'function' ? (err) => err instanceof cls : codeIsOwn;
}

/** Relative and absolute paths are files; anything else is a package name. */
function specifierOf(module: string): string {
  const looksLikePath = module.startsWith('.') || isAbsolute(module) || /\.[cm]?js$/.test(module);
  return looksLikePath ? pathToFileURL(resolve(module)).href : module;
}

export class ImplModuleError extends Error {
  override name = 'ImplModuleError';
}

export async function loadImplementation(module?: string): Promise<ImplementationUnderTest> {
  if (module === undefined) {
    const [{ referenceHpack }, { HPACKError }] = await Promise.all([import('../../peers/reference-hpack.js'), import('../../../impl/hpack/index.js')]);
    return { impl: referenceHpack, isTyped: (err) => err instanceof HPACKError, byteIdentity: true, module: 'ours' };
  }
  let mod: Partial<SeedApiModule>;
  try {
    mod = (await import(specifierOf(module))) as Partial<SeedApiModule>;
  } catch (err) {
    throw new ImplModuleError(`cannot load --impl ${module}: ${(err as Error).message}`);
  }
  return seedApiImplementation(mod, module);
}

/** The implementation under test from a loaded --impl module (ESM import or, for jsfuzz, CommonJS require). */
export function seedApiImplementation(mod: Partial<SeedApiModule>, module: string): ImplementationUnderTest {
  if (typeof mod.HDDeflater !== 'function' || typeof mod.HDInflater !== 'function') {
    throw new ImplModuleError(`--impl ${module} must export classes HDDeflater and HDInflater`);
  }
  const { HDDeflater, HDInflater } = mod as SeedApiModule;
  const impl: HpackImplementation = {
    name: module,
    createDeflater: (max = 4096) => new HDDeflater(max),
    createInflater: () => new HDInflater(),
  };
  return { impl, isTyped: typedErrorTest(mod as SeedApiModule), byteIdentity: false, module };
}
