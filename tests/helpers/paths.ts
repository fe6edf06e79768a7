import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

export const fixtureSources = resolve('tests/fixtures/sources');
export const fixture = (...parts: string[]) => join(fixtureSources, ...parts);

/** A temporary directory removed after the test file. */
export function scratchDir(prefix = 'rarediag-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
