import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { InputError } from '../../common/input-error.js';

export interface NumberedLine {
  text: string;
  /** 1-based line number in the (decompressed) file */
  line: number;
}

/** True when the file starts with the gzip magic bytes (plain gzip and bgzip alike). */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await openOrExplain(path);
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await handle.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

async function openOrExplain(path: string) {
  try {
    return await open(path, 'r');
  } catch (err) {
    throw new InputError(path, undefined, describeFsError(err), { cause: err });
  }
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, expected a file';
  return err instanceof Error ? err.message : String(err);
}

/**
 * Opens a file as a byte stream, transparently decompressing gzip / bgzip (detected by magic bytes, not by
 * extension). Node's gunzip reads concatenated members, which is what bgzip writes.
 */
export async function openByteStream(path: string): Promise<Readable> {
  const gz = await isGzipFile(path);
  // large reads and output chunks: the per-chunk stream overhead, not inflating, dominates with the 16 KB defaults
  const raw = createReadStream(path, { highWaterMark: 1 << 18 });
  if (!gz) return raw;
  const gunzip = createGunzip({ chunkSize: 1 << 17 });
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}

/**
 * Streams the lines of a text file (plain or gzip), with 1-based line numbers, in constant memory.
 * A truncated or corrupt gzip becomes a InputError naming the file and the line reached.
 */
export async function* readLines(path: string): AsyncGenerator<NumberedLine> {
  for await (const { lines, firstLine } of readLineChunks(path)) {
    for (let k = 0; k < lines.length; k += 1) yield { text: lines[k]!, line: firstLine + k };
  }
}

function gzipReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'Z_BUF_ERROR') return 'unexpected end of compressed data (truncated gzip?)';
  if (code === 'Z_DATA_ERROR') return 'corrupt compressed data';
  return describeFsError(err);
}

export interface LineChunk {
  lines: string[];
  /** 1-based line number of lines[0] */
  firstLine: number;
}

/**
 * Like readLines, but yields the lines of each decompressed chunk together: one await per ~64 KB instead of one per
 * line, for files of millions of lines (VCFs). Constant memory in file size.
 */
export async function* readLineChunks(path: string): AsyncGenerator<LineChunk> {
  const stream = await openByteStream(path);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  try {
    for await (const chunk of stream) {
      pending += decoder.write(chunk as Buffer);
      const parts = pending.split('\n');
      pending = parts.pop()!;
      if (parts.length === 0) continue;
      for (let i = 0; i < parts.length; i += 1) {
        const p = parts[i]!;
        if (p.charCodeAt(p.length - 1) === 13) parts[i] = p.slice(0, -1);
      }
      yield { lines: parts, firstLine: line + 1 };
      line += parts.length;
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, line + 1, `could not read ${basename(path)}: ${gzipReason(err)}`, { cause: err });
  }
  pending += decoder.end();
  if (pending.length > 0) yield { lines: [pending.endsWith('\r') ? pending.slice(0, -1) : pending], firstLine: line + 1 };
}

/** Reads a whole (small) text file, decompressing gzip when needed. */
export async function readText(path: string): Promise<string> {
  const parts: string[] = [];
  for await (const { text } of readLines(path)) parts.push(text);
  return parts.join('\n');
}
