import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { ApiCallError, isApiMethod, parseRequest, type ApiMethod, type JobEvent } from '../../diagnosis/contract/api.js';
import { allowedHost, allowedOrigin, readBody, safeDecode } from './request-guards.js';

export interface ApiHandler {
  call(method: ApiMethod, request: unknown): Promise<unknown>;
  onJobEvent(listener: (event: JobEvent) => void): () => void;
}

export interface LoopbackServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const mime: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The same strict policy the Electron window uses: nothing but this origin, no inline script, no remote anything. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:*; frame-src 'self' about:; object-src 'none'; base-uri 'none'; form-action 'none'";

const MAX_BODY = 16 * 1024 * 1024;

/**
 * Serves the built renderer and the typed API on 127.0.0.1 only: `POST /api/<method>` (JSON, bearer token) and a
 * WebSocket at `/events?token=` for job events. The token is random per start and compared in constant time; the
 * server never binds to another interface and never makes an outgoing request.
 */
export async function startLoopbackServer(handler: ApiHandler, options: { port?: number; staticDir: string }): Promise<LoopbackServer> {
  const token = randomBytes(24).toString('base64url');
  const staticDir = resolve(options.staticDir);
  const okToken = (given: string | undefined | null) => {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { error: err instanceof Error ? err.message : String(err), kind: 'failure' }));
  });
  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(text);
  };
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // an answer given before the body is read drains it first, so the client sees the answer, not a reset connection
    const early = (status: number, body: unknown) => {
      req.resume();
      send(res, status, body);
    };
    const port = (server.address() as AddressInfo).port;
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach the API or the files
    if (!allowedHost(req.headers.host, port)) return early( 421, { error: 'wrong Host: this server answers to 127.0.0.1 and localhost only', kind: 'bad-request' });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return early( 405, { error: 'use POST', kind: 'bad-request' });
      if (!allowedOrigin(req.headers.origin, port)) return early( 403, { error: 'cross-origin requests are refused', kind: 'bad-request' });
      const auth = req.headers.authorization ?? '';
      if (!okToken(auth.startsWith('Bearer ') ? auth.slice(7) : undefined)) return early( 401, { error: 'missing or wrong token', kind: 'bad-request' });
      const method = safeDecode(url.pathname.slice(5));
      if (method === undefined) return early( 400, { error: 'malformed escape in the URL', kind: 'bad-request' });
      if (!isApiMethod(method)) return early( 404, { error: `unknown method ${method}`, kind: 'not-found' });
      const body = await readBody(req, MAX_BODY);
      if (!body.ok) {
        // the rest of an oversized body is not read: close the connection rather than leave it for the next request
        res.setHeader('connection', 'close');
        return send(res, body.status, { error: body.error, kind: 'bad-request' });
      }
      let json: unknown;
      try {
        json = body.text ? JSON.parse(body.text) : {};
      } catch {
        return send(res, 400, { error: 'the body is not JSON', kind: 'bad-request' });
      }
      try {
        const request = parseRequest(method, json);
        return send(res, 200, await handler.call(method, request));
      } catch (err) {
        if (err instanceof ApiCallError) {
          const status = err.kind === 'bad-request' ? 400 : err.kind === 'not-found' ? 404 : err.kind === 'bad-input' ? 422 : 500;
          return send(res, status, { error: err.message, kind: err.kind });
        }
        return send(res, 500, { error: err instanceof Error ? err.message : String(err), kind: 'failure' });
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed', kind: 'bad-request' });
    // Static files of the built renderer (no directory listing, no path escape).
    const decoded = safeDecode(url.pathname);
    if (decoded === undefined) return send(res, 400, { error: 'malformed escape in the URL', kind: 'bad-request' });
    const rel = normalize(decoded).replace(/^([/\\])+/, '');
    let file = join(staticDir, rel || 'index.html');
    if (!file.startsWith(staticDir)) return send(res, 403, { error: 'forbidden', kind: 'bad-request' });
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticDir, 'index.html');
    if (!existsSync(file)) return send(res, 404, { error: 'renderer not built: run `npm run build:renderer`', kind: 'not-found' });
    res.writeHead(200, {
      'content-type': mime[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  }

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const port = (server.address() as AddressInfo).port;
    if (!allowedHost(req.headers.host, port) || !allowedOrigin(req.headers.origin, port)) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    if (url.pathname !== '/events' || !okToken(url.searchParams.get('token'))) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const off = handler.onJobEvent((e) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(e));
      });
      ws.on('close', off);
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
