import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, renameSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiCallError } from '../contract/api.js';
import type { UploadReceipt } from '../contract/api-schemas.js';

/**
 * Files sent from the user's machine in browser mode (VCF, phenopacket), kept under the data home:
 * `<uploads>/<id>/<original name>`. A file is streamed to disk as it arrives, hashed on the way and never held in
 * memory; it is written as `.partial` and renamed only when complete, so an interrupted or refused upload never
 * looks like a file. The id is what the client passes to `vcf.attach` or `cases.importPhenopacket`.
 */

const PARTIAL = '.partial';
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than the upload limit of ${formatLimit(maxBytes)}`);
    this.name = 'UploadTooLargeError';
  }
}

const formatLimit = (n: number) => (n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(1)} GiB` : n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(0)} MiB` : `${n} bytes`);

/** The file's own name, without any directory part or character a file system might refuse; never empty. */
export function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '_').replace(/^\.+/, '').trim();
  return (base || 'upload').slice(-120);
}

/**
 * Streams `body` into a new upload, refusing it (and keeping nothing) once it passes `maxBytes`. Resolves with the id,
 * the stored name, the size and the sha256.
 */
export async function receiveUpload(dir: string, name: string, body: Readable, maxBytes: number): Promise<UploadReceipt> {
  const uploadId = randomUUID();
  const folder = join(dir, uploadId);
  mkdirSync(folder, { recursive: true });
  const file = safeFileName(name);
  const partial = join(folder, PARTIAL);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new UploadTooLargeError(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  // Through a PassThrough, so a refused upload does not destroy `body` (an HTTP request must stay open to be answered);
  // a body that breaks off ends the upload as failed.
  const through = new PassThrough();
  body.once('error', (err) => through.destroy(err));
  body.once('close', () => {
    if (!body.readableEnded) through.destroy(new Error('the upload was interrupted'));
  });
  body.pipe(through);
  try {
    await pipeline(through, meter, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    renameSync(partial, join(folder, file));
  } catch (err) {
    rmSync(folder, { recursive: true, force: true });
    throw err;
  }
  return { uploadId, name: file, size, sha256: hash.digest('hex') };
}

/** The path of a completed upload; a not-found API error for an unknown, malformed or incomplete id. */
export function resolveUpload(dir: string, uploadId: string): string {
  if (!UPLOAD_ID.test(uploadId)) throw new ApiCallError(`no upload ${uploadId}`, 'not-found');
  const folder = join(dir, uploadId);
  const files = existsSync(folder) ? readdirSync(folder).filter((f) => f !== PARTIAL) : [];
  if (files.length !== 1 || !statSync(join(folder, files[0]!)).isFile()) throw new ApiCallError(`no completed upload ${uploadId}: send the file again`, 'not-found');
  return join(folder, files[0]!);
}

/** Removes what interrupted uploads left (folders holding only a `.partial`), e.g. at start-up. */
export function removeIncompleteUploads(dir: string): number {
  if (!existsSync(dir)) return 0;
  let removed = 0;
  for (const id of readdirSync(dir)) {
    const folder = join(dir, id);
    if (!UPLOAD_ID.test(id) || !statSync(folder).isDirectory()) continue;
    if (readdirSync(folder).every((f) => f === PARTIAL)) {
      rmSync(folder, { recursive: true, force: true });
      removed += 1;
    }
  }
  return removed;
}
