import { describe, expect, it } from 'vitest';
import { rankedTerms } from '../../../diagnosis/pipeline/findings-merge.js';
import type { RunFinding } from '../../../diagnosis/pipeline/run-types.js';
import { findingsToStore } from '../../../diagnosis/pipeline/save-run.js';

const f = (hpoId: string, status: RunFinding['status'], source: RunFinding['source'] = 'typed', span?: [number, number]): RunFinding => ({
  hpoId,
  label: hpoId,
  status,
  source,
  ...(span ? { start: span[0], end: span[1], text: 'x' } : {}),
});

describe('the findings a run ranks (one rule for every entry point)', () => {
  it('ranks present and excluded findings; a term present anywhere is not also excluded; uncertain and family are not ranked', () => {
    const findings = [
      f('HP:0000001', 'present'),
      f('HP:0000002', 'excluded', 'extracted', [0, 4]),
      f('HP:0000002', 'present', 'extracted', [10, 14]),
      f('HP:0000003', 'excluded'),
      f('HP:0000004', 'uncertain'),
      f('HP:0000005', 'family', 'extracted', [20, 24]),
      f('HP:0000001', 'present', 'extracted', [30, 34]),
    ];
    expect(rankedTerms(findings)).toEqual({ present: ['HP:0000001', 'HP:0000002'], excluded: ['HP:0000003'] });
  });

  it('stores one finding per term with the status the run ranked it with, extracted ones with their first span', () => {
    const { typed, extracted } = findingsToStore([
      f('HP:0000002', 'excluded', 'extracted', [0, 4]),
      f('HP:0000002', 'present', 'extracted', [10, 14]),
      f('HP:0000003', 'excluded'),
      f('HP:0000004', 'uncertain'),
      f('HP:0000005', 'family', 'extracted', [20, 24]),
    ]);
    expect(extracted).toEqual([{ hpoId: 'HP:0000002', label: 'HP:0000002', status: 'present', source: 'extracted', span: { start: 10, end: 14, text: 'x' } }]);
    expect(typed.map((x) => [x.hpoId, x.status])).toEqual([
      ['HP:0000003', 'excluded'],
      ['HP:0000004', 'uncertain'],
    ]);
  });
});
