import { describe, expect, it } from 'vitest';
import { lexiconNames } from '../../../diagnosis/intake/lexicon-names.js';
import { reportSections } from '../../../diagnosis/intake/report-sections.js';
import { derivationCandidates, spellingCandidates } from '../../../diagnosis/intake/spelling-variants.js';
import { TermNormaliser } from '../../../diagnosis/intake/term-normaliser.js';
import { findingsOf, lexiconOf, recognizerOf, type LexiconRow } from '../../fixtures/intake/lexicon-builder.js';

// One small lexicon per rule: each rule gets the names it needs, and cases it must not fire on.

describe('ConText: a trigger inside another that reaches further', () => {
  const r = recognizerOf([
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0001250', 'Seizure', ['HP:0000118'], ['Seizures']],
    ['HP:0002650', 'Scoliosis', ['HP:0000118']],
  ]);
  it('reads "was negative for X" as the forward "negative for", not the backward "was negative"', () => {
    expect(findingsOf(r, 'She was negative for seizures and scoliosis.')).toEqual([
      ['HP:0001250', 'excluded', 'seizures'],
      ['HP:0002650', 'excluded', 'scoliosis'],
    ]);
  });
  it('keeps the backward reading when nothing longer starts inside it, and never overrides a pseudo-trigger', () => {
    expect(findingsOf(r, 'Scoliosis, seizures were negative.')).toEqual([
      ['HP:0002650', 'excluded', 'Scoliosis'],
      ['HP:0001250', 'excluded', 'seizures'],
    ]);
    expect(findingsOf(r, 'Patients with or without seizures were included.')).toEqual([['HP:0001250', 'present', 'seizures']]);
  });
});

describe('ConText: a finding counts as one word of a scope', () => {
  const r = recognizerOf([
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['X:1', 'Hole in heart wall separating two lower heart chambers', ['HP:0000118']],
    ['X:2', 'Increased front to back length of eyeball', ['HP:0000118']],
    ['X:3', 'Ocular hypertelorism', ['HP:0000118']],
    ['HP:0002650', 'Scoliosis', ['HP:0000118']],
  ]);
  it('negates every item of a list of long names', () => {
    const f = findingsOf(r, 'There was no hole in heart wall separating two lower heart chambers, increased front to back length of eyeball or ocular hypertelorism.');
    expect(f.map((x) => x[1])).toEqual(['excluded', 'excluded', 'excluded']);
  });
  it('still ends the scope after twelve ordinary words', () => {
    expect(findingsOf(r, 'No evidence from the clinic records of the long tiring day of the first visit to the ward about scoliosis.')).toEqual([['HP:0002650', 'present', 'scoliosis']]);
    expect(findingsOf(r, 'No evidence from the clinic records of scoliosis.')).toEqual([['HP:0002650', 'excluded', 'scoliosis']]);
  });
});

describe('Latin plurals in -es', () => {
  it('offers the -is singular ("testes" → testis), taken only when it is a dictionary word', () => {
    expect(spellingCandidates('testes')).toContain('testis');
    const n = new TermNormaliser(new Set(['testis', 'retractile', 'notes']));
    expect(n.key('testes')).toBe(n.key('testis'));
    expect(n.key('notes')).toBe(n.key('note')); // "notis" is no dictionary word
    const r = recognizerOf([['HP:0012646', 'Retractile testis', []]]);
    expect(findingsOf(r, 'He had retractile testes.')).toEqual([['HP:0012646', 'present', 'retractile testes']]);
  });
});

describe('adjectives read as the noun of their finding (option adjectiveDerivations)', () => {
  const rows: LexiconRow[] = [
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0001252', 'Hypotonia', ['HP:0000118']],
    ['HP:0002650', 'Scoliosis', ['HP:0000118']],
    ['HP:0000252', 'Microcephaly', ['HP:0000118']],
  ];
  it('derives nouns of disorders from adjectives, not ordinary words', () => {
    expect(derivationCandidates('scoliotic')).toContain('scoliosis');
    expect(derivationCandidates('hypotonic')).toContain('hypotonia');
    expect(derivationCandidates('microcephalic')).toContain('microcephaly');
    expect(derivationCandidates('spinous')).toEqual([]);
    expect(derivationCandidates('cystic')).not.toContain('cyst');
    expect(derivationCandidates('basic')).toEqual([]); // too short to be derived
  });
  it('finds an adjective that stands alone, not one that qualifies the next noun', () => {
    const r = recognizerOf(rows, { dictionary: { adjectiveDerivations: true } });
    expect(findingsOf(r, 'The infant was hypotonic and microcephalic; he was scoliotic.')).toEqual([
      ['HP:0001252', 'present', 'hypotonic'],
      ['HP:0000252', 'present', 'microcephalic'],
      ['HP:0002650', 'present', 'scoliotic'],
    ]);
    expect(findingsOf(r, 'A hypotonic saline infusion was given.')).toEqual([]);
  });
  it('is off by default (not confirmed on both development halves): only adjectives of the patient are read', () => {
    // an adjective qualifying something else stays unread; "was hypotonic" is read by adjective-findings.ts
    expect(findingsOf(recognizerOf(rows), 'A hypotonic solution was given.')).toEqual([]);
    expect(findingsOf(recognizerOf(rows), 'The infant was hypotonic.')).toEqual([['HP:0001252', 'present', 'hypotonic']]);
  });
});

describe('other heads for "abnormality": defects, signs, symptoms, problems', () => {
  const r = recognizerOf([
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0000707', 'Abnormality of the nervous system', ['HP:0000118'], ['Neurological abnormality']],
    ['HP:0000077', 'Abnormality of the kidney', ['HP:0000118']],
    ['X:1', 'Thumb sign', ['HP:0000118']],
    ['HP:0001172', 'Abnormal thumb morphology', ['HP:0000118']],
  ]);
  it('reads them after the name of an organ or function', () => {
    expect(findingsOf(r, 'Neurological signs and kidney defects.')).toEqual([
      ['HP:0000707', 'present', 'Neurological signs'],
      ['HP:0000077', 'present', 'kidney defects'],
    ]);
    expect(findingsOf(r, 'Renal problems; neurological symptoms.').map((f) => f[0])).toEqual(['HP:0000077', 'HP:0000707']);
  });
  it('not before "of", and a name with the word itself stays that name', () => {
    expect(findingsOf(r, 'No signs of infection; symptoms of the kidney donor.')).toEqual([]);
    expect(findingsOf(r, 'thumb abnormalities; thumb sign')).toEqual([
      ['HP:0001172', 'present', 'thumb abnormalities'],
      ['X:1', 'present', 'thumb sign'],
    ]);
  });
});

describe('laboratory padding ("serum", "levels of") in names and text', () => {
  const r = recognizerOf([
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0003236', 'Elevated circulating creatine kinase activity', ['HP:0000118'], ['Increased creatine kinase']],
    ['HP:0002720', 'Decreased circulating IgA concentration', ['HP:0000118']],
    ['HP:0010876', 'Abnormal circulating protein concentration', ['HP:0000118']],
  ]);
  it('skips padding inside a name in text, and indexes names without it', () => {
    expect(findingsOf(r, 'She had increased serum levels of creatine kinase.')).toEqual([['HP:0003236', 'present', 'increased serum levels of creatine kinase']]);
    expect(findingsOf(r, 'Elevated creatine kinase.')).toEqual([['HP:0003236', 'present', 'Elevated creatine kinase']]);
    expect(findingsOf(r, 'Decreased serum IgA.')).toEqual([['HP:0002720', 'present', 'Decreased serum IgA']]);
  });
  it('never starts or ends a name with padding, nor shortens names that are not directional', () => {
    expect(findingsOf(r, 'Serum levels of creatine kinase were measured.')).toEqual([]);
    expect(findingsOf(r, 'The mutation leads to an abnormal protein.')).toEqual([]);
  });
});

describe('a spread single-word variant that names its own subtree', () => {
  const tumours: LexiconRow[] = ['Wilms', 'Brain', 'Carcinoid', 'Glomus', 'Desmoid', 'Phyllodes'].map((w, i) => [`N:${i}`, `${w} tumor`, ['HP:0002664']]);
  const rows: LexiconRow[] = [
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0002664', 'Neoplasm', ['HP:0000118'], [], ['tumor']],
    ...tumours,
    ['HP:0001324', 'Muscle weakness', ['HP:0000118']],
    ['HP:0025406', 'Asthenia', ['HP:0000118'], [], ['weakness']],
    ...['Facial', 'Neck', 'Hip', 'Limb', 'Distal', 'Proximal'].map((w, i): LexiconRow => [`W:${i}`, `${w} weakness`, ['HP:0001324']]),
  ];
  const r = recognizerOf(rows);
  it('is indexed when the terms using the word descend from its term', () => {
    expect(findingsOf(r, 'The number of tumors was high.')).toEqual([['HP:0002664', 'present', 'tumors']]);
    expect(findingsOf(r, 'A Wilms tumor.')).toEqual([['N:0', 'present', 'Wilms tumor']]);
  });
  it('is not indexed when they are other concepts ("weakness" is no name of asthenia)', () => {
    expect(findingsOf(r, 'Weakness was reported.')).toEqual([]);
  });
});

describe('"N of the organ" and "X-ing of Y" forms of names', () => {
  const r = recognizerOf([
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0000107', 'Renal cyst', ['HP:0000118']],
    ['HP:0005449', 'Bridged sella turcica', ['HP:0000118']],
    ['HP:0001072', 'Thickened skin', ['HP:0000118']],
    ['X:1', 'Increased hemoglobin', ['HP:0000118']],
  ]);
  it('reads the noun with its organ or its process after "of"', () => {
    expect(findingsOf(r, 'A cyst of the kidney; bridging of the sella turcica; thickening of the skin.')).toEqual([
      ['HP:0000107', 'present', 'cyst of the kidney'],
      ['HP:0005449', 'present', 'bridging of the sella turcica'],
      ['HP:0001072', 'present', 'thickening of the skin'],
    ]);
  });
  it('not when the organ word after "of" is an adjective of the next noun', () => {
    expect(findingsOf(r, 'A cyst of the renal pelvis.')).toEqual([]);
  });
});

describe('prefixes written apart from their word', () => {
  const r = recognizerOf([
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0002714', 'Downturned corners of mouth', ['HP:0000118'], ['Downturned mouth']],
    ['HP:6001056', 'Out-toeing', ['HP:0000118']],
  ]);
  it('joins "down turned" into "downturned"', () => {
    expect(findingsOf(r, 'He had a down turned mouth.')).toEqual([['HP:0002714', 'present', 'down turned mouth']]);
  });
  it('not with a function word ("carried out to")', () => {
    expect(findingsOf(r, 'Sequencing was carried out to confirm it.')).toEqual([]);
  });
});

describe('PhenoTagger names written tokenised', () => {
  const rows: LexiconRow[] = [
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0000369', 'Low-set ears', ['HP:0000118'], [], ['low - set pinnae', 'wide / broad thumb']],
  ];
  it('are joined back, so "low-set pinnae" in text matches "low - set pinnae"', () => {
    expect(lexiconNames(lexiconOf(rows)).names.map((n) => n.name)).toEqual(['Phenotypic abnormality', 'Low-set ears', 'low-set pinnae', 'wide/broad thumb']);
    expect(findingsOf(recognizerOf(rows), 'She has low-set pinnae.')).toEqual([['HP:0000369', 'present', 'low-set pinnae']]);
  });
});

describe('hyphenated groups joined in the dictionary\'s spelling', () => {
  const r = recognizerOf([
    ['HP:0002020', 'Gastroesophageal reflux', []],
    ['HP:0002032', 'Esophageal atresia', []],
  ]);
  it('reads "gastro-oesophageal" as "gastroesophageal" (each part respelled towards a dictionary word)', () => {
    expect(findingsOf(r, 'Gastro-oesophageal reflux.')).toEqual([['HP:0002020', 'present', 'Gastro-oesophageal reflux']]);
  });
});

describe('a term\'s own label over a descendant that lists the same words', () => {
  const r = recognizerOf([
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0034391', 'Elbow contracture', ['HP:0000118']],
    ['HP:0002987', 'Elbow flexion contracture', ['HP:0034391'], ['Elbow contracture']],
    ['HP:0007663', 'Reduced visual acuity', ['HP:0000118'], [], ['mildly reduced visual acuity']],
    ['HP:0032037', 'Mildly reduced visual acuity', ['HP:0007663']],
  ]);
  it('keeps the label\'s term', () => {
    expect(r.extract('Elbow contracture.').map((f) => [f.hpoId, f.confidence > 0.9])).toEqual([['HP:0034391', true]]);
  });
  it('and the descendant when the words are the descendant\'s label', () => {
    expect(findingsOf(r, 'Mildly reduced visual acuity.')).toEqual([['HP:0032037', 'present', 'Mildly reduced visual acuity']]);
  });
});

describe('comma-only coordination of modifiers', () => {
  const r = recognizerOf([
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0000431', 'Wide nasal bridge', ['HP:0000118'], ['Broad nasal bridge']],
    ['HP:0005280', 'Depressed nasal bridge', ['HP:0000118'], ['Flat nasal bridge']],
    ['HP:0000369', 'Low-set ears', ['HP:0000118']],
    ['HP:0000377', 'Abnormal pinna morphology', ['HP:0000118'], ['Dysplastic ears']],
  ]);
  it('shares the noun between stacked modifiers that form an item of their own', () => {
    expect(findingsOf(r, 'He had a broad, flat nasal bridge.').map((f) => f[0])).toEqual(['HP:0000431', 'HP:0005280']);
    expect(findingsOf(r, 'Ear anomalies (low-set, dysplastic ears).').map((f) => f[0])).toEqual(['HP:0000369', 'HP:0000377']);
  });
  it('not when the word before the comma ends another phrase', () => {
    expect(findingsOf(r, 'A large round broad, flat nasal bridge.').map((f) => f[0])).toEqual(['HP:0005280']);
  });
});

describe('report sections', () => {
  it('knows more headings of the patient\'s sections, and not the ambiguous "Results and discussion"', () => {
    const kinds = (text: string) => reportSections(text).map((s) => s.kind);
    expect(kinds('Title\nIntroduction\nGeneral text.\nCase studies\nThe boy had seizures.\nDiscussion\nOther text.')).toEqual(['front', 'literature', 'patient', 'literature']);
    expect(kinds('Title\nIntroduction\nGeneral text.\nResults and discussion\nSome text.')).toEqual(['front', 'literature']);
  });
});
