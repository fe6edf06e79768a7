import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Bytes processed so far, for a progress bar over a multi-gigabyte model. */
export type ByteProgress = (bytesDone: number) => void;

/** sha256 of a file, streamed (models are gigabytes). */
export async function sha256File(path: string, onProgress?: ByteProgress): Promise<string> {
  const hash = createHash('sha256');
  let done = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    done += (chunk as Buffer).length;
    onProgress?.(done);
  }
  return hash.digest('hex');
}

/** Copies a file and hashes the bytes written, in one read of the source. Returns the sha256 of the copy. */
export async function copyWithSha256(from: string, to: string, onProgress?: ByteProgress): Promise<string> {
  const hash = createHash('sha256');
  let done = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      hash.update(chunk);
      done += chunk.length;
      onProgress?.(done);
      next(null, chunk);
    },
  });
  await pipeline(createReadStream(from, { highWaterMark: 1 << 20 }), tap, createWriteStream(to, { flags: 'wx' }));
  return hash.digest('hex');
}
