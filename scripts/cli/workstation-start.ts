import { join, resolve } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { readKeyFile, type CaseStoreKey } from '../../diagnosis/case-store/store-key.js';
import { removeIncompleteUploads } from '../../diagnosis/service/upload-files.js';
import { WorkstationService } from '../../diagnosis/service/workstation-service.js';
import { dataHome, packageRoot } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { startLoopbackServer, type LoopbackServer } from '../serve/loopback-server.js';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../serve/upload-endpoint.js';
import { storeErrorForCli } from './case-store-options.js';
import type { Command } from 'commander';
import { resolveSnapshot, snapshotOptionHelp, sourcesOptionHelp } from './snapshot-options.js';

export interface WorkstationStartOptions {
  port: string;
  snapshot?: string;
  sources?: string;
  home?: string;
  keyFile?: string;
  static?: string;
  maxUploadMb?: string;
}

/** The engine and the loopback server as `serve` and `open` start them: one data home, one key, one upload folder. */
export async function startWorkstation(opts: WorkstationStartOptions, hooks: { onEventClient?: () => void } = {}): Promise<{ home: string; service: WorkstationService; server: LoopbackServer }> {
  const home = resolve(opts.home ?? dataHome());
  let key: CaseStoreKey;
  if (opts.keyFile) key = readKeyFile(resolve(opts.keyFile));
  else if (process.env['RAREDIAG_CASES_KEY']) key = process.env['RAREDIAG_CASES_KEY'];
  else throw new InputError('RAREDIAG_CASES_KEY', undefined, 'the case store is encrypted: set RAREDIAG_CASES_KEY or pass --key-file');
  const snapshotDir = await resolveSnapshot(opts);
  const maxUploadMb = opts.maxUploadMb === undefined ? undefined : Number(opts.maxUploadMb);
  if (maxUploadMb !== undefined && !(maxUploadMb > 0)) throw new InputError('--max-upload-mb', undefined, 'expected a positive number of MiB');
  const uploadDir = join(home, 'uploads');
  removeIncompleteUploads(uploadDir);
  const storeFile = join(home, 'cases.db');
  const service = await WorkstationService.create({
    snapshotDir,
    sourcesDir: resolve(opts.sources ?? join(packageRoot(), '..', 'shared', 'data')),
    storeFile,
    storeKey: key,
    modelStoreDir: join(home, 'models'),
    uploadDir,
    applicationVersion: 'serve',
  }).catch((err: unknown) => {
    // a damaged store exits 4 with the restore hint, a wrong key or path is bad input (as every cases command)
    throw storeErrorForCli(err, storeFile);
  });
  try {
    const server = await startLoopbackServer(service, {
      port: Number(opts.port),
      staticDir: resolve(opts.static ?? join(packageRoot(), 'dist-renderer')),
      uploads: { dir: uploadDir, maxBytes: maxUploadMb === undefined ? DEFAULT_MAX_UPLOAD_BYTES : Math.floor(maxUploadMb * 1024 ** 2) },
      ...(hooks.onEventClient ? { onEventClient: hooks.onEventClient } : {}),
    });
    return { home, service, server };
  } catch (err) {
    await service.close();
    throw err;
  }
}

/** The options `serve` and `open` share: both start the same workstation. */
export function withWorkstationOptions(command: Command): Command {
  return command
    .option('--port <n>', 'port (0: any free port)', '0')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--sources <dir>', sourcesOptionHelp)
    .option('--home <dir>', workstationOptionHelp.home)
    .option('--key-file <file>', workstationOptionHelp.keyFile)
    .option('--static <dir>', workstationOptionHelp.static)
    .option('--max-upload-mb <n>', workstationOptionHelp.maxUploadMb);
}

export const workstationOptionHelp = {
  home: 'data home for the case store and models (default: $RAREDIAG_HOME or ~/.rarediag)',
  keyFile: 'case-store key file (default: the passphrase in $RAREDIAG_CASES_KEY)',
  static: 'built renderer to serve (default: dist-renderer/)',
  maxUploadMb: `largest file the browser may upload, in MiB (default ${DEFAULT_MAX_UPLOAD_BYTES / 1024 ** 2})`,
};
