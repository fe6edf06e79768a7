import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const bin = resolve('bin/rarediag.js');

/**
 * True when this build of the CLI has the `serve` command: `serve --help` exits 0 and prints the serve usage (an
 * unknown command with --help prints the program's help, also with exit code 0).
 */
export function serveCommandAvailable(): boolean {
  const r = spawnSync(process.execPath, [bin, 'serve', '--help'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 && /Usage: rarediag serve\b/.test(r.stdout);
}

export interface RunningServer {
  /** the address printed by the server, with its #token= fragment */
  url: string;
  origin: string;
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts `rarediag serve --port 0` as a child process and waits for the line
 * `rarediag serve: http://127.0.0.1:PORT/#token=TOKEN` on its stdout.
 */
export function startServe(options: { snapshotDir: string; home: string; env?: Record<string, string>; timeoutMs?: number }): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve', '--port', '0', '--snapshot', options.snapshotDir, '--home', options.home], {
    env: { ...process.env, RAREDIAG_CASES_KEY: 'test-key', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      void stop();
      fail(new Error(`rarediag serve printed no address within ${options.timeoutMs ?? 180_000} ms.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 180_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /rarediag serve: (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        done({ url: `${m[1]}/#token=${m[2]}`, origin: m[1]!, stderr: () => stderr, stop });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`rarediag serve exited (${code ?? signal}) before printing its address.\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
}

/** Imports a GGUF model into a data home's model store with the CLI (for the reasoning path). */
export function importModel(home: string, file: string): { ok: boolean; output: string } {
  const r = spawnSync(process.execPath, [bin, 'models', 'import', file], { encoding: 'utf8', env: { ...process.env, RAREDIAG_HOME: home }, timeout: 120_000 });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
