import { describe, expect, it } from 'vitest';
import { tinyRecognizer } from '../../fixtures/intake/tiny-lexicon.js';

/** [matched text, status] of each finding, with a "+h" on historical ones. */
const statuses = (text: string) => tinyRecognizer().extract(text).map((f) => [f.text, f.status + (f.historical ? '+h' : '')]);

describe('ConText: negation', () => {
  it('negates forward to a terminator: "no seizures but marked hypotonia"', () => {
    expect(statuses('No seizures but marked hypotonia.')).toEqual([
      ['seizures', 'excluded'],
      ['hypotonia', 'present'],
    ]);
  });

  it('stops a negation at an affirmation: "denies headache, reports nausea"', () => {
    expect(statuses('He denies headache, reports nausea.')).toEqual([
      ['headache', 'excluded'],
      ['nausea', 'present'],
    ]);
  });

  it('negates a list after one trigger, within the sentence only', () => {
    expect(statuses('No evidence of hepatosplenomegaly, lymphadenopathy or scoliosis. Ptosis.')).toEqual([
      ['hepatosplenomegaly', 'excluded'],
      ['lymphadenopathy', 'excluded'],
      ['scoliosis', 'excluded'],
      ['Ptosis', 'present'],
    ]);
  });

  it('knows the phrasings: without, absence of, negative for, ruled out, was not observed, -free', () => {
    expect(statuses('Without ptosis.')).toEqual([['ptosis', 'excluded']]);
    expect(statuses('Absence of scoliosis.')).toEqual([['scoliosis', 'excluded']]);
    expect(statuses('Negative for nausea.')).toEqual([['nausea', 'excluded']]);
    expect(statuses('Scoliosis was ruled out.')).toEqual([['Scoliosis', 'excluded']]);
    expect(statuses('Ptosis was not observed.')).toEqual([['Ptosis', 'excluded']]);
    expect(statuses('Seizure-free for two years.')).toEqual([['Seizure', 'excluded']]);
  });

  it('leaves pseudo-triggers alone: "no change in", "not only"', () => {
    expect(statuses('No change in his hypotonia.')).toEqual([['hypotonia', 'present']]);
    expect(statuses('Not only ptosis but also scoliosis.')).toEqual([
      ['ptosis', 'present'],
      ['scoliosis', 'present'],
    ]);
  });

  it('does not let a trigger word inside a finding negate it', () => {
    expect(statuses('Low muscle tone.')).toEqual([['Low muscle tone', 'present']]);
  });
});

describe('ConText: normal statements', () => {
  it('"normal hearing" excludes hearing impairment, forward and backward', () => {
    const f = tinyRecognizer().extract('Normal hearing. His hearing was normal. Muscle tone within normal limits.');
    expect(f.map((x) => [x.hpoId, x.text, x.status, x.basis])).toEqual([
      ['HP:0000365', 'Normal hearing', 'excluded', 'normal-statement'],
      ['HP:0000365', 'hearing was normal', 'excluded', 'normal-statement'],
      ['HP:0003808', 'Muscle tone within normal limits', 'excluded', 'normal-statement'],
    ]);
  });

  it('uses grouping terms for organs, and not the words of a finding', () => {
    expect(tinyRecognizer().extract('The kidneys were normal.').map((x) => [x.hpoId, x.status])).toEqual([['HP:0000077', 'excluded']]);
    expect(tinyRecognizer().extract('Normal kidneys and hearing loss.').map((x) => [x.hpoId, x.status])).toEqual([
      ['HP:0000077', 'excluded'],
      ['HP:0000365', 'present'],
    ]);
  });

  it('keeps a relative\'s normal findings as family', () => {
    expect(tinyRecognizer().extract('His brother has normal hearing.').map((x) => [x.hpoId, x.status])).toEqual([['HP:0000365', 'family']]);
  });
});

describe('ConText: uncertainty, family, history', () => {
  it('possible, suspected and "?" make a finding uncertain', () => {
    expect(statuses('Possible ptosis.')).toEqual([['ptosis', 'uncertain']]);
    expect(statuses('Scoliosis is suspected.')).toEqual([['Scoliosis', 'uncertain']]);
    expect(statuses('Ptosis? Nausea.')).toEqual([
      ['Ptosis', 'uncertain'],
      ['Nausea', 'present'],
    ]);
    expect(statuses('Scoliosis cannot be excluded.')).toEqual([['Scoliosis', 'uncertain']]);
  });

  it('the nearest trigger wins between negation and uncertainty', () => {
    expect(statuses('No seizures, possible ptosis.')).toEqual([
      ['seizures', 'excluded'],
      ['ptosis', 'uncertain'],
    ]);
  });

  it('findings of relatives are family: "mother has epilepsy", "his brother"', () => {
    expect(statuses('Mother has epilepsy.')).toEqual([['epilepsy', 'family']]);
    expect(statuses('His brother had seizures; he has hypotonia.')).toEqual([
      ['seizures', 'family'],
      ['hypotonia', 'present'],
    ]);
    expect(statuses('Family history of deafness.')).toEqual([['deafness', 'family']]);
    expect(statuses('Deafness in his father.')).toEqual([['Deafness', 'family']]);
  });

  it('an informant is not the one with the finding: "mother reports"', () => {
    expect(statuses('Mother reports seizures since birth.')).toEqual([['seizures', 'present']]);
  });

  it('history is kept present and flagged, "no history of" is a negation', () => {
    expect(statuses('History of febrile seizures.')).toEqual([['febrile seizures', 'present+h']]);
    expect(statuses('She previously had nausea.')).toEqual([['nausea', 'present+h']]);
    expect(statuses('No history of seizures.')).toEqual([['seizures', 'excluded']]);
  });

  it('scopes end at the sentence end, also across a line break that ends a sentence', () => {
    expect(statuses('No seizures.\nHypotonia. Possible ptosis. Scoliosis.')).toEqual([
      ['seizures', 'excluded'],
      ['Hypotonia', 'present'],
      ['ptosis', 'uncertain'],
      ['Scoliosis', 'present'],
    ]);
    // A line break inside a sentence (a wrapped line) does not end the scope.
    expect(statuses('The patient has no\nseizures or ptosis.')).toEqual([
      ['seizures', 'excluded'],
      ['ptosis', 'excluded'],
    ]);
  });

  it('section headings set the context of their section', () => {
    const text = 'Family history:\nEpilepsy in two cousins.\nDeafness.\n\nExamination:\nHypotonia.\nPast medical history: febrile seizures.';
    expect(statuses(text)).toEqual([
      ['Epilepsy', 'family'],
      ['Deafness', 'family'],
      ['Hypotonia', 'present'],
      ['febrile seizures', 'present+h'],
    ]);
  });

  it('an inline heading sets the context of its line only, a heading line until the next heading', () => {
    expect(statuses('Family history: deafness in cousins.\nHypotonia noted.')).toEqual([
      ['deafness', 'family'],
      ['Hypotonia', 'present'],
    ]);
    expect(statuses('Family history\nDeafness in cousins.\nCase presentation\nHypotonia noted.')).toEqual([
      ['Deafness', 'family'],
      ['Hypotonia', 'present'],
    ]);
  });

  it('reads table rows: an answer cell qualifies the cell before it', () => {
    const text = 'Feature | Observed\nSeizures | no\nHypotonia | yes\nPtosis\t?\nScoliosis\tabsent';
    expect(statuses(text)).toEqual([
      ['Seizures', 'excluded'],
      ['Hypotonia', 'present'],
      ['Ptosis', 'uncertain'],
      ['Scoliosis', 'excluded'],
    ]);
  });
});

describe('ConText: relatives, plans and resolved findings', () => {
  it('a negated finding of the family is nobody\'s finding; a relative\'s own finding stays family', () => {
    expect(statuses('No family history of seizures.')).toEqual([]);
    expect(statuses('There is no family history of scoliosis, and his mother has ptosis.')).toEqual([['ptosis', 'family']]);
    expect(statuses('His mother does not have seizures. He has scoliosis.')).toEqual([['scoliosis', 'present']]);
  });

  it('planned tests, surveillance and what may develop are not findings (uncertain)', () => {
    expect(statuses('Referred to ophthalmology to look for ptosis.')).toEqual([['ptosis', 'uncertain']]);
    expect(statuses('Surveillance for scoliosis will continue.')).toEqual([['scoliosis', 'uncertain']]);
    expect(statuses('Seizures may develop later.')).toEqual([['Seizures', 'uncertain']]);
    expect(statuses('Plan:\nMRI for seizures.\n\nExamination:\nPtosis.')).toEqual([
      ['seizures', 'uncertain'],
      ['Ptosis', 'present'],
    ]);
  });

  it('a resolved finding is kept, flagged historical', () => {
    expect(statuses('Hypotonia in infancy, since resolved.')).toEqual([['Hypotonia', 'present+h']]);
    expect(statuses('Seizures have now resolved; no longer any headaches.')).toEqual([
      ['Seizures', 'present+h'],
      ['headaches', 'present+h'],
    ]);
  });

  it('reads the reason for a referral as a finding', () => {
    expect(statuses('A girl referred for scoliosis.')).toEqual([['scoliosis', 'present']]);
  });
});

describe('ConText: clause boundaries of backward scopes, and more ways to say normal', () => {
  it('a backward negation does not reach into the clause before ", and the ..."', () => {
    expect(statuses('Ptosis is marked, and the seizures are absent.')).toEqual([
      ['Ptosis', 'present'],
      ['seizures', 'excluded'],
    ]);
    expect(statuses('Seizures, ptosis, and scoliosis were absent.')).toEqual([
      ['Seizures', 'excluded'],
      ['ptosis', 'excluded'],
      ['scoliosis', 'excluded'],
    ]);
  });
  it('reads "on track", "age-appropriate" and "has been normal" as normal', () => {
    const ex = (text: string) => tinyRecognizer().extract(text).map((x) => [x.hpoId, x.status]);
    expect(ex('Development on track.')).toEqual([['HP:0001263', 'excluded']]);
    expect(ex('Her development has been normal.')).toEqual([['HP:0001263', 'excluded']]);
    expect(ex('Hearing age-appropriate.')).toEqual([['HP:0000365', 'excluded']]);
    expect(ex('The train was on track.')).toEqual([]);
  });
});
