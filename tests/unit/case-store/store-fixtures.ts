import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { CaseStore } from '../../../diagnosis/case-store/case-store.js';
import type { NewCaseInput } from '../../../diagnosis/case-store/case-inputs.js';
import { applyKey, type CaseStoreKey } from '../../../diagnosis/case-store/store-key.js';

export const PASSPHRASE = 'correct horse battery staple';

/** A clock that ticks one second per call, from a fixed start: timestamps in tests are predictable and ordered. */
export function tickingClock(start = '2025-03-01T09:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

export function openStore(path: string, options: { key?: CaseStoreKey; actor?: string } = {}): CaseStore {
  return CaseStore.open({ path, key: options.key ?? PASSPHRASE, actor: options.actor ?? 'dr.lee', now: tickingClock() });
}

/** A second, raw connection to a store file with its key: what someone holding the key could do outside the app. */
export function rawConnection(path: string, key: CaseStoreKey = PASSPHRASE): Database.Database {
  const db = new Database(path);
  applyKey(db, key);
  return db;
}

/** sha256 of a store's files (db, wal), to show that something left them untouched. */
export function fileHashes(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const suffix of ['', '-wal']) {
    const f = `${path}${suffix}`;
    out[suffix || 'db'] = existsSync(f) ? createHash('sha256').update(readFileSync(f)).digest('hex') : 'absent';
  }
  return out;
}

export const storeFile = (dir: string, name = 'cases.db') => join(dir, name);

/** A realistic case: a referral narrative and typed findings. */
export const marfanCase = (label = 'Proband, family 7'): NewCaseInput => ({
  label,
  sex: 'MALE',
  dateOfBirth: '2011-05-14',
  narratives: [
    {
      source: 'referral letter',
      text:
        'Thirteen-year-old boy referred for tall stature and long, slender fingers. Bilateral ectopia lentis diagnosed at age 9; ' +
        'echocardiography shows aortic root dilatation (Z-score 3.1). Myopia since early childhood. No seizures, normal intellect.',
    },
  ],
  findings: [
    { hpoId: 'HP:0001166', label: 'Arachnodactyly', status: 'present', source: 'typed' },
    { hpoId: 'HP:0001083', label: 'Ectopia lentis', status: 'present', source: 'typed' },
    { hpoId: 'HP:0002616', label: 'Aortic root aneurysm', status: 'present', source: 'typed' },
    { hpoId: 'HP:0000545', label: 'Myopia', status: 'present', source: 'typed' },
    { hpoId: 'HP:0001250', label: 'Seizure', status: 'excluded', source: 'typed' },
  ],
});
