import { describe, expect, it } from 'vitest';
import { findGestation } from '../../../diagnosis/intake/gestational-age.js';
import { capitalised, properNames } from '../../../diagnosis/intake/proper-names.js';
import { tokenize } from '../../../diagnosis/intake/text-tokens.js';
import { findingsOf, recognizerOf } from '../../fixtures/intake/lexicon-builder.js';

// Issue 12, round 2: gestational age at birth, personal names that are HPO names, one-word and directional normal
// statements, counts before a finding, and "-ive" adjectives of the patient. Hand-written sentences only.

const r = recognizerOf([
  ['HP:0000118', 'Phenotypic abnormality', []],
  ['HP:0001622', 'Premature birth', ['HP:0000118'], ['Preterm birth']],
  ['HP:0009826', 'Limb undergrowth', ['HP:0000118']],
  ['HP:0003199', 'Amelia', ['HP:0009826']],
  ['HP:0000822', 'Hypertension', ['HP:0000118']],
  ['HP:0007906', 'Ocular hypertension', ['HP:0000118']],
  ['HP:0000708', 'Behavioral abnormality', ['HP:0000118']],
  ['HP:0000752', 'Hyperactivity', ['HP:0000708']],
  ['HP:0031547', 'Abnormal QT interval', ['HP:0000118']],
  ['HP:0001657', 'Prolonged QT interval', ['HP:0031547']],
  ['HP:0012232', 'Shortened QT interval', ['HP:0031547']],
  ['HP:0003107', 'Abnormal circulating cholesterol concentration', ['HP:0000118']],
  ['HP:0003124', 'Hypercholesterolemia', ['HP:0003107'], ['Elevated serum cholesterol']],
  ['HP:0003146', 'Hypocholesterolemia', ['HP:0003107'], ['Decreased circulating cholesterol level']],
  ['HP:0000957', 'Cafe-au-lait spot', ['HP:0000118'], ['Cafe-au-lait macule']],
  ['HP:0007565', 'Multiple cafe-au-lait spots', ['HP:0000957']],
  ['HP:0000011', 'Urinary tract infection', ['HP:0000118']],
  ['HP:0000010', 'Recurrent urinary tract infections', ['HP:0000011']],
]);

describe('gestational age at birth', () => {
  const weeks = (text: string) => findGestation(text).map((g) => [g.hpoId, text.slice(g.start, g.end)]);
  it('reads a birth before 37 completed weeks as premature birth, in the usual notations', () => {
    expect(weeks('She was born at 34 weeks by emergency caesarean section.')).toEqual([['HP:0001622', 'born at 34 weeks']]);
    expect(weeks('Delivered at 32+5 weeks gestation after spontaneous labour.')).toEqual([['HP:0001622', 'Delivered at 32+5 weeks']]);
    expect(weeks('He was born at 35/40, birth weight 2.1 kg.')).toEqual([['HP:0001622', 'born at 35/40']]);
    expect(weeks('A 30-week preterm infant on the neonatal unit.')).toEqual([['HP:0001622', '30-week preterm']]);
  });
  it('leaves term births, scan dates and week counts that are not the birth alone', () => {
    expect(weeks('Born at 39 weeks by normal delivery.')).toEqual([]);
    expect(weeks('Born at term. The 20-week scan showed a short femur.')).toEqual([]);
    expect(weeks('Seen at 34 weeks in the antenatal clinic.')).toEqual([]);
    expect(weeks('She started walking 20 weeks after the operation.')).toEqual([]);
  });
  it('gives the finding with its span through the recognizer', () => {
    expect(findingsOf(r, 'He was born at 33 weeks and needed CPAP.')).toEqual([['HP:0001622', 'present', 'born at 33 weeks']]);
  });
});

describe('personal names that are HPO names', () => {
  it('collects words capitalised inside a sentence after a lower-case word', () => {
    const text = 'Re: Amelia Jones. I saw Amelia in clinic with her Mother. ASD noted.';
    const names = properNames(tokenize(text), text);
    expect([...names].sort()).toEqual(['amelia', 'mother']);
    expect(capitalised('ASD', tokenize('ASD')[0]!)).toBe(false);
    expect(capitalised('Amelia', tokenize('Amelia')[0]!)).toBe(true);
  });
  it('reads no finding from a name used as a name anywhere in the text', () => {
    expect(findingsOf(r, 'Re: Amelia, aged 4. Thank you for asking me to see Amelia. Amelia is well.')).toEqual([]);
  });
  it('still reads the finding written in lower case, or when the word is never used as a name', () => {
    expect(findingsOf(r, 'I saw Amelia today; the scan had shown amelia of the left arm.').map((f) => f[2])).toEqual(['amelia']);
    expect(findingsOf(r, 'Amelia of the left upper limb.').map((f) => f[0])).toEqual(['HP:0003199']);
  });
});

describe('normal statements: one-word normals and measured quantities with directions', () => {
  it('reads "normotensive" and a normal blood pressure as hypertension excluded', () => {
    expect(findingsOf(r, 'A normotensive young man.')).toEqual([['HP:0000822', 'excluded', 'normotensive']]);
    expect(findingsOf(r, 'Blood pressure was normal.').map((f) => [f[0], f[1]])).toEqual([['HP:0000822', 'excluded']]);
    expect(findingsOf(r, 'Intraocular pressures were normal.').map((f) => [f[0], f[1]])).toEqual([['HP:0007906', 'excluded']]);
  });
  it('excludes each direction of a quantity the ontology names, not its grouping term', () => {
    expect(findingsOf(r, 'The QTc was normal on the ECG.').map((f) => [f[0], f[1]]).sort()).toEqual([
      ['HP:0001657', 'excluded'],
      ['HP:0012232', 'excluded'],
    ]);
  });
  it('finds a direction named only by an exact synonym', () => {
    expect(findingsOf(r, 'Total cholesterol was normal.').map((f) => [f[0], f[1]]).sort()).toEqual([
      ['HP:0003124', 'excluded'],
      ['HP:0003146', 'excluded'],
    ]);
  });
  it('leaves an abnormal pressure to the findings', () => {
    expect(findingsOf(r, 'He is hypertensive.')).toEqual([['HP:0000822', 'present', 'hypertensive']]);
  });
});

describe('a count before a finding', () => {
  it('reads two or more, in words or digits, as the "multiple" or "recurrent" term below the finding', () => {
    expect(findingsOf(r, 'Six cafe-au-lait macules on the trunk.')).toEqual([['HP:0007565', 'present', 'Six cafe-au-lait macules']]);
    expect(findingsOf(r, 'She has 8 cafe-au-lait spots.').map((f) => f[0])).toEqual(['HP:0007565']);
    expect(findingsOf(r, 'Several urinary tract infections in infancy.').map((f) => f[0])).toEqual(['HP:0000010']);
  });
  it('leaves a single one, and a count the ontology has no term for, at the finding', () => {
    expect(findingsOf(r, 'One cafe-au-lait macule.').map((f) => f[0])).toEqual(['HP:0000957']);
    expect(findingsOf(r, 'Two episodes of hypertension.').map((f) => f[0])).toEqual(['HP:0000822']);
  });
});

describe('"-ive" adjectives of the patient', () => {
  it('reads them after a copula or alone in a clause', () => {
    expect(findingsOf(r, 'He was very hyperactive at school.')).toEqual([['HP:0000752', 'present', 'hyperactive']]);
    expect(findingsOf(r, 'Cardiovascular: hypertensive, no murmurs.').map((f) => [f[0], f[1]])).toEqual([['HP:0000822', 'present']]);
  });
  it('not when the adjective qualifies something other than the patient', () => {
    expect(findingsOf(r, 'She takes antihypertensive medication.')).toEqual([]);
    expect(findingsOf(r, 'A hypertensive crisis protocol; the hypertensive kidney.')).toEqual([]);
  });
});
