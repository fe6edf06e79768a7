import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';

/**
 * The little of POSIX ustar a snapshot archive needs: regular files under one folder, written and read as streams.
 * Written here rather than taken from a tar library because the reader must refuse everything a snapshot never
 * contains (links, devices, absolute or `..` paths, bad header checksums) before a byte reaches the disk, and an
 * archive a clinic receives is untrusted input. `tar tzf` / `tar xzf` read what `writeTarEntry` writes.
 */
export const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A ustar header for a regular file (mode 0644, owner 0, the given mtime). */
export function tarHeader(name: string, size: number, mtimeSeconds: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name longer than 100 bytes: ${name}`);
  if (size >= 8 ** 11) throw new Error(`tar entry larger than 8 GiB: ${name}`);
  const h = Buffer.alloc(BLOCK, 0);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtimeSeconds), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii'); // the checksum is computed with its own field as spaces
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(`${checksum(h).toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum;
}

/** Appends one file to a tar stream (header, content, padding), waiting for the sink when it is full. */
export async function writeTarEntry(sink: Writable, name: string, file: string, size: number, mtimeSeconds: number, onBytes?: (n: number) => void): Promise<void> {
  if (!sink.write(tarHeader(name, size, mtimeSeconds))) await once(sink, 'drain');
  let written = 0;
  for await (const chunk of createReadStream(file)) {
    const c = chunk as Buffer;
    written += c.length;
    onBytes?.(c.length);
    if (!sink.write(c)) await once(sink, 'drain');
  }
  if (written !== size) throw new Error(`${file} changed while it was archived (${written} bytes, expected ${size})`);
  const pad = (BLOCK - (size % BLOCK)) % BLOCK;
  if (pad && !sink.write(Buffer.alloc(pad))) await once(sink, 'drain');
}

/** The end of a tar archive: two zero blocks. */
export function tarEnd(): Buffer {
  return Buffer.alloc(2 * BLOCK, 0);
}

export class TarFormatError extends Error {}

export interface TarEntry {
  name: string;
  size: number;
  /** the entry's content, in order, as it arrives; must be consumed before the next entry is read */
  content: AsyncGenerator<Buffer>;
}

/**
 * Reads a tar stream entry by entry. Only regular files are accepted; a header whose checksum does not add up, a
 * link or device, or an archive that ends mid-entry is a TarFormatError.
 */
export async function* readTarEntries(source: Readable): AsyncGenerator<TarEntry> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let buffer: Buffer = Buffer.alloc(0);
  let ended = false;
  const fill = async (n: number): Promise<boolean> => {
    while (buffer.length < n && !ended) {
      const next = await iterator.next();
      if (next.done) ended = true;
      else buffer = buffer.length ? Buffer.concat([buffer, next.value]) : next.value;
    }
    return buffer.length >= n;
  };
  for (;;) {
    if (!(await fill(BLOCK))) throw new TarFormatError('the archive ends without its end-of-archive blocks (truncated?)');
    const header = buffer.subarray(0, BLOCK);
    buffer = buffer.subarray(BLOCK);
    if (header.every((b) => b === 0)) return;
    const recorded = parseInt(header.toString('ascii', 148, 156).replace(/[\0 ]+/g, ' ').trim(), 8);
    if (recorded !== checksum(header)) throw new TarFormatError('a tar header whose checksum does not match (corrupt archive)');
    const name = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const prefix = header.toString('utf8', 345, 500).replace(/\0.*$/s, '');
    const type = String.fromCharCode(header[156]!);
    const size = parseInt(header.toString('ascii', 124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
    const full = prefix ? `${prefix}/${name}` : name;
    if (type !== '0' && type !== '\0') throw new TarFormatError(`${full}: not a regular file (tar type "${type}"): a snapshot archive holds files only`);
    if (!Number.isSafeInteger(size) || size < 0) throw new TarFormatError(`${full}: unreadable size`);
    let left = size;
    async function* content(): AsyncGenerator<Buffer> {
      while (left > 0) {
        if (!(await fill(1))) throw new TarFormatError(`${full}: the archive ends inside this file (truncated?)`);
        const take = Math.min(left, buffer.length);
        const piece = buffer.subarray(0, take);
        buffer = buffer.subarray(take);
        left -= take;
        yield piece;
      }
    }
    const body = content();
    yield { name: full, size, content: body };
    // whatever the consumer did not read, then the padding
    for await (const piece of body) void piece;
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad) {
      if (!(await fill(pad))) throw new TarFormatError(`${full}: the archive ends inside this file's padding (truncated?)`);
      buffer = buffer.subarray(pad);
    }
  }
}
