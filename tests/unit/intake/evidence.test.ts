import { describe, expect, it } from 'vitest';
import { tinyRecognizer } from '../../fixtures/intake/tiny-lexicon.js';

const findings = (text: string) => tinyRecognizer().extract(text).map((f) => ({ id: f.hpoId, text: f.text, status: f.status, basis: f.basis, evidence: f.evidence }));

describe('laboratory values', () => {
  it('compares a value and unit with the reference limit', () => {
    expect(findings('CK 5000 U/L on admission.')).toEqual([{ id: 'HP:0003236', text: 'CK 5000 U/L', status: 'present', basis: 'measurement', evidence: 'lab' }]);
    expect(findings('Creatine kinase of 12,000 IU/l.')[0]).toMatchObject({ id: 'HP:0003236', text: 'Creatine kinase of 12,000 IU/l' });
    expect(findings('CK: 150 U/L.')).toEqual([]);
    expect(findings('CK 5000 mg.')).toEqual([]);
  });

  it('reads a direction word before or after the analyte', () => {
    expect(findings('Elevated CK was found.')[0]).toMatchObject({ id: 'HP:0003236', text: 'Elevated CK', evidence: 'lab' });
    expect(findings('CK levels were markedly raised.')[0]).toMatchObject({ id: 'HP:0003236', text: 'CK levels were markedly raised' });
  });

  it('does not read ordinary words as analyte abbreviations', () => {
    expect(findings('The ck was high.')).toEqual([]);
  });

  it('keeps a lab finding named in words with its evidence kind', () => {
    expect(findings('Elevated creatine kinase.')[0]).toMatchObject({ id: 'HP:0003236', basis: 'name', evidence: 'lab' });
  });

  it('applies context to measurements', () => {
    expect(findings('No elevated CK.')[0]).toMatchObject({ id: 'HP:0003236', status: 'excluded' });
  });
});

describe('imaging and procedures', () => {
  it('marks findings reported from imaging or a procedure in the same sentence', () => {
    expect(findings('MRI showed cerebellar atrophy.')[0]).toMatchObject({ id: 'HP:0001272', evidence: 'imaging' });
    expect(findings('Brain MRI was performed. Cerebellar atrophy.')[0]?.evidence).toBeUndefined();
    expect(findings('An EEG showed seizures.')[0]).toMatchObject({ id: 'HP:0001250', evidence: 'procedure' });
  });
});

describe('clinical abbreviations', () => {
  it('reads ID as intellectual disability only among developmental words', () => {
    expect(findings('Moderate ID and developmental delay.').map((f) => f.id)).toEqual(['HP:0001249', 'HP:0001263']);
    expect(findings('Patient ID: 4711. Ptosis.').map((f) => f.id)).toEqual(['HP:0000508']);
    expect(findings('The sample ID was checked.')).toEqual([]);
    expect(findings('ID was confirmed.')).toEqual([]);
  });

  it('resolves ASD by its context and leaves it alone when the context is unclear', () => {
    expect(findings('Echocardiography showed a secundum ASD.').map((f) => f.id)).toEqual(['HP:0001631']);
    expect(findings('ASD with poor social communication and repetitive behaviors.').map((f) => f.id)).toEqual(['HP:0000729']);
    expect(findings('He was seen for ASD.')).toEqual([]);
  });

  it('uses abbreviations the text defines', () => {
    const f = findings('Esophageal atresia (EA) was repaired. EA recurred. ea');
    expect(f.map((x) => [x.id, x.text, x.basis])).toEqual([
      ['HP:0002032', 'Esophageal atresia', 'name'],
      ['HP:0002032', 'EA', 'abbreviation'],
    ]);
    // The short form must fit the long form.
    expect(findings('Esophageal atresia (XY) was repaired. XY recurred.').map((x) => x.text)).toEqual(['Esophageal atresia']);
  });
});
