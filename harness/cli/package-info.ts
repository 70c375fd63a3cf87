import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

/** The project root: dist/harness/cli/ sits three levels below it. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(projectRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
