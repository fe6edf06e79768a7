import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { InputError } from '../../common/input-error.js';
import { IntegrityError } from '../../common/integrity-error.js';
import { ExitCode, exitCodeHelp } from './exit-codes.js';
import { registerSnapshotCommands } from './snapshot-commands.js';
import { registerBenchCommands } from './bench-commands.js';
import { registerRankCommand } from './rank-command.js';
import { registerDiagnoseCommand } from './diagnose-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerOpenCommand } from './open-command.js';
import { registerExtractCommand } from './extract-command.js';
import { defaultModelStoreDir, registerModelsCommand } from './models-command.js';
import { registerCasesCommand } from './cases-command.js';
import { registerFitCommands } from './fit-commands.js';
import { registerCohortCommands } from './cohort-command.js';

// `rarediag ... | head`: the reader went away; stop quietly, as other command-line tools do, not with a stack trace
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = new Command();
program
  .name('rarediag')
  .description('Offline rare-disease diagnostic workstation: knowledge snapshot, ranking, intake and local reasoning.\nNothing leaves this machine.')
  .showHelpAfterError()
  .addHelpText('after', exitCodeHelp)
  .option('--debug', 'on an unexpected failure, print the stack trace')
  .exitOverride();

registerSnapshotCommands(program);
registerRankCommand(program);
registerDiagnoseCommand(program);
registerServeCommand(program);
registerOpenCommand(program);
registerExtractCommand(program);
registerBenchCommands(program);
registerModelsCommand(program, { storeDir: defaultModelStoreDir });
registerCasesCommand(program);
registerFitCommands(program);
registerCohortCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = handleError(err);
}

/**
 * An error thrown in a worker thread (benchmarks, batch ranking, fitting) reaches the main thread as a plain Error
 * with its name, message and fields, but not its class: a snapshot a worker refuses is still bad input, not a bug.
 */
function fromWorker(err: unknown, name: 'InputError' | 'IntegrityError'): err is Error {
  return err instanceof Error && err.constructor === Error && err.name === name;
}

function handleError(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version end here too, with code 0.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') return ExitCode.ok;
    // commander prints its own parse errors; a usage error thrown by an action's checks reaches here unprinted
    if (err instanceof InvalidArgumentError) process.stderr.write(`rarediag: ${err.message}\n`);
    return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (err instanceof InputError || fromWorker(err, 'InputError')) {
    process.stderr.write(`rarediag: ${err.message}\n`);
    return ExitCode.badInput;
  }
  if (err instanceof IntegrityError || fromWorker(err, 'IntegrityError')) {
    process.stderr.write(`rarediag: ${err.message}\n`);
    return ExitCode.verifyFailed;
  }
  // A real bug: a short message, and the stack only when asked for (--debug or RAREDIAG_DEBUG=1).
  const debug = process.argv.includes('--debug') || process.env['RAREDIAG_DEBUG'] === '1';
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`rarediag: unexpected failure: ${message}${debug && err instanceof Error && err.stack ? `\n${err.stack}` : '\n(run again with --debug for the details, and please report it)'}\n`);
  return ExitCode.failure;
}
