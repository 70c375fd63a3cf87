// The HPACK implementations the benchmark compares, by name.
import type { HpackImplementation } from '../../harness/peers/hpack-implementation.js';

export const benchedImplementations = ['ours', 'hpackjs', 'nghttp2'] as const;
export type BenchedName = (typeof benchedImplementations)[number];

export async function loadImplementation(name: BenchedName): Promise<HpackImplementation> {
  switch (name) {
    case 'ours':
      return (await import('../../harness/peers/reference-hpack.js')).referenceHpack;
    case 'hpackjs':
      return (await import('../../harness/peers/hpackjs-hpack.js')).hpackJsImplementation;
    case 'nghttp2':
      return (await import('../../harness/peers/nghttp2-hpack.js')).nghttp2Implementation;
  }
}
