import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest directory above this module with the rarediag package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'rarediag') return dir;
      } catch {
        // keep walking up
      }
    }
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** Where the workstation keeps its data: $RAREDIAG_HOME, else ~/.rarediag. */
export function dataHome(): string {
  return resolve(process.env['RAREDIAG_HOME'] ?? join(homedir(), '.rarediag'));
}

/** The embedded default snapshot directory: $RAREDIAG_SNAPSHOT, else <data home>/snapshots/default. */
export function defaultSnapshotDir(): string {
  return resolve(process.env['RAREDIAG_SNAPSHOT'] ?? join(dataHome(), 'snapshots', 'default'));
}

/** Default upstream sources: $RAREDIAG_SOURCES, else ../shared/data beside the project. */
export function defaultSourcesDir(): string {
  return resolve(process.env['RAREDIAG_SOURCES'] ?? join(packageRoot(), '..', 'shared', 'data'));
}

const siblings = (dir: string, marker: string) => {
  const parent = dirname(dir);
  if (!existsSync(parent)) return [];
  const prefix = `${basename(dir)}.${marker}-`;
  return readdirSync(parent)
    .filter((f) => f.startsWith(prefix))
    .map((f) => join(parent, f));
};

export function temporaryBuildDir(outDir: string): string {
  return `${outDir}.building-${process.pid}-${Date.now()}`;
}

/**
 * Puts a finished build in place. The previous snapshot is renamed aside first and deleted only after the new one
 * is in place; if the rename of the new one fails, the old one is put back. Readers that already have the old
 * files open keep reading them (POSIX rename semantics).
 */
export async function swapIntoPlace(builtDir: string, outDir: string): Promise<void> {
  const old = `${outDir}.old-${process.pid}-${Date.now()}`;
  const hadOld = existsSync(outDir);
  if (hadOld) await rename(outDir, old);
  try {
    await rename(builtDir, outDir);
  } catch (err) {
    if (hadOld) await rename(old, outDir);
    throw err;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

/**
 * Repairs what an interrupted swap or build left: restores a snapshot renamed aside if none is in place, and
 * removes build directories of processes that no longer run.
 */
export async function recoverSnapshotDir(outDir: string): Promise<void> {
  const olds = siblings(outDir, 'old').sort();
  if (!existsSync(outDir) && olds.length > 0) await rename(olds.pop()!, outDir);
  for (const o of olds) await rm(o, { recursive: true, force: true });
  for (const b of siblings(outDir, 'building')) {
    const pid = Number(/\.building-(\d+)-/.exec(b)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) await rm(b, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
