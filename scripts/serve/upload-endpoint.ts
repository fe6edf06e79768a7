import type { IncomingMessage, ServerResponse } from 'node:http';
import { receiveUpload, UploadTooLargeError } from '../../diagnosis/service/upload-files.js';

export interface UploadOptions {
  /** where uploads are kept (the service resolves upload ids in the same folder) */
  dir: string;
  /** the largest file accepted, in bytes */
  maxBytes: number;
}

/** A genome VCF compressed is a few hundred MB; uncompressed, tens of GB: the default admits both, the option narrows it. */
export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 ** 3;

type Send = (res: ServerResponse, status: number, body: unknown) => void;

/**
 * `POST /upload?name=<file name>`: the body is the file itself (application/octet-stream), streamed to disk as it
 * arrives with a size limit (upload-files.ts), never held in memory. Answers the upload receipt (id, name, size,
 * sha256), or an API error: 411 without a size, 413 when the file is (or turns out to be) over the limit. The caller
 * has checked the session token.
 */
export async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL, options: UploadOptions, send: Send): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, { error: 'use POST with the file as the body', kind: 'bad-request' });
  const name = url.searchParams.get('name')?.trim();
  if (!name) return send(res, 400, { error: 'name the file: /upload?name=<file name>', kind: 'bad-request' });
  const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) return send(res, 411, { error: 'the upload has no body', kind: 'bad-request' });
  if (declared !== undefined && declared > options.maxBytes) return refuse(req, res, new UploadTooLargeError(options.maxBytes), send, true);
  try {
    send(res, 200, await receiveUpload(options.dir, name, req, options.maxBytes));
  } catch (err) {
    if (err instanceof UploadTooLargeError) return refuse(req, res, err, send);
    // the client went away mid-upload: nothing was kept, and there is no one to answer
    if (req.destroyed || res.destroyed) return;
    send(res, 500, { error: `the upload could not be stored: ${(err as Error).message}`, kind: 'failure' });
  }
}

/**
 * Answers 413. A body declared too large is not read: the answer goes at once and the connection closes. A body found
 * too large while streaming is read to its end and dropped (never stored) before the answer, because closing a socket
 * that still has unread data makes TCP reset it and the client would never see the answer; a body still coming after
 * a few seconds is cut off with the answer.
 */
function refuse(req: IncomingMessage, res: ServerResponse, err: UploadTooLargeError, send: Send, declared = false): void {
  const answer = () => {
    if (res.headersSent) return;
    res.setHeader('connection', 'close');
    send(res, 413, { error: err.message, kind: 'bad-input' });
  };
  if (declared || req.readableEnded) return answer();
  req.unpipe();
  req.resume();
  const cut = setTimeout(() => {
    answer();
    res.once('finish', () => req.destroy());
  }, 5000);
  req.once('end', () => {
    clearTimeout(cut);
    answer();
  });
}
