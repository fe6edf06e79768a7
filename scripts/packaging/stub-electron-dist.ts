import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A stand-in for an unpacked Electron distribution, for checking the packaging configuration where no Electron binary
 * can be downloaded: electron-builder's `electronDist` route copies it instead of downloading one. The result cannot run;
 * it shows what the package would contain (app.asar, unpacked native modules).
 */
export function writeStubElectronDist(dir: string, version: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stub Electron distribution: packaging check only" >&2\nexit 1\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), version);
  return dir;
}
