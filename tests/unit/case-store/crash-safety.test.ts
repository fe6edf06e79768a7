import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { LATEST_SCHEMA_VERSION } from '../../../diagnosis/case-store/migrate.js';
import { describe, expect, it } from 'vitest';
import { CaseStore } from '../../../diagnosis/case-store/case-store.js';
import { scratchDir } from '../../helpers/paths.js';
import { PASSPHRASE, fileHashes, storeFile } from './store-fixtures.js';

const child = resolve('tests/unit/case-store/save-loop-child.mjs');
const FINDINGS_PER_CASE = 12;

interface LoopRun {
  committed: { id: string; n: number; ms: number }[];
  held: string | null;
  /** WAL bytes written by the open transaction before the kill */
  uncommittedWalBytes: number;
  openMs: number;
}

/**
 * Runs the save loop in a child process and kills it with SIGKILL: in "hold" mode while a transaction is open,
 * otherwise at a random moment after `commitsBeforeKill` commits.
 */
function runAndKill(path: string, mode: 'loop' | 'hold', first: number, commitsBeforeKill = 30): Promise<LoopRun> {
  if (!existsSync(resolve('dist/diagnosis/case-store/case-store.js'))) throw new Error('run `npm run build` first: the save loop runs the built store');
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, [child, path, PASSPHRASE, mode, String(first)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const run: LoopRun = { committed: [], held: null, uncommittedWalBytes: 0, openMs: 0 };
    let stderr = '';
    let killing = false;
    const kill = () => {
      if (killing) return;
      killing = true;
      proc.kill('SIGKILL');
    };
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: proc.stdout }).on('line', (line) => {
      const [what, a, b, c] = line.split(' ');
      if (what === 'ready') run.openMs = Number(a);
      if (what === 'committed') {
        run.committed.push({ id: a!, n: Number(b), ms: Number(c) });
        if (mode === 'loop' && run.committed.length === commitsBeforeKill) setTimeout(kill, Math.floor(Math.random() * 40));
      }
      if (what === 'holding') {
        run.held = a!;
        run.uncommittedWalBytes = Number(c) - Number(b);
        kill();
      }
    });
    proc.on('error', fail);
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') fail(new Error(`the save loop ended by itself (code ${code}): ${stderr}`));
      else done(run);
    });
  });
}

/** What must hold after any crash: the file is sound, the chain verifies, and every case is whole. */
function checkAfterCrash(path: string, committed: Set<string>, held: string | null, writers = 1): { cases: number; auditRows: number } {
  // a wrong key first: refused, and the crash's WAL is left for the right key to recover
  const before = fileHashes(path);
  expect(() => CaseStore.open({ path, key: 'wrong', actor: 'x' })).toThrow(/wrong key/);
  expect(fileHashes(path)).toEqual(before);

  const store = CaseStore.open({ path, key: PASSPHRASE, actor: 'after-crash' });
  try {
    expect(store.integrityCheck()).toBe('ok');
    const audit = store.verifyAuditChain();
    expect(audit.ok).toBe(true);
    const cases = store.listCases();
    for (const c of cases) {
      const d = store.getCase(c.id);
      // no half-written case: all its findings, its narrative and its note, or no case at all
      expect([d.findings.length, d.narratives.length, d.notes.length], c.label).toEqual([FINDINGS_PER_CASE, 1, 1]);
    }
    const ids = new Set(cases.map((c) => c.id));
    for (const id of committed) expect(ids.has(id), `committed case ${id}`).toBe(true);
    // the kill may land between a commit and its report: at most one case more than reported, per writer
    expect(ids.size - committed.size).toBeGreaterThanOrEqual(0);
    expect(ids.size - committed.size).toBeLessThanOrEqual(writers);
    if (held) expect(ids.has(held), 'the case of the open transaction').toBe(false);
    // one entry per migration, then 4 entries per case (create, narrative, findings, note): nothing half-logged either
    expect(audit.ok && audit.rows).toBe(LATEST_SCHEMA_VERSION + 4 * ids.size);
    return { cases: ids.size, auditRows: audit.ok ? audit.rows : -1 };
  } finally {
    store.close();
  }
}

describe('crash safety: SIGKILL during a save loop', () => {
  const dir = scratchDir('rarediag-cases-crash-');

  it('loses nothing committed and keeps nothing half-written, when killed inside a transaction whose pages reached the WAL', async () => {
    const path = storeFile(dir, 'hold.db');
    const run = await runAndKill(path, 'hold', 0);
    expect(run.committed).toHaveLength(20);
    expect(run.held).not.toBeNull();
    // the open transaction had really written pages to disk (the WAL) when it was killed
    expect(run.uncommittedWalBytes).toBeGreaterThan(0);
    const result = checkAfterCrash(path, new Set(run.committed.map((c) => c.id)), run.held);
    expect(result.cases).toBe(20);
    process.stderr.write(`killed inside a transaction that had written ${run.uncommittedWalBytes} bytes to the WAL; store opened (passphrase) in ${run.openMs} ms\n`);
  });

  it('survives three random kills of the save loop on the same store', async () => {
    const path = storeFile(dir, 'loop.db');
    const committed = new Set<string>();
    let next = 0;
    const rates: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const run = await runAndKill(path, 'loop', next, 30 + 15 * round);
      run.committed.forEach((c) => committed.add(c.id));
      next = (run.committed.at(-1)?.n ?? next) + 2;
      const [a, z] = [run.committed[0]!, run.committed.at(-1)!];
      rates.push(((z.n - a.n) / (z.ms - a.ms)) * 1000);
      const { cases } = checkAfterCrash(path, committed, null);
      // cases created by the killed loop but not reported committed are still whole, and count from now on
      expect(cases).toBeGreaterThanOrEqual(committed.size);
      const store = CaseStore.open({ path, key: PASSPHRASE, actor: 'after-crash' });
      store.listCases().forEach((c) => committed.add(c.id));
      store.close();
    }
    process.stderr.write(
      `save loop (case + narrative + ${FINDINGS_PER_CASE} findings + note + 4 audit rows per transaction, synchronous=FULL): ` +
        `${rates.map((r) => r.toFixed(0)).join(', ')} transactions/s; ${committed.size} cases after 3 kills\n`,
    );
  }, 120_000);

  it('keeps one audit chain when two processes create the store and write to it at the same time, then both are killed', async () => {
    const path = storeFile(dir, 'two-writers.db');
    const runs = await Promise.all([runAndKill(path, 'loop', 0, 40), runAndKill(path, 'loop', 100_000, 40)]);
    const committed = new Set(runs.flatMap((r) => r.committed.map((c) => c.id)));
    const { cases } = checkAfterCrash(path, committed, null, 2);
    expect(cases).toBeGreaterThanOrEqual(80);
    const store = CaseStore.open({ path, key: PASSPHRASE, actor: 'after-crash' });
    // both writers' entries are interleaved in the one chain, migrations applied once
    expect(new Set(store.auditTrail({ limit: 10_000 }).map((e) => e.actor)).size).toBe(2);
    expect(store.auditTrail({ limit: 10_000 }).filter((e) => e.action === 'schema.migrate')).toHaveLength(LATEST_SCHEMA_VERSION);
    store.close();
  }, 120_000);
});
