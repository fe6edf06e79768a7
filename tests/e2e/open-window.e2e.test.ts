import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { chromiumPath, rendererDist, screenshotDir } from './support/browser.js';

/**
 * `rarediag open`, where Electron cannot be installed: the loopback server and an app window of Debian's Chromium,
 * on a real (virtual) X display, Xvfb, with a screenshot of the screen taken by scrot. The window is up when its page
 * opens the event socket, which `open` reports.
 */
const e2e = process.env['RAREDIAG_E2E'] === '1';
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

describe.skipIf(!e2e)('rarediag open: the workstation in a real window (Xvfb)', () => {
  const work = mkdtempSync(join(tmpdir(), 'rarediag-open-'));
  const started: ChildProcess[] = [];
  afterAll(async () => {
    for (const p of started.reverse()) {
      if (p.exitCode === null && p.signalCode === null) {
        p.kill('SIGTERM');
        await new Promise((r) => setTimeout(r, 500));
        if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
      }
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('opens the UI in an app window with its own profile, and closes the server with it', async () => {
    if (!has('Xvfb') || !has('scrot')) throw new Error('Xvfb and scrot are needed (apt-get install -y xvfb scrot; .ci/run installs them)');
    if (!existsSync(join(rendererDist, 'index.html'))) throw new Error('dist-renderer/ missing: npm run test:e2e builds it');
    const display = `:${90 + Math.floor(Math.random() * 9)}`;
    const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    started.push(xvfb);
    const socket = `/tmp/.X11-unix/X${display.slice(1)}`;
    for (let i = 0; i < 100 && !existsSync(socket); i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(socket), `Xvfb did not start on ${display}`).toBe(true);

    const home = join(work, 'home');
    const args = ['bin/rarediag.js', 'open', '--port', '0', '--home', home, '--snapshot', inject('realSnapshotDir'), '--browser', chromiumPath];
    // as root (CI, these machines) Chromium needs --no-sandbox; a virtual display has no GPU
    if (process.getuid?.() === 0) args.push('--browser-arg=--no-sandbox');
    args.push('--browser-arg=--disable-gpu');
    const open = spawn(process.execPath, args, { env: { ...process.env, DISPLAY: display, RAREDIAG_CASES_KEY: 'open-window test' }, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(open);
    let out = '';
    let err = '';
    open.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    open.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const deadline = Date.now() + 180_000;
    while (!out.includes('the window is connected') && Date.now() < deadline && open.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    expect(out, `stdout: ${out}\nstderr: ${err}`).toContain('rarediag open: the window is connected');
    expect(out).toMatch(/rarediag open: \S*chromium \(pid \d+\) on http:\/\/127\.0\.0\.1:\d+\//);
    expect(existsSync(join(home, 'browser-profile'))).toBe(true);

    // the page has painted the case list by now; a blank screen compresses to a few kilobytes
    await new Promise((r) => setTimeout(r, 3000));
    mkdirSync(screenshotDir, { recursive: true });
    const shot = resolve(screenshotDir, 'open-window-xvfb.png');
    const scrot = spawnSync('scrot', ['-o', shot], { env: { ...process.env, DISPLAY: display } });
    expect(scrot.status, scrot.stderr?.toString()).toBe(0);
    expect(statSync(shot).size).toBeGreaterThan(20_000);

    open.kill('SIGTERM');
    await new Promise<void>((done) => (open.exitCode !== null ? done() : open.once('exit', () => done())));
    expect(open.exitCode ?? 0).toBe(0);
  });
});
