import type { IncomingMessage } from 'node:http';

/** Hosts the loopback server answers to: anything else is a DNS-rebinding attempt (a name resolving to 127.0.0.1). */
export function allowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/**
 * Origins allowed to call the API and open the event socket: the server's own page only. A request without an Origin
 * header (curl, scripts, the CLI tests) is allowed: a browser always sends one on cross-origin requests.
 */
export function allowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export type BodyRead = { ok: true; text: string } | { ok: false; status: 400 | 413; error: string };

/**
 * The request body, byte-exact: the chunks are kept as bytes and decoded once as UTF-8 at the end (decoding each chunk
 * on its own splits multi-byte characters at chunk boundaries), with the limit counted in bytes, and invalid UTF-8
 * refused rather than replaced.
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > maxBytes) return { ok: false, status: 413, error: `request too large (over ${maxBytes} bytes)` };
    chunks.push(b);
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size)) };
  } catch {
    return { ok: false, status: 400, error: 'the body is not valid UTF-8' };
  }
}

/** decodeURIComponent without the URIError: undefined for a malformed escape ("%E0%A4%A"). */
export function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
