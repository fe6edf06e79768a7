// The child of crash-safety.test.ts: saves cases in a tight loop until it is killed (SIGKILL, no chance to clean up).
// It runs the built store (dist/), as the CLI and the app do. Protocol on stdout, one line per event, written
// synchronously so the parent sees each line before the next transaction starts:
//   ready <open ms>
//   committed <case id> <n> <ms since start>   after a transaction has committed
//   holding <case id> <WAL bytes before> <WAL bytes now>   inside an open transaction, its rows written (mode "hold")
import { statSync, writeSync } from 'node:fs';
import { CaseStore } from '../../../dist/diagnosis/case-store/case-store.js';

const [path, key, mode, firstArg] = process.argv.slice(2);
const FINDINGS = 12;
const say = (line) => writeSync(1, `${line}\n`);

const t0 = performance.now();
const store = CaseStore.open({ path, key, actor: `save-loop-${process.pid}` });
say(`ready ${(performance.now() - t0).toFixed(1)}`);

// distinct, valid-looking HPO ids per case
const findings = (n) =>
  Array.from({ length: FINDINGS }, (_, i) => ({
    hpoId: `HP:${String(1_000_000 + n * FINDINGS + i).padStart(7, '0')}`,
    label: `finding ${i} of case ${n}`,
    status: i % 4 === 3 ? 'excluded' : 'present',
    source: 'typed',
  }));
const newCase = (n) => ({
  label: `loop case ${n}`,
  sex: n % 2 ? 'FEMALE' : 'MALE',
  age: `P${n % 40}Y`,
  narratives: [{ source: 'save loop', text: `Case ${n}. ${'Developmental delay with hypotonia and recurrent seizures. '.repeat(40)}` }],
  findings: findings(n),
  notes: [`note of case ${n}`],
});

const start = performance.now();
const first = Number(firstArg ?? 0);
for (let n = first; ; n += 1) {
  if (mode === 'hold' && n === first + 20) {
    // Kill while a transaction is open and its rows are written: a small page cache makes SQLite spill the
    // uncommitted pages to the WAL, so the file on disk really holds half a transaction when the parent kills us.
    const db = store.shared.db;
    db.pragma('cache_size = 2');
    const walBefore = statSync(`${path}-wal`).size;
    db.exec('BEGIN IMMEDIATE');
    const held = store.createCase(newCase(n)); // nested: a savepoint inside the open transaction
    say(`holding ${held.case.id} ${walBefore} ${statSync(`${path}-wal`).size}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // until SIGKILL
  }
  const c = store.createCase(newCase(n));
  say(`committed ${c.case.id} ${n} ${(performance.now() - start).toFixed(1)}`);
}
