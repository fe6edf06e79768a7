import { describe, expect, it } from 'vitest';
import { assessGrowth } from '../../../diagnosis/intake/growth-entry.js';

describe('a growth measurement typed in the case page', () => {
  it('reads centiles and SD scores with the narrative’s limits, and proposes the finding beyond them', () => {
    expect(assessGrowth({ measure: 'height', value: 0.4, unit: 'centile' })).toMatchObject({ read: true, z: -2.65, hpoId: 'HP:0004322' });
    expect(assessGrowth({ measure: 'height', value: 3, unit: 'centile' })).toMatchObject({ read: true, z: -1.88 });
    expect(assessGrowth({ measure: 'height', value: 3, unit: 'centile' }).hpoId).toBeUndefined();
    expect(assessGrowth({ measure: 'head', value: 99.6, unit: 'centile' })).toMatchObject({ hpoId: 'HP:0000256' });
    expect(assessGrowth({ measure: 'head', value: -2.4, unit: 'sd' })).toMatchObject({ z: -2.4, centile: 0.8, hpoId: 'HP:0000252' });
    expect(assessGrowth({ measure: 'weight', value: 2.1, unit: 'sd' })).toMatchObject({ hpoId: 'HP:0004324' });
    expect(assessGrowth({ measure: 'weight', value: 1.9, unit: 'sd' }).hpoId).toBeUndefined();
  });

  it('reads a raw height against CDC 2000 for age and sex, and says why it cannot read the rest', () => {
    // an 8-year-old girl of 112 cm: far below the median of 127.8 cm
    const short = assessGrowth({ measure: 'height', value: 112, unit: 'cm', ageYears: 8, sex: 'female' });
    expect(short).toMatchObject({ read: true, hpoId: 'HP:0004322' });
    expect(short.z!).toBeLessThan(-2.5);
    expect(assessGrowth({ measure: 'height', value: 128, unit: 'cm', ageYears: 8, sex: 'female' })).toMatchObject({ read: true, centile: expect.closeTo(51, 0) });
    expect(assessGrowth({ measure: 'height', value: 70, unit: 'cm', ageYears: 1.2, sex: 'female' })).toMatchObject({ read: false, basis: expect.stringContaining('starts at 2 years') });
    expect(assessGrowth({ measure: 'height', value: 112, unit: 'cm' })).toMatchObject({ read: false, basis: expect.stringContaining('age and sex') });
    expect(assessGrowth({ measure: 'weight', value: 9, unit: 'kg', ageYears: 1, sex: 'male' })).toMatchObject({ read: false, basis: expect.stringContaining('no weight reference') });
    expect(assessGrowth({ measure: 'head', value: 100, unit: 'centile' })).toMatchObject({ read: false });
  });
});
