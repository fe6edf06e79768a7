import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadReceipt } from '../../diagnosis/contract/api-schemas.js';
import { resolveUpload, safeFileName } from '../../diagnosis/service/upload-files.js';
import { startLoopbackServer, type LoopbackServer } from '../../scripts/serve/loopback-server.js';
import { scratchDir } from '../helpers/paths.js';

/** A raw HTTP upload whose body is written by `write` (so a test can pause half-way), answered as status + JSON. */
function upload(server: LoopbackServer, name: string, write: (req: ReturnType<typeof request>) => Promise<void>, headers: Record<string, string | number> = {}, token = server.token) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, agent: false, method: 'POST', path: `/upload?name=${encodeURIComponent(name)}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : undefined }));
      },
    );
    // a refused upload closes the connection while the body may still be sent: the answer should still arrive
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET') setTimeout(() => resolve({ status: -1, body: `no answer: ${err.code}` }), 2000);
      else reject(err);
    });
    write(req).catch(reject);
  });
}

const waitFor = async (check: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) if (check()) return true;
  return false;
};

describe('streamed uploads over the loopback API (files from the browser)', () => {
  const dir = scratchDir('rarediag-upload-');
  const uploads = join(dir, 'uploads');
  const MAX = 3 * 1024 * 1024;
  let server: LoopbackServer;

  beforeAll(async () => {
    server = await startLoopbackServer({ call: async () => ({}), onJobEvent: () => () => undefined }, { staticDir: dir, uploads: { dir: uploads, maxBytes: MAX } });
  });
  afterAll(async () => server?.close());

  it('writes the file to disk as it arrives, then answers its id, size and sha256', async () => {
    const first = randomBytes(1024 * 1024);
    const second = randomBytes(1024 * 1024 + 17);
    let seenOnDiskMidway = 0;
    const res = await upload(
      server,
      'proband.vcf.gz',
      async (req) => {
        req.write(first);
        // half the file is on disk (as .partial) before the rest is even sent: streamed, not buffered
        await waitFor(() => {
          const folders = existsSync(uploads) ? readdirSync(uploads) : [];
          const partial = folders.map((f) => join(uploads, f, '.partial')).find((p) => existsSync(p));
          seenOnDiskMidway = partial ? statSync(partial).size : 0;
          return seenOnDiskMidway >= first.length;
        });
        req.end(second);
      },
      { 'content-length': first.length + second.length },
    );
    expect(res.status).toBe(200);
    expect(seenOnDiskMidway).toBe(first.length);
    const receipt = uploadReceipt.parse(res.body);
    const whole = Buffer.concat([first, second]);
    expect(receipt).toMatchObject({ name: 'proband.vcf.gz', size: whole.length, sha256: createHash('sha256').update(whole).digest('hex') });
    const stored = resolveUpload(uploads, receipt.uploadId);
    expect(stored).toBe(join(uploads, receipt.uploadId, 'proband.vcf.gz'));
    expect(readFileSync(stored).equals(whole)).toBe(true);
    expect(statSync(stored).mode & 0o777).toBe(0o600);
  });

  it('refuses a file over the limit, declared or discovered while streaming, and keeps nothing of it', async () => {
    const before = readdirSync(uploads).length;
    const declared = await upload(server, 'big.vcf', async (req) => void req.end(), { 'content-length': MAX + 1 });
    expect(declared).toMatchObject({ status: 413, body: { kind: 'bad-input', error: expect.stringContaining('3 MiB') } });
    // chunked: no size up front, so the limit is found while writing
    const streamed = await upload(server, 'big.vcf', async (req) => {
      for (let i = 0; i < 8 && !req.destroyed; i += 1) {
        req.write(randomBytes(512 * 1024));
        await new Promise((r) => setTimeout(r, 5));
      }
      req.end();
    });
    expect(streamed).toMatchObject({ status: 413, body: { kind: 'bad-input' } });
    expect(await waitFor(() => readdirSync(uploads).length === before)).toBe(true);
  });

  it('needs the session token and a file name; names cannot leave the upload folder', async () => {
    expect((await upload(server, 'x.vcf', async (req) => void req.end('x'), {}, 'wrong')).status).toBe(401);
    expect((await upload(server, '', async (req) => void req.end('x'))).status).toBe(400);
    const sneaky = await upload(server, '../../../etc/cron.d/evil.vcf', async (req) => void req.end('##fileformat=VCFv4.2\n'));
    expect(sneaky.status).toBe(200);
    const receipt = uploadReceipt.parse(sneaky.body);
    expect(resolveUpload(uploads, receipt.uploadId)).toBe(join(uploads, receipt.uploadId, 'evil.vcf'));
    expect(safeFileName('C:\\Users\\me\\proband 1.vcf.gz')).toBe('proband 1.vcf.gz');
    expect(safeFileName('..')).toBe('upload');
    expect(() => resolveUpload(uploads, '../uploads')).toThrow(/no upload/);
  });
});
