import { describe, expect, it } from 'vitest';
import { CLINICAL_SYNONYMS } from '../../../diagnosis/intake/clinical-synonyms.js';
import { findingsOf, recognizerOf } from '../../fixtures/intake/lexicon-builder.js';

// Clinical English the HPO names lack (clinical-synonyms.ts), adjectives of the patient (adjective-findings.ts), and
// relational adjectives that qualify the next word.

const r = recognizerOf([
  ['HP:0000118', 'Phenotypic abnormality', []],
  ['HP:0001249', 'Intellectual disability', ['HP:0000118']],
  ['HP:0002342', 'Moderate intellectual disability', ['HP:0001249']],
  ['HP:0001328', 'Specific learning disability', ['HP:0000118']],
  ['HP:0000545', 'Myopia', ['HP:0000118']],
  ['HP:0030148', 'Heart murmur', ['HP:0000118']],
  ['HP:0001252', 'Hypotonia', ['HP:0000118']],
  ['HP:0001513', 'Obesity', ['HP:0000118']],
  ['HP:0000252', 'Microcephaly', ['HP:0000118']],
  ['HP:0000969', 'Edema', ['HP:0000118']],
  ['HP:0000977', 'Soft skin', ['HP:0000118']],
  ['HP:0001067', 'Neurofibroma', ['HP:0000118']],
]);

describe('clinical synonyms', () => {
  it('reads UK learning disability as intellectual disability, graded, and specific learning difficulties apart', () => {
    expect(findingsOf(r, 'He has a moderate learning disability.')).toEqual([['HP:0002342', 'present', 'moderate learning disability']]);
    expect(findingsOf(r, 'Specific learning difficulties at school.')).toEqual([['HP:0001328', 'present', 'Specific learning difficulties']]);
    expect(findingsOf(r, 'Glasses for short sight; a soft systolic murmur.').map((f) => f[0])).toEqual(['HP:0000545', 'HP:0030148']);
  });
  it('lists only HPO ids in the usual form, and no phrase twice', () => {
    const all = Object.values(CLINICAL_SYNONYMS).flat().map((p) => p.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
    for (const id of Object.keys(CLINICAL_SYNONYMS)) expect(id).toMatch(/^HP:\d{7}$/);
  });
});

describe('adjectives of the patient', () => {
  it('reads an adjective after a copula, standing alone, coordinated or before a person noun', () => {
    expect(findingsOf(r, 'She was markedly obese and microcephalic.')).toEqual([
      ['HP:0001513', 'present', 'obese'],
      ['HP:0000252', 'present', 'microcephalic'],
    ]);
    expect(findingsOf(r, 'Neuro: hypotonic.')).toEqual([['HP:0001252', 'present', 'hypotonic']]);
    expect(findingsOf(r, 'A hypotonic infant.')).toEqual([['HP:0001252', 'present', 'hypotonic']]);
    expect(findingsOf(r, 'He is not hypotonic.')).toEqual([['HP:0001252', 'excluded', 'hypotonic']]);
  });
  it('leaves an adjective of anything else alone', () => {
    expect(findingsOf(r, 'Edematous mucosa was seen after a hypotonic solution.')).toEqual([]);
  });
});

describe('relational adjectives', () => {
  it('do not end a name when they qualify the next word', () => {
    expect(findingsOf(r, 'Soft cutaneous neurofibromas.')).toEqual([['HP:0001067', 'present', 'neurofibromas']]);
    expect(findingsOf(r, 'The skin is soft; soft cutaneous texture.')).toEqual([['HP:0000977', 'present', 'skin is soft']]);
  });
});
