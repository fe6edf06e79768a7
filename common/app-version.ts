import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * "rarediag 0.1.0": the program that made a run, stamped on every run and report. Read from the project's
 * package.json, found by walking up from this file (the same from the sources, from dist/ and from a packaged app).
 */
export function applicationVersion(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'rarediag') return (cached = `rarediag ${pkg.version ?? '?'}`);
    }
    dir = dirname(dir);
  }
  return (cached = 'rarediag (unknown version)');
}
