import { mkdirSync, writeFileSync } from 'node:fs';
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
});
