import { describe, expect, it } from 'vitest';
import { frequencyEvidence } from '../../../graph-snapshot/build/ranking-tables-builder.js';
import { normaliseDiseaseName, prevalencePerMillion } from '../../../graph-snapshot/parsers/clinvar-prevalence.js';

describe('ClinVar prevalence classes and disease names', () => {
  it('reads Orphanet prevalence classes as written in PREVALENCE, ignoring free text', () => {
    expect(prevalencePerMillion('1-5_/_10_000')).toBe(250);
    expect(prevalencePerMillion('1-9_/_100_000')).toBe(30);
    expect(prevalencePerMillion('<1_/_1_000_000')).toBe(0.3);
    expect(prevalencePerMillion('>1_/_1000')).toBe(2000);
    // several classes: the highest; free text alone: nothing
    expect(prevalencePerMillion('1-9_/_100_000|<1_/_1_000_000')).toBe(30);
    expect(prevalencePerMillion('1_in_5..000_male_live_births')).toBeUndefined();
    expect(prevalencePerMillion(undefined)).toBeUndefined();
  });

  it('matches names across sources: case, punctuation, roman type numbers', () => {
    expect(normaliseDiseaseName('Neurofibromatosis,_type_1')).toBe(normaliseDiseaseName('Neurofibromatosis, type I'));
    expect(normaliseDiseaseName('Marfan syndrome')).toBe('marfan syndrome');
    expect(normaliseDiseaseName('Ehlers-Danlos syndrome, type IV')).toBe('ehlers danlos syndrome type 4');
    expect(normaliseDiseaseName('Hypophosphatemic rickets, X-linked dominant')).toBe('hypophosphatemic rickets x linked dominant');
    expect(normaliseDiseaseName('Vitamin D-dependent rickets')).toBe('vitamin d dependent rickets'); // a lone letter is not a type number
  });
});

describe('frequency evidence of an annotation (phenotype.hpoa rows)', () => {
  it('keeps the class and pools n/m counts over the rows', () => {
    expect(frequencyEvidence('HP:0040281')).toEqual({ frequencyClass: 1, n: -1, m: -1 });
    expect(frequencyEvidence('3/4;1/6')).toEqual({ frequencyClass: -1, n: 4, m: 10 });
    expect(frequencyEvidence('HP:0040283;2/2')).toEqual({ frequencyClass: 3, n: 2, m: 2 });
    expect(frequencyEvidence('45%')).toEqual({ frequencyClass: -1, n: -1, m: -1 });
    expect(frequencyEvidence('')).toEqual({ frequencyClass: -1, n: -1, m: -1 });
  });
});
