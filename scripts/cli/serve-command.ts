import type { Command } from 'commander';
import { startWorkstation, withWorkstationOptions, type WorkstationStartOptions } from './workstation-start.js';

export function registerServeCommand(program: Command): void {
  withWorkstationOptions(
    program.command('serve').description('serve the workstation UI and its typed API on 127.0.0.1 (random token; for browsers and headless use)'),
  ).action(async (opts: WorkstationStartOptions) => {
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
