import type { Command } from 'commander';
import { snapshotOptionHelp, sourcesOptionHelp } from './snapshot-options.js';
import { startWorkstation, workstationOptionHelp, type WorkstationStartOptions } from './workstation-start.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the workstation UI and its typed API on 127.0.0.1 (random token; for browsers and headless use)')
    .option('--port <n>', 'port (0: any free port)', '0')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--sources <dir>', sourcesOptionHelp)
    .option('--home <dir>', workstationOptionHelp.home)
    .option('--key-file <file>', workstationOptionHelp.keyFile)
    .option('--static <dir>', workstationOptionHelp.static)
    .option('--max-upload-mb <n>', workstationOptionHelp.maxUploadMb)
    .action(async (opts: WorkstationStartOptions) => {
      const { service, server } = await startWorkstation(opts);
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
