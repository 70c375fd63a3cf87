// Our own HPACK (impl/hpack) behind the common interface: its API is the seed's,
// so this is only a name and two constructors.
import { HDDeflater, HDInflater } from '../../impl/hpack/index.js';
import type { HpackImplementation } from './hpack-implementation.js';

export const referenceHpack: HpackImplementation = {
  name: 'ours',
  createDeflater: (maxTableSize = 4096) => new HDDeflater(maxTableSize),
  createInflater: () => new HDInflater(),
};
