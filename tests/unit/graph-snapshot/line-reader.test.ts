import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../common/input-error.js';
import { readLineChunks, readLines } from '../../../graph-snapshot/io/line-reader.js';
import { scratchDir } from '../../helpers/paths.js';

async function collect(path: string, limits = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const { text } of readLines(path, limits)) out.push(text);
  return out;
}

async function failure(run: () => Promise<unknown>): Promise<InputError> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

describe('line reader: bounded, linear, byte-exact', () => {
  const dir = scratchDir('rarediag-line-reader-');
  mkdirSync(dir, { recursive: true });

  it('keeps multi-byte characters whole across chunk boundaries, in plain and gzip files, with CRLF and no final newline', async () => {
    // 3-byte and 4-byte characters: some fall across the 64 KB read boundaries
    const lines = Array.from({ length: 4000 }, (_, i) => `${i}\tÄrztin 患者 🧬 ${'ß'.repeat(i % 37)}`);
    const text = lines.join('\r\n');
    writeFileSync(join(dir, 'utf8.txt'), text);
    writeFileSync(join(dir, 'utf8.txt.gz'), gzipSync(Buffer.from(text)));
    expect(await collect(join(dir, 'utf8.txt'))).toEqual(lines);
    expect(await collect(join(dir, 'utf8.txt.gz'))).toEqual(lines);
  });

  it('refuses a line longer than the limit, naming the file and the line, also in the middle of a chunk', async () => {
    const path = join(dir, 'long.txt');
    writeFileSync(path, ['a', 'b', 'x'.repeat(5000), 'd'].join('\n'));
    const err = await failure(() => collect(path, { maxLineLength: 1000 }));
    expect(err.file).toBe(path);
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/line longer than 1,000 characters/);
    // the limit is the limit: the same file reads with a larger one
    expect(await collect(path, { maxLineLength: 5000 })).toHaveLength(4);
  });

  it('stops a single-line file of many megabytes at the default limit instead of holding it all', async () => {
    const path = join(dir, 'one-line.vcf');
    await pipeline(
      Readable.from((function* () {
        for (let i = 0; i < 40; i += 1) yield Buffer.alloc(1024 * 1024, 0x41);
      })()),
      createWriteStream(path),
    );
    const err = await failure(() => collect(path));
    expect(err.line).toBe(1);
    expect(err.message).toMatch(/line longer than 8,388,608 characters.*RAREDIAG_MAX_LINE_BYTES/);
  });

  it('refuses a gzip that inflates past the absolute cap or the ratio cap (a gzip bomb), naming the file', async () => {
    const path = join(dir, 'bomb.gz');
    // 64 MB of NUL bytes compress about 1000:1
    await pipeline(
      Readable.from((function* () {
        for (let i = 0; i < 64; i += 1) yield Buffer.alloc(1024 * 1024);
      })()),
      createGzip(),
      createWriteStream(path),
    );
    const byRatio = await failure(() => collect(path, { ratioCheckedAfter: 8 * 1024 * 1024, maxLineLength: 1e9 }));
    expect(byRatio.file).toBe(path);
    expect(byRatio.message).toMatch(/inflates more than 100:1 .*gzip bomb/);
    const bySize = await failure(() => collect(path, { maxInflatedBytes: 4 * 1024 * 1024, maxLineLength: 1e9 }));
    expect(bySize.message).toMatch(/inflates to more than 4194304 bytes/);
  });

  it('reports a truncated gzip with the line reached', async () => {
    const full = gzipSync(Buffer.from(Array.from({ length: 20000 }, (_, i) => `line ${i} ${Math.sin(i)}`).join('\n')));
    const path = join(dir, 'truncated.gz');
    writeFileSync(path, full.subarray(0, Math.floor(full.length / 2)));
    const err = await failure(() => collect(path));
    expect(err.message).toMatch(/truncated gzip|corrupt compressed data/);
    expect(err.line).toBeGreaterThan(1);
  });

  it('reports progress in bytes of the file as stored, for compressed input too', async () => {
    const path = join(dir, 'progress.gz');
    writeFileSync(path, gzipSync(Buffer.from(Array.from({ length: 50000 }, (_, i) => `${i}\t${(i * 7919) % 10007}`).join('\n'))));
    const fractions: number[] = [];
    for await (const chunk of readLineChunks(path)) fractions.push(chunk.progress.read / chunk.progress.total);
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
  });

  it('names a directory or a missing file', async () => {
    expect((await failure(() => collect(dir))).message).toMatch(/is a directory, expected a file/);
    expect((await failure(() => collect(join(dir, 'absent.txt')))).message).toMatch(/file not found/);
  });
});
