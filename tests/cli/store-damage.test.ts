import { closeSync, existsSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseStore } from '../../diagnosis/case-store/case-store.js';
import { CaseStoreOpenError } from '../../diagnosis/case-store/case-errors.js';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';
import { marfanCase, rawConnection } from '../unit/case-store/store-fixtures.js';

const KEY = 'damage test passphrase';

/** Flips one byte in the middle of the narratives table's root page: what a failing disk or a careless edit does. */
function damageNarratives(path: string): void {
  const raw = rawConnection(path, KEY);
  const root = raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'narratives'").pluck().get() as number;
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  const fd = openSync(path, 'r+');
  const offset = (root - 1) * pageSize + 1500;
  const b = Buffer.alloc(1);
  readSync(fd, b, 0, 1, offset);
  writeSync(fd, Buffer.from([b[0]! ^ 0x5a]), 0, 1, offset);
  closeSync(fd);
}

describe('a damaged or missing case store (CLI)', () => {
  const home = scratchDir('rarediag-store-damage-');
  const env = { RAREDIAG_HOME: home, RAREDIAG_CASES_KEY: KEY, RAREDIAG_ACTOR: 'dr.cli' };
  const storePath = join(home, 'cases.db');

  it('never creates a store from a read command, and reports a damaged page from every command with exit code 4', async () => {
    for (const args of [['list'], ['search', 'aorta'], ['audit-verify']]) {
      const r = await runCli(['cases', ...args], env);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr).toBe(`rarediag: ${storePath}: no case store at this path\n`);
    }
    expect(existsSync(storePath)).toBe(false);

    const store = CaseStore.open({ path: storePath, key: KEY, actor: 'seed' });
    for (const label of ['A', 'B', 'C']) store.createCase(marfanCase(label));
    store.close();
    expect((await runCli(['cases', 'list'], env)).code).toBe(0);

    damageNarratives(storePath);
    // the library refuses it at open when asked to check (the app and the CLI ask)
    expect(() => CaseStore.open({ path: storePath, key: KEY, actor: 'x', quickCheck: true })).toThrow(CaseStoreOpenError);
    for (const args of [['list'], ['search', 'aorta'], ['audit-verify'], ['backup', '--out', join(home, 'b.db')]]) {
      const r = await runCli(['cases', ...args], env);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(4);
      expect(r.stderr).toMatch(new RegExp(`^rarediag: ${storePath}: the case store is damaged \\(.+\\): restore the last verified backup with \`rarediag cases restore BACKUP\`\\n$`));
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
