import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { InputError } from '../../common/input-error.js';
import { IntegrityError } from '../../common/integrity-error.js';
import { CaseInputError, CaseNotFoundError, CaseStoreOpenError } from '../../diagnosis/case-store/case-errors.js';
import { CaseStore } from '../../diagnosis/case-store/case-store.js';
import { readKeyFile, type CaseStoreKey } from '../../diagnosis/case-store/store-key.js';
import { dataHome } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { ExitCode } from './exit-codes.js';

/** The case store: `<data home>/cases.db` ($RAREDIAG_HOME, else ~/.rarediag). */
export const defaultCaseStorePath = () => join(dataHome(), 'cases.db');

export interface StoreOptions {
  store?: string;
  keyFile?: string;
}

const keyHelp = `
The store is encrypted (SQLCipher). Its key: --key-file FILE (32 bytes or 64 hex digits: a raw key; otherwise a
passphrase), else the passphrase in $RAREDIAG_CASES_KEY. Changes are recorded in the audit log under
$RAREDIAG_ACTOR, else the login name.`;

export function storeKey(opts: StoreOptions): CaseStoreKey {
  if (opts.keyFile) return readKeyFile(resolve(opts.keyFile));
  const env = process.env['RAREDIAG_CASES_KEY'];
  if (env) return env;
  process.stderr.write('rarediag: no key for the case store: set RAREDIAG_CASES_KEY (a passphrase) or pass --key-file FILE\n');
  throw new CommanderError(ExitCode.usage, 'rarediag.missingKey', 'no key for the case store');
}

export const actor = () => process.env['RAREDIAG_ACTOR'] || userInfo().username;
export const storePath = (opts: StoreOptions) => resolve(opts.store ?? defaultCaseStorePath());

/**
 * Opens the store for one command and always closes it. Only a command that adds something creates a missing store:
 * a read command on a wrong path says so instead of creating an empty store there.
 */
export async function withStore<T>(opts: StoreOptions, fn: (store: CaseStore) => T | Promise<T>, options: { create?: boolean } = {}): Promise<T> {
  const store = CaseStore.open({ path: storePath(opts), key: storeKey(opts), actor: actor(), create: options.create ?? false, quickCheck: true });
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

const restoreHint = 'restore the last verified backup with `rarediag cases restore BACKUP`';

/**
 * The store's errors as the command line reports them: bad input (exit code 3) named like a source file problem,
 * file then what is wrong; a damaged store is a failed verification (exit code 4) with the way back.
 */
export function storeErrorForCli(err: unknown, path: string): unknown {
  if (err instanceof CaseStoreOpenError && err.problem === 'corrupt') return new IntegrityError(err.file, `${err.detail}: ${restoreHint}`);
  if (err instanceof CaseStoreOpenError) return new InputError(err.file, undefined, err.detail, { cause: err });
  if (err instanceof CaseInputError) return new InputError(err.file ?? path, undefined, err.message, { cause: err });
  if (err instanceof CaseNotFoundError) return new InputError(path, undefined, err.message, { cause: err });
  if (isCorruption(err)) return new IntegrityError(path, `the case store is damaged (${(err as Error).message}): ${restoreHint}`);
  return err;
}

/** A store command's action, its store errors mapped by storeErrorForCli. */
export function badInputAsInputError<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (err) {
      // commander passes the command last
      throw storeErrorForCli(err, storePath((args.at(-1) as Command).opts<StoreOptions>()));
    }
  };
}

export const withStoreOptions = (cmd: Command) =>
  cmd
    .option('--store <file>', 'the case store file (default: <data home>/cases.db)')
    .option('--key-file <file>', 'file holding the store key (default: the passphrase in $RAREDIAG_CASES_KEY)')
    .addHelpText('after', keyHelp);


/** SQLite's own words for a damaged file (a page that does not decrypt or does not parse). */
export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: string } | undefined)?.code ?? '';
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || /SQLITE_CORRUPT|malformed/i.test(String((err as Error | undefined)?.message ?? ''));
}
