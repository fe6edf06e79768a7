import { describe, expect, it } from 'vitest';
import { createIpcCallHandler, type ApiService } from '../../../electron/ipc-bridge.js';

const service = (answer: unknown): ApiService => ({
  call: async () => answer,
  onJobEvent: () => () => undefined,
});

describe('IPC bridge (main-process side of the typed contract)', () => {
  it('validates the method and the request before the service sees them, and the response before the renderer does', async () => {
    let seen: unknown;
    const ok = createIpcCallHandler({ call: async (_m, r) => ((seen = r), { cancelled: true }), onJobEvent: () => () => undefined });
    expect(await ok('jobs.cancel', { jobId: 'j1' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(seen).toEqual({ jobId: 'j1' });
    expect(await ok('no.such.method', {})).toEqual({ ok: false, error: 'unknown method no.such.method', kind: 'not-found' });
    expect(await ok('cases.create', { label: '' })).toMatchObject({ ok: false, kind: 'bad-request', error: expect.stringMatching(/cases\.create: field label/) });
    expect(await ok('terms.search', { query: 'x', limit: 500 })).toMatchObject({ ok: false, kind: 'bad-request', error: expect.stringMatching(/field limit/) });
  });

  it('refuses a malformed response from the engine', async () => {
    const bad = createIpcCallHandler(service({ cancelled: 'yes' }));
    expect(await bad('jobs.cancel', { jobId: 'j1' })).toMatchObject({ ok: false, kind: 'failure', error: expect.stringMatching(/response field cancelled/) });
  });

  it('turns an engine exception into a failure reply instead of throwing across IPC', async () => {
    const failing = createIpcCallHandler({ call: async () => Promise.reject(new Error('disk full')), onJobEvent: () => () => undefined });
    expect(await failing('jobs.cancel', { jobId: 'j1' })).toEqual({ ok: false, error: 'disk full', kind: 'failure' });
  });
});
