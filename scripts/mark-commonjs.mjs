#!/usr/bin/env node
// The project's package.json says "type": "module", so Node would read the
// CommonJS build (dist-cjs/, for jsfuzz) as ES modules; a package.json of
// its own in that folder says otherwise.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'dist-cjs';
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
