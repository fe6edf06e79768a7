import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiMethod, JobEvent } from '../../diagnosis/contract/api.js';
import { startLoopbackServer, type ApiHandler, type LoopbackServer } from '../../scripts/serve/loopback-server.js';
import { scratchDir } from '../helpers/paths.js';

describe('loopback server (the same typed API over HTTP and WebSocket)', () => {
  const dir = scratchDir();
  let server: LoopbackServer;
  const listeners = new Set<(e: JobEvent) => void>();
  const calls: [ApiMethod, unknown][] = [];
  const handler: ApiHandler = {
    call: async (method, request) => {
      calls.push([method, request]);
      if (method === 'intake.extract') return [];
      if (method === 'jobs.cancel') {
        for (const l of listeners) l({ type: 'progress', jobId: (request as { jobId: string }).jobId, fraction: 0.5, step: 'half' });
        return { cancelled: true };
      }
      throw new Error('not in this test');
    },
    onJobEvent: (l) => (listeners.add(l), () => listeners.delete(l)),
  };

  beforeAll(async () => {
    mkdirSync(join(dir, 'static'), { recursive: true });
    writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>RareDiag</title>');
    server = await startLoopbackServer(handler, { staticDir: join(dir, 'static') });
  });
  afterAll(async () => server?.close());

  const base = () => `http://127.0.0.1:${server.port}`;
  const post = (method: string, body: unknown, token: string | null = server.token) =>
    fetch(`${base()}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('listens on 127.0.0.1 only and prints a URL with a random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
  });

  it('validates the token, the method and the request, and answers errors as {error, kind}', async () => {
    expect((await post('jobs.cancel', { jobId: 'j' }, null)).status).toBe(401);
    expect((await post('jobs.cancel', { jobId: 'j' }, 'wrong')).status).toBe(401);
    expect((await post('no.such', {})).status).toBe(404);
    const bad = await post('jobs.cancel', { jobId: 7 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringMatching(/jobs\.cancel: field jobId/), kind: 'bad-request' });
    expect((await post('jobs.cancel', 'not json')).status).toBe(400);
    const ok = await post('jobs.cancel', { jobId: 'j' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ cancelled: true });
    const failing = await post('cases.list', {});
    expect(failing.status).toBe(500);
  });

  it('serves the renderer with a strict CSP and no path escape', async () => {
    const page = await fetch(`${base()}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('RareDiag');
    const escape = await fetch(`${base()}/..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).not.toContain('root:');
  });

  it('pushes job events over the WebSocket to token holders only', async () => {
    const rejected = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=wrong`);
    await new Promise<void>((resolve) => rejected.on('error', () => resolve()));
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`);
    await new Promise<void>((resolve) => ws.on('open', () => resolve()));
    const got = new Promise<JobEvent>((resolve) => ws.on('message', (m) => resolve(JSON.parse(String(m)) as JobEvent)));
    await post('jobs.cancel', { jobId: 'job-7' });
    expect(await got).toEqual({ type: 'progress', jobId: 'job-7', fraction: 0.5, step: 'half' });
    ws.close();
  });

  /** A raw request whose body is written in the given byte chunks (so a multi-byte character can straddle two). */
  const rawPost = (path: string, chunks: Buffer[], headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      let answered = false;
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, ...headers } }, (res) => {
        answered = true;
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      // an early answer (before the whole body was sent) may close the connection under the remaining writes
      req.on('error', (err) => {
        if (!answered) reject(err);
      });
      (async () => {
        for (const c of chunks) {
          req.write(c);
          await new Promise((r) => setTimeout(r, 2));
        }
        req.end();
      })().catch(reject);
    });

  it('receives non-ASCII bodies byte-exact, whatever the chunking; refuses invalid UTF-8; counts the limit in bytes', async () => {
    const text = 'Größenwachstum vermindert; تأخر النمو; 发育迟缓; 😀'.repeat(4000); // ≈ 300 KB, 2- to 4-byte characters
    const bytes = Buffer.from(JSON.stringify({ text }), 'utf8');
    // cut into chunks of 1,000 bytes: many multi-byte characters straddle a boundary
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 1000) chunks.push(bytes.subarray(i, i + 1000));
    calls.length = 0;
    const ok = await rawPost('/api/intake.extract', chunks);
    expect(ok.status).toBe(200);
    expect((calls[0]![1] as { text: string }).text).toBe(text);
    expect((calls[0]![1] as { text: string }).text).not.toContain('\uFFFD');
    const invalid = await rawPost('/api/intake.extract', [Buffer.from('{"text":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(invalid).toMatchObject({ status: 400, body: expect.stringContaining('not valid UTF-8') });
    // 17 MB of a 2-byte character: 8.5 M characters, over the 16 MB limit in bytes
    const big = Buffer.from(JSON.stringify({ text: 'é'.repeat(8_500_000) }), 'utf8');
    expect((await rawPost('/api/intake.extract', [big])).status).toBe(413);
  });

  it('answers a malformed escape with 400, and refuses other Hosts (DNS rebinding) and other Origins', async () => {
    expect((await post('jobs%E0%A4%A', {})).status).toBe(400);
    expect((await fetch(`${base()}/%E0%A4%A`)).status).toBe(400);
    expect((await rawPost('/api/jobs.cancel', [Buffer.from('{"jobId":"j"}')], { host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await rawPost('/api/jobs.cancel', [Buffer.from('{"jobId":"j"}')], { origin: 'http://evil.example' })).status).toBe(403);
    expect((await rawPost('/api/jobs.cancel', [Buffer.from('{"jobId":"j"}')], { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
    const foreign = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`, { origin: 'http://evil.example' });
    await new Promise<void>((resolve) => foreign.on('error', () => resolve()));
    expect(foreign.readyState).not.toBe(WebSocket.OPEN);
  });
});
