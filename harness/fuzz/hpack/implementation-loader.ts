// Turning `--impl MODULE` (or nothing: ours) into the implementation under
// test. A user's module exports HDDeflater and HDInflater with the seed API.
// What counts as its rejecting an input rather than crashing is in
// thrown-error-kind.ts: any Error it throws on purpose, or only the class
// `--typed-error NAME` names.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DeflaterLike, HpackImplementation, InflaterLike } from '../../peers/hpack-implementation.js';
import type { ImplementationUnderTest } from './fuzz-target.js';
import type { TypedErrorTest } from './session-driver.js';
import { namedErrorTest, notACrash } from './thrown-error-kind.js';

interface SeedApiModule {
  HDDeflater: new (maxTableSize?: number) => DeflaterLike;
  HDInflater: new () => InflaterLike;
}

function typedErrorTest(mod: SeedApiModule, typedError: string | undefined): TypedErrorTest {
  if (typedError === undefined) return notACrash;
  // A class the module exports under that name is matched by identity; else by name on the prototype chain.
  const cls = (mod as unknown as Record<string, unknown>)[typedError];
  const byName = namedErrorTest(typedError);
  return typeof cls === 'function' ? (err) => err instanceof cls || byName(err) : byName;
}

/** Relative and absolute paths are files; anything else is a package name. */
function specifierOf(module: string): string {
  const looksLikePath = module.startsWith('.') || isAbsolute(module) || /\.[cm]?js$/.test(module);
  return looksLikePath ? pathToFileURL(resolve(module)).href : module;
}

export class ImplModuleError extends Error {
  override name = 'ImplModuleError';
}

export async function loadImplementation(module?: string, typedError?: string): Promise<ImplementationUnderTest> {
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
  return seedApiImplementation(mod, module, typedError);
}

/** The implementation under test from a loaded --impl module (ESM import or, for jsfuzz, CommonJS require). */
export function seedApiImplementation(mod: Partial<SeedApiModule>, module: string, typedError?: string): ImplementationUnderTest {
  if (typeof mod.HDDeflater !== 'function' || typeof mod.HDInflater !== 'function') {
    throw new ImplModuleError(`--impl ${module} must export classes HDDeflater and HDInflater`);
  }
  const { HDDeflater, HDInflater } = mod as SeedApiModule;
  const impl: HpackImplementation = {
    name: module,
    createDeflater: (max = 4096) => new HDDeflater(max),
    createInflater: () => new HDInflater(),
  };
  return { impl, isTyped: typedErrorTest(mod as SeedApiModule, typedError), byteIdentity: false, module };
}
