import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseStore } from '../../../diagnosis/case-store/case-store.js';
import { ftsQuery } from '../../../diagnosis/case-store/text-search.js';
import { scratchDir } from '../../helpers/paths.js';
import { openStore, storeFile } from './store-fixtures.js';

describe('full-text search over narratives and notes (FTS5)', () => {
  const dir = scratchDir('rarediag-cases-fts-');
  let store: CaseStore;
  const ids: Record<string, string> = {};
  beforeAll(() => {
    store = openStore(storeFile(dir));
    ids['nf1'] = store.createCase({
      label: 'NF1 query',
      narratives: [{ source: 'referral letter', text: 'Eight café-au-lait macules over 15 mm, axillary freckling. Two plexiform neurofibromas on MRI.' }],
    }).case.id;
    ids['epilepsy'] = store.createCase({
      label: 'Infantile spasms',
      narratives: [{ source: 'EEG report', text: 'Hypsarrhythmia. Clusters of epileptic spasms since 5 months; developmental regression.' }],
      notes: ['Consider TSC: look for hypomelanotic macules and cardiac rhabdomyoma.'],
    }).case.id;
    ids['ataxia'] = store.createCase({
      label: 'Ataxia',
      narratives: [{ source: 'clinic letter', text: 'Gait ataxia and recurrent seizure-like episodes; the seizures stopped on acetazolamide.' }],
    }).case.id;
  });
  afterAll(() => store.close());

  const found = (text: string) => store.search(text).map((r) => r.caseId);

  it('finds narratives and notes, and returns case ids with snippets marking the matches', () => {
    const [hit] = store.search('plexiform');
    expect(hit).toEqual({
      caseId: ids['nf1'],
      label: 'NF1 query',
      status: 'new',
      hits: [{ kind: 'narrative', itemId: expect.any(Number), source: 'referral letter', snippet: expect.stringContaining('«plexiform»') }],
    });
    expect(store.search('rhabdomyoma')).toEqual([expect.objectContaining({ caseId: ids['epilepsy'], hits: [expect.objectContaining({ kind: 'note', source: null })] })]);
  });

  it('stems, folds diacritics, matches phrases and prefixes, and requires every word', () => {
    expect(found('seizure')).toEqual([ids['ataxia']]); // "seizures" and "seizure-like"
    expect(found('cafe au lait')).toEqual([ids['nf1']]); // café-au-lait
    expect(found('"epileptic spasms"')).toEqual([ids['epilepsy']]);
    expect(found('"spasms epileptic"')).toEqual([]);
    expect(found('neurofib*')).toEqual([ids['nf1']]);
    expect(found('macules')).toEqual(expect.arrayContaining([ids['nf1'], ids['epilepsy']]));
    expect(found('macules freckling')).toEqual([ids['nf1']]);
  });

  it('treats what is typed as words: FTS5 operators and punctuation never make a syntax error', () => {
    expect(ftsQuery('café-au-lait NOT "two words" hypoton* col:x (')).toBe('"café-au-lait" AND "NOT" AND "two words" AND "hypoton"* AND "col:x"');
    expect(found('regression AND')).toEqual([]); // "AND" is a word here, and no text has it
    expect(found('ataxia OR')).toEqual([]);
    expect(found('NEAR(gait ataxia)')).toEqual([]);
    expect(() => store.search('  "" * ')).toThrow(/nothing to search for/);
  });

  it('follows changes: a new note is found at once', () => {
    store.addNote(ids['ataxia']!, { text: 'CACNA1A episodic ataxia type 2 suspected.' });
    expect(found('CACNA1A')).toEqual([ids['ataxia']]);
  });
});
