import { statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixtureSources, scratchDir } from '../helpers/paths.js';

describe('rarediag snapshot (CLI)', () => {
  const dir = scratchDir();
  const out = join(dir, 'snap');

  it('has --help everywhere and exits 0', async () => {
    for (const args of [['--help'], ['snapshot', '--help'], ['snapshot', 'build', '--help'], ['snapshot', 'info', '--help'], ['snapshot', 'verify', '--help'], ['bench', 'snapshot', '--help']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: rarediag');
    }
    expect((await runCli(['--help'])).stdout).toMatch(/Exit codes:[\s\S]*3 {2}bad input/);
  });

  it('exits 2 on a usage error', async () => {
    const r = await runCli(['snapshot', 'build', '--no-such-option']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-option'");
  });

  it('builds with a progress log on stderr and JSON on stdout, then reports info and verifies', async () => {
    const build = await runCli(['snapshot', 'build', '--sources', fixtureSources, '--out', out, '--json']);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/snapshot build: ontology/);
    const manifest = JSON.parse(build.stdout) as { snapshotId: string; path: string; buildSeconds: number };
    expect(manifest.path).toBe(out);
    const info = await runCli(['snapshot', 'info', '--snapshot', out, '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ snapshotId: manifest.snapshotId, counts: { summary: { currentHpoTerms: 18 } } });
    const human = await runCli(['snapshot', 'info', '--snapshot', out]);
    expect(human.stdout).toMatch(/current HPO terms\s+18/);
    const ok = await runCli(['snapshot', 'verify', '--snapshot', out]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: /);
  });

  it('verify exits 4 and names a truncated file', async () => {
    const file = join(out, 'ranking-tables.json');
    truncateSync(file, statSync(file).size - 1);
    const r = await runCli(['snapshot', 'verify', '--snapshot', out]);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/ranking-tables\.json: truncated/);
  });

  it('exits 3 and names the directory when the sources are missing', async () => {
    const r = await runCli(['snapshot', 'build', '--sources', join(dir, 'nowhere'), '--out', join(dir, 'x')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${join(dir, 'nowhere')}: sources directory not found`);
  });

  it('builds the embedded default on first use', async () => {
    const env = { RAREDIAG_SNAPSHOT: join(dir, 'default'), RAREDIAG_SOURCES: fixtureSources };
    const first = await runCli(['snapshot', 'info', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/No snapshot at .*default: building one/);
    const second = await runCli(['snapshot', 'info', '--json'], env);
    expect(second.stderr).toBe('');
    expect(JSON.parse(second.stdout).snapshotId).toBe(JSON.parse(first.stdout).snapshotId);
  });
});
