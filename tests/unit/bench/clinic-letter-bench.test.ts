import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../common/input-error.js';
import { extractionScores, readLetters } from '../../../scripts/bench/clinic-letter-bench.js';

describe('clinic-letter benchmark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'letters-'));
  const letter = (id: string) => ({ id, diagnosis: 'OMIM:154700', sex: 'male', ageYears: 13, text: 'Tall boy.', present: [{ id: 'HP:0000098', label: 'Tall stature' }] });

  it('reads letters, keeps the even or odd half, and fills empty lists', async () => {
    const file = join(dir, 'ok.jsonl');
    writeFileSync(file, [letter('A'), letter('B'), letter('C')].map((l) => JSON.stringify(l)).join('\n'));
    expect((await readLetters(file)).map((l) => l.id)).toEqual(['A', 'B', 'C']);
    expect((await readLetters(file, 'even')).map((l) => l.id)).toEqual(['A', 'C']);
    const [b] = await readLetters(file, 'odd');
    expect(b).toMatchObject({ id: 'B', excluded: [], family: [] });
  });

  it('names the line of a letter that does not fit the format', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, `${JSON.stringify(letter('A'))}\n${JSON.stringify({ ...letter('B'), sex: 'M' })}\n`);
    await expect(readLetters(file)).rejects.toThrow(InputError);
    await expect(readLetters(file)).rejects.toThrow(/bad\.jsonl:2: sex/);
  });

  it('scores extraction as micro precision, recall and F1', () => {
    expect(extractionScores(10, 8, 6)).toMatchObject({ precision: 0.75, recall: 0.6 });
    expect(extractionScores(10, 8, 6).f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35, 10);
    expect(extractionScores(0, 0, 0)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});
