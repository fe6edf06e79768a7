import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const bin = resolve('bin/rarediag.js');

/** Runs the built `rarediag` CLI (npm test builds it first) with extra environment variables. */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  if (!existsSync(resolve('dist/scripts/cli/main.js'))) throw new Error('run `npm run build` first (npm test does)');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
