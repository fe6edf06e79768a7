import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../common/input-error.js';
import { appWindowArgs, browserCandidates, findAppBrowser } from '../serve/app-window.js';
import { startWorkstation, withWorkstationOptions, type WorkstationStartOptions } from './workstation-start.js';

interface OpenOptions extends WorkstationStartOptions {
  browser?: string;
  browserArg: string[];
}

/**
 * `rarediag open`: the workstation in a window where Electron cannot be installed. Starts the engine and the loopback
 * server as `serve` does, then an app window of an installed Chromium / Chrome / Edge on it; closing the window stops
 * the server.
 */
export function registerOpenCommand(program: Command): void {
  withWorkstationOptions(
    program
      .command('open')
      .description('open the workstation in an app window of an installed Chromium, Chrome or Edge (when the Electron app is not installed)'),
  )
    .option('--browser <path>', 'the browser to use (default: $RAREDIAG_BROWSER, else the first of Chromium, Chrome, Edge found)')
    .option('--browser-arg <arg>', 'an extra browser argument (repeatable), e.g. --browser-arg=--no-sandbox when running as root', (v: string, all: string[]) => [...all, v], [])
    .action(async (opts: OpenOptions) => {
      const browser = findAppBrowser(opts.browser);
      if (!browser) {
        const where = opts.browser ?? process.env['RAREDIAG_BROWSER'] ?? browserCandidates().join(', ');
        throw new InputError(opts.browser ? '--browser' : 'browser', undefined, `no Chromium, Chrome or Edge found (looked at ${where}); install one, or use \`rarediag serve\` and open its address`);
      }
      let announced = false;
      const { home, service, server } = await startWorkstation(opts, {
        onEventClient: () => {
          if (announced) return;
          announced = true;
          process.stdout.write('rarediag open: the window is connected\n');
        },
      });
      const profile = join(home, 'browser-profile');
      mkdirSync(profile, { recursive: true });
      const child = spawn(browser, appWindowArgs(server.url, profile, opts.browserArg), { stdio: 'ignore' });
      process.stdout.write(`rarediag open: ${browser} (pid ${child.pid ?? '?'}) on http://127.0.0.1:${server.port}/\n`);
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.once('error', (err) => {
          process.stderr.write(`rarediag open: the browser could not start: ${err.message}\n`);
          done();
        });
        const stop = () => {
          child.kill('SIGTERM');
          done();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await service.close();
    });
}
