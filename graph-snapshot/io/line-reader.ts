import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
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
  } catch (err) {
    // a directory opens, and fails at the first read (EISDIR)
    throw new InputError(path, undefined, describeFsError(err), { cause: err });
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

/** Limits of what a line reader accepts: a bad or hostile file gets a clear error in bounded time and memory. */
export interface InputLimits {
  /** the longest line accepted, in characters (default 8 M, or $RAREDIAG_MAX_LINE_BYTES) */
  maxLineLength?: number;
  /** the most a gzip file may inflate to, in bytes (default 200 GB: a whole-genome VCF fits) */
  maxInflatedBytes?: number;
  /** the highest compression ratio accepted (default 100: VCFs are 5-15, gzip bombs ~1000) ... */
  maxRatio?: number;
  /** ... once this many bytes are inflated (default 256 MB: small files may compress better, and are harmless) */
  ratioCheckedAfter?: number;
}

const DEFAULT_MAX_LINE = 8 * 1024 * 1024;

export function defaultLimits(): Required<InputLimits> {
  const env = Number(process.env['RAREDIAG_MAX_LINE_BYTES']);
  return { maxLineLength: Number.isFinite(env) && env > 0 ? env : DEFAULT_MAX_LINE, maxInflatedBytes: 200e9, maxRatio: 100, ratioCheckedAfter: 256 * 1024 * 1024 };
}

/** Bytes read of the file as stored (compressed when gzip), for progress that moves on compressed input too. */
export interface ByteProgress {
  read: number;
  total: number;
}

/**
 * Opens a file as a byte stream, transparently decompressing gzip / bgzip (detected by magic bytes, not by
 * extension). Node's gunzip reads concatenated members, which is what bgzip writes. `progress` follows the bytes read
 * of the file itself; the inflated size and ratio are bounded (InputLimits).
 */
export async function openByteStream(path: string, limits: InputLimits = {}, progress?: ByteProgress): Promise<Readable> {
  const gz = await isGzipFile(path);
  // large reads and output chunks: the per-chunk stream overhead, not inflating, dominates with the 16 KB defaults
  const raw = createReadStream(path, { highWaterMark: 1 << 18 });
  if (progress) {
    progress.total = (await stat(path)).size;
    raw.on('data', (c) => (progress.read += (c as Buffer).length));
  }
  if (!gz) return raw;
  const { maxInflatedBytes, maxRatio, ratioCheckedAfter } = { ...defaultLimits(), ...limits };
  const gunzip = createGunzip({ chunkSize: 1 << 17 });
  let compressed = 0;
  let inflated = 0;
  raw.on('data', (c) => (compressed += (c as Buffer).length));
  gunzip.on('data', (c) => {
    inflated += (c as Buffer).length;
    if (inflated > maxInflatedBytes) gunzip.destroy(new InflationError(`inflates to more than ${maxInflatedBytes} bytes`));
    else if (inflated > ratioCheckedAfter && inflated / Math.max(1, compressed) > maxRatio) {
      gunzip.destroy(new InflationError(`inflates more than ${maxRatio}:1 (${Math.round(inflated / 1e6)} MB from ${Math.round(compressed / 1e6)} MB): not a data file, or a gzip bomb`));
    }
  });
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}

class InflationError extends Error {}

/**
 * Streams the lines of a text file (plain or gzip), with 1-based line numbers, in constant memory.
 * A truncated or corrupt gzip becomes a InputError naming the file and the line reached.
 */
export async function* readLines(path: string, limits: InputLimits = {}): AsyncGenerator<NumberedLine> {
  for await (const { lines, firstLine } of readLineChunks(path, limits)) {
    for (let k = 0; k < lines.length; k += 1) yield { text: lines[k]!, line: firstLine + k };
  }
}

/** Why reading a (possibly gzip) file failed, in words: truncated, corrupt, too large, not found. */
export function gzipReason(err: unknown): string {
  if (err instanceof InflationError) return err.message;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'Z_BUF_ERROR') return 'unexpected end of compressed data (truncated gzip?)';
  if (code === 'Z_DATA_ERROR') return 'corrupt compressed data';
  return describeFsError(err);
}

export interface LineChunk {
  lines: string[];
  /** 1-based line number of lines[0] */
  firstLine: number;
  /** bytes of the file (as stored) read so far, and its size */
  progress: ByteProgress;
}

/**
 * Like readLines, but yields the lines of each decompressed chunk together: one await per ~64 KB instead of one per
 * line, for files of millions of lines (VCFs). Constant memory in file size, and linear time whatever the line lengths:
 * only the new bytes of each chunk are searched for line ends, and a line longer than the limit stops the read with an
 * error naming the file and the line.
 */
export async function* readLineChunks(path: string, limits: InputLimits = {}): AsyncGenerator<LineChunk> {
  const maxLine = limits.maxLineLength ?? defaultLimits().maxLineLength;
  const progress: ByteProgress = { read: 0, total: 0 };
  const stream = await openByteStream(path, limits, progress);
  const decoder = new StringDecoder('utf8');
  // the line under way, in pieces (joined once its end arrives)
  let pending: string[] = [];
  let pendingLength = 0;
  let line = 0;
  // `done`: lines of the current chunk already split off (the long one is the next)
  const tooLong = (done = 0) =>
    new InputError(path, line + done + 1, `line longer than ${maxLine.toLocaleString('en-US')} characters: not a line-oriented data file? (set RAREDIAG_MAX_LINE_BYTES to allow longer lines)`);
  try {
    for await (const chunk of stream) {
      const text = decoder.write(chunk as Buffer);
      let nl = text.indexOf('\n');
      if (nl < 0) {
        pending.push(text);
        pendingLength += text.length;
        if (pendingLength > maxLine) throw tooLong();
        continue;
      }
      const lines: string[] = [];
      let start = 0;
      while (nl >= 0) {
        let l = pending.length ? pending.join('') + text.slice(start, nl) : text.slice(start, nl);
        pending = [];
        pendingLength = 0;
        if (l.length > maxLine) throw tooLong(lines.length);
        if (l.charCodeAt(l.length - 1) === 13) l = l.slice(0, -1);
        lines.push(l);
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      if (start < text.length) {
        pending.push(text.slice(start));
        pendingLength = text.length - start;
        if (pendingLength > maxLine) throw tooLong(lines.length);
      }
      yield { lines, firstLine: line + 1, progress };
      line += lines.length;
    }
  } catch (err) {
    stream.destroy();
    if (err instanceof InputError) throw err;
    throw new InputError(path, line + 1, `could not read ${basename(path)}: ${gzipReason(err)}`, { cause: err });
  }
  const last = pending.join('') + decoder.end();
  if (last.length > maxLine) throw tooLong();
  if (last.length > 0) yield { lines: [last.endsWith('\r') ? last.slice(0, -1) : last], firstLine: line + 1, progress };
}

/** Reads a whole (small) text file, decompressing gzip when needed. */
export async function readText(path: string): Promise<string> {
  const parts: string[] = [];
  for await (const { text } of readLines(path)) parts.push(text);
  return parts.join('\n');
}
