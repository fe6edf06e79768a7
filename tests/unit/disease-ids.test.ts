import { describe, expect, it } from 'vitest';
import { orderDiseaseIds, preferredDiseaseId } from '../../diagnosis/contract/disease-ids.js';
import type { RunView } from '../../diagnosis/contract/api-schemas.js';
import { withPreferredIds } from '../../diagnosis/pipeline/run-view.js';

describe('one id per disease concept', () => {
  it('shows OMIM first, then Orphanet, MONDO, others; numbers in numeric order', () => {
    expect(orderDiseaseIds(['ORPHA:15', 'OMIM:100800'])).toEqual(['OMIM:100800', 'ORPHA:15']);
    expect(orderDiseaseIds(['DECIPHER:1', 'MONDO:0007037', 'ORPHA:15'])).toEqual(['ORPHA:15', 'MONDO:0007037', 'DECIPHER:1']);
    expect(orderDiseaseIds(['OMIM:613675', 'OMIM:162200', 'OMIM:162200'])).toEqual(['OMIM:162200', 'OMIM:613675']);
    expect(preferredDiseaseId([], 'ORPHA:636')).toBe('ORPHA:636');
  });

  it('names a candidate scored through its ORPHA entry by its OMIM id and name, keeping the scored entry for citations', () => {
    const view = {
      candidates: [
        { rank: 1, id: 'ORPHA:636', ids: ['ORPHA:636', 'OMIM:162200'], label: 'Neurofibromatosis type 1', mondo: 'MONDO:0018975' },
        { rank: 2, id: 'OMIM:100800', ids: ['OMIM:100800', 'ORPHA:15'], label: 'Achondroplasia', mondo: 'MONDO:0007037' },
      ],
    } as unknown as RunView;
    const out = withPreferredIds(view, (id) => ({ 'OMIM:162200': 'Neurofibromatosis, type 1' })[id]);
    expect(out.candidates[0]).toMatchObject({ id: 'OMIM:162200', ids: ['OMIM:162200', 'ORPHA:636'], entryId: 'ORPHA:636', label: 'Neurofibromatosis, type 1' });
    expect(out.candidates[1]).toMatchObject({ id: 'OMIM:100800', ids: ['OMIM:100800', 'ORPHA:15'], label: 'Achondroplasia' });
    expect(out.candidates[1]!.entryId).toBeUndefined();
    // applying it again changes nothing (stored runs are normalised on every read)
    expect(withPreferredIds(out)).toEqual(out);
  });
});
