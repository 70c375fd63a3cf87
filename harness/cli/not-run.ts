// What a verb says when what it checks cannot be checked here (a tool or
// its data missing): not run, why, and the fix, on stdout like any result;
// exit 0, except under CI=true, where not running is a failure (exit 1) so
// CI can never go green by skipping. The same rule `run` applies per stage.
import { missingPeerIsFailure } from '../peers/peer-availability.js';
import { EXIT_FAILURE } from './usage-error.js';

export function reportNotRun(reason: string, fix: string): void {
  console.log(`not run: ${reason}`);
  console.log(`fix: ${fix}`);
  if (missingPeerIsFailure()) process.exitCode = EXIT_FAILURE;
}
