import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../common/input-error.js';
import { dataHome, packageRoot } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { readKeyFile, type CaseStoreKey } from '../../diagnosis/case-store/store-key.js';
import { WorkstationService } from '../../diagnosis/service/workstation-service.js';
import { startLoopbackServer } from '../serve/loopback-server.js';
import { storeErrorForCli } from './case-store-options.js';
import { resolveSnapshot, snapshotOptionHelp, sourcesOptionHelp } from './snapshot-options.js';

interface ServeOptions {
  port: string;
  snapshot?: string;
  sources?: string;
  home?: string;
  keyFile?: string;
  static?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the workstation UI and its typed API on 127.0.0.1 (random token; for browsers and headless use)')
    .option('--port <n>', 'port (0: any free port)', '0')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--sources <dir>', sourcesOptionHelp)
    .option('--home <dir>', 'data home for the case store and models (default: $RAREDIAG_HOME or ~/.rarediag)')
    .option('--key-file <file>', 'case-store key file (default: the passphrase in $RAREDIAG_CASES_KEY)')
    .option('--static <dir>', 'built renderer to serve (default: dist-renderer/)')
    .action(async (opts: ServeOptions) => {
      const home = resolve(opts.home ?? dataHome());
      let key: CaseStoreKey;
      if (opts.keyFile) key = readKeyFile(resolve(opts.keyFile));
      else if (process.env['RAREDIAG_CASES_KEY']) key = process.env['RAREDIAG_CASES_KEY'];
      else throw new InputError('RAREDIAG_CASES_KEY', undefined, 'the case store is encrypted: set RAREDIAG_CASES_KEY or pass --key-file');
      const snapshotDir = await resolveSnapshot(opts);
      const storeFile = join(home, 'cases.db');
      const service = await WorkstationService.create({
        snapshotDir,
        sourcesDir: resolve(opts.sources ?? join(packageRoot(), '..', 'shared', 'data')),
        storeFile,
        storeKey: key,
        modelStoreDir: join(home, 'models'),
        applicationVersion: 'serve',
      }).catch((err: unknown) => {
        throw storeErrorForCli(err, storeFile);
      });
      const server = await startLoopbackServer(service, { port: Number(opts.port), staticDir: resolve(opts.static ?? join(packageRoot(), 'dist-renderer')) });
      process.stdout.write(`rarediag serve: ${server.url}\n`);
      await new Promise<void>((done) => {
        const stop = () => done();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await service.close();
    });
}
