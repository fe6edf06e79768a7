import { describe, expect, it } from 'vitest';
import { derivationalStem } from '../../../diagnosis/intake/derivational-stem.js';
import { WordSetIndex } from '../../../diagnosis/intake/word-set-index.js';
import { tokenize } from '../../../diagnosis/intake/text-tokens.js';
import { findingsOf, recognizerOf, type LexiconRow } from '../../fixtures/intake/lexicon-builder.js';

// Word-order and morphology variants of multi-word names (word-set-index.ts, derivational-stem.ts), and nested mentions.

const ROWS: LexiconRow[] = [
  ['HP:0000118', 'Phenotypic abnormality', []],
  ['HP:0002616', 'Aortic root aneurysm', ['HP:0000118'], ['Aortic root dilatation']],
  ['HP:0001156', 'Brachydactyly', ['HP:0000118']],
  ['HP:0009373', 'Type C brachydactyly', ['HP:0001156']],
  ['HP:0010610', 'Palmar pits', ['HP:0000118']],
  ['HP:0001344', 'Absent speech', ['HP:0000118']],
  ['HP:0001382', 'Joint hypermobility', ['HP:0000118']],
  ['HP:0001387', 'Joint stiffness', ['HP:0000118']],
  ['HP:0010648', 'Dermal translucency', ['HP:0000118']],
  ['HP:0000358', 'Posteriorly rotated ears', ['HP:0000118']],
  ['HP:0000347', 'Micrognathia', ['HP:0000118']],
  ['HP:0000277', 'Mandibular hypoplasia', ['HP:0000118']],
  ['HP:0000365', 'Hearing impairment', ['HP:0000118'], ['Hearing loss']],
  ['HP:0000407', 'Sensorineural hearing impairment', ['HP:0000365'], ['Sensorineural hearing loss']],
  ['HP:0001250', 'Seizure', ['HP:0000118'], ['Seizures']],
  ['HP:0002069', 'Bilateral tonic-clonic seizure', ['HP:0001250'], ['Seizures, tonic-clonic', 'Failure to thrive with seizures']],
];
const r = recognizerOf(ROWS);

describe('names found in any word order (content-word sets)', () => {
  it('reads "of"-phrases, head-first and modifier-last forms of a name', () => {
    expect(findingsOf(r, 'Echo showed dilatation of the aortic root.')).toEqual([['HP:0002616', 'present', 'dilatation of the aortic root']]);
    expect(findingsOf(r, 'A dilated aortic root.')).toEqual([['HP:0002616', 'present', 'dilated aortic root']]);
    expect(findingsOf(r, 'Brachydactyly type C was reported.')).toEqual([['HP:0009373', 'present', 'Brachydactyly type C']]);
    expect(findingsOf(r, 'Pits of the palms.')).toEqual([['HP:0010610', 'present', 'Pits of the palms']]);
    expect(findingsOf(r, 'Her seizures were tonic-clonic; tonic-clonic seizures.')).toContainEqual(['HP:0002069', 'present', 'tonic-clonic seizures']);
  });

  it('meets a noun of a finding with its adjective or adverb form', () => {
    expect(findingsOf(r, 'Hypermobile joints, stiff joints and translucent skin.')).toEqual([
      ['HP:0001382', 'present', 'Hypermobile joints'],
      ['HP:0001387', 'present', 'stiff joints'],
      ['HP:0010648', 'present', 'translucent skin'],
    ]);
    expect(findingsOf(r, 'Posterior rotation of the ears.')).toEqual([['HP:0000358', 'present', 'Posterior rotation of the ears']]);
  });

  it('reads "absence of X" as the finding "Absent X" when that is a term, and as a negation otherwise', () => {
    expect(findingsOf(r, 'There is absence of speech.')).toEqual([['HP:0001344', 'present', 'absence of speech']]);
    expect(findingsOf(r, 'Absence of seizures.')).toEqual([['HP:0001250', 'excluded', 'seizures']]);
  });

  it('does not join words across punctuation, a conjunction or an adjective qualifying the next word', () => {
    expect(findingsOf(r, 'The root, aortic and dilated.')).toEqual([]);
    expect(findingsOf(r, 'Hypoplasia of the mandibular condyle.')).toEqual([]);
    expect(findingsOf(r, 'Failure to thrive with seizures, and seizures with failure to thrive.')).toEqual([
      ['HP:0002069', 'present', 'Failure to thrive with seizures'],
      ['HP:0001250', 'present', 'seizures'],
    ]);
  });
});

describe('nested mentions', () => {
  it('reports the ancestors nested in a longer finding only when asked, flagged', () => {
    const text = 'Sensorineural hearing loss and brachydactyly type C.';
    expect(r.extract(text).map((f) => f.hpoId)).toEqual(['HP:0000407', 'HP:0009373']);
    const nested = r.extract(text, { nestedMentions: true });
    expect(nested.map((f) => [f.hpoId, f.text, f.nested ?? false])).toEqual([
      ['HP:0000407', 'Sensorineural hearing loss', false],
      ['HP:0000365', 'hearing loss', true],
      ['HP:0009373', 'brachydactyly type C', false],
      ['HP:0001156', 'brachydactyly', true],
    ]);
  });
});

describe('derivational roots and the word-set index', () => {
  it('gives a noun and its adjective one root, and leaves short and non-alphabetic keys alone', () => {
    const same = (a: string, b: string) => expect(derivationalStem(a)).toBe(derivationalStem(b));
    same('hypermobility', 'hypermobil');
    same('translucency', 'translucent');
    same('stiffness', 'stiff');
    same('hypotonia', 'hypotonic');
    same('scoliosis', 'scoliotic');
    same('microcephaly', 'microcephalic');
    same('obesity', 'obese');
    expect(derivationalStem('mental')).not.toBe(derivationalStem('ment'));
    expect(derivationalStem('t2')).toBe('t2');
  });

  it('looks up a word set whatever the order and refuses names with structural words', () => {
    const index = new WordSetIndex<string>();
    const key = (w: string) => w;
    index.add(tokenize('Aortic root dilatation'), key, 'A', (a, b) => a === b);
    index.add(tokenize('Seizures with fever'), key, 'B', (a, b) => a === b);
    expect(index.lookup(['dilatation', 'aortic', 'root'])?.map((x) => x.entry)).toEqual(['A']);
    expect(index.lookup(['seizures', 'fever'])).toBeUndefined();
    expect(index.lookup(['aortic', 'root'])).toBeUndefined();
  });
});

describe('modifiers stacked on one head, and qualifiers after a verb', () => {
  const r2 = recognizerOf([
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0000470', 'Short neck', ['HP:0000118']],
    ['HP:0000465', 'Webbed neck', ['HP:0000118']],
    ['HP:0000369', 'Low-set ears', ['HP:0000118']],
    ['HP:0000358', 'Posteriorly rotated ears', ['HP:0000118']],
    ['HP:0000218', 'High palate', ['HP:0000118']],
    ['HP:0000189', 'Narrow palate', ['HP:0000118']],
    ['HP:0002705', 'High, narrow palate', ['HP:0000218', 'HP:0000189']],
    ['HP:0001382', 'Joint hypermobility', ['HP:0000118']],
    ['HP:0000974', 'Hyperextensible skin', ['HP:0000118']],
    ['HP:0010610', 'Palmar pits', ['HP:0000118']],
    ['HP:0010612', 'Plantar pits', ['HP:0000118']],
  ]);
  it('gives each stacked modifier its own finding with the shared head', () => {
    expect(findingsOf(r2, 'A short webbed neck and low-set posteriorly rotated ears.')).toEqual([
      ['HP:0000470', 'present', 'short webbed neck'],
      ['HP:0000465', 'present', 'webbed neck'],
      ['HP:0000369', 'present', 'low-set posteriorly rotated ears'],
      ['HP:0000358', 'present', 'posteriorly rotated ears'],
    ]);
  });
  it('does not take a determiner, a severity or a word of another clause as a modifier', () => {
    expect(findingsOf(r2, 'The short, webbed neck.').map((f) => f[0])).toEqual(['HP:0000470', 'HP:0000465']);
    expect(findingsOf(r2, 'Severe webbed neck.').map((f) => f[0])).toEqual(['HP:0000465']);
  });
  it('reads a list of qualifiers after a verb, the list as one name first', () => {
    expect(findingsOf(r2, 'The palate is high and narrow.')).toEqual([['HP:0002705', 'present', 'palate is high and narrow']]);
    expect(findingsOf(r2, 'The ears were low-set and posteriorly rotated.')).toEqual([
      ['HP:0000358', 'present', 'ears were low-set and posteriorly rotated'],
      ['HP:0000369', 'present', 'ears were low-set'],
    ]);
  });
  it('negates the qualifier when "not" stands between the verb and it', () => {
    expect(findingsOf(r2, 'His joints are not hypermobile, and the skin is hyperextensible.')).toEqual([
      ['HP:0001382', 'excluded', 'joints are not hypermobile'],
      ['HP:0000974', 'present', 'skin is hyperextensible'],
    ]);
  });
  it('shares the words of a reordered name across a coordination', () => {
    expect(findingsOf(r2, 'Pits of the palms and soles.').map((f) => f[0]).sort()).toEqual(['HP:0010610', 'HP:0010612']);
  });
});

describe('qualifiers that specify a finding, and lists with a shared head', () => {
  const r3 = recognizerOf([
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0000028', 'Cryptorchidism', ['HP:0000118'], ['Undescended testes']],
    ['HP:0008689', 'Bilateral cryptorchidism', ['HP:0000028']],
    ['HP:0000478', 'Abnormality of the eye', ['HP:0000118']],
    ['HP:0000598', 'Abnormality of the ear', ['HP:0000118']],
    ['HP:0000153', 'Abnormality of the mouth', ['HP:0000118']],
    ['HP:0001250', 'Seizure', ['HP:0000118'], ['Seizures']],
  ]);
  it('reads "bilateral" before a finding as its more specific term, through the term\'s label when needed', () => {
    expect(findingsOf(r3, 'Bilateral undescended testes.')).toEqual([['HP:0008689', 'present', 'Bilateral undescended testes']]);
    expect(findingsOf(r3, 'Left undescended testes.')).toEqual([['HP:0000028', 'present', 'undescended testes']]);
  });
  it('gives each item of a list the head that follows it, even when the last item makes no name', () => {
    expect(findingsOf(r3, 'Eye, ear, oral, and craniofacial anomalies.').map((f) => f[0])).toEqual(['HP:0000478', 'HP:0000598', 'HP:0000153']);
    expect(findingsOf(r3, 'Eye anomalies.').map((f) => f[0])).toEqual(['HP:0000478']);
    expect(findingsOf(r3, 'The eye of the storm, ear and nose.')).toEqual([]);
  });
});

describe('the nearest correct ancestor when only part of a phrase is a name', () => {
  const r4 = recognizerOf([
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0002134', 'Abnormal basal ganglia morphology', ['HP:0000118']],
    ['HP:0001392', 'Abnormality of the liver', ['HP:0000118']],
    ['HP:0001732', 'Abnormality of the pancreas', ['HP:0000118']],
    ['HP:0006554', 'Acute hepatic failure', ['HP:0001392']],
  ]);
  it('gives a lesion of an organ the organ\'s grouping term', () => {
    expect(findingsOf(r4, 'MRI showed T2 hyperintensities in the basal ganglia.')).toEqual([['HP:0002134', 'present', 'hyperintensities in the basal ganglia']]);
    expect(findingsOf(r4, 'A pancreatic lesion; no lesions of the liver.')).toEqual([
      ['HP:0001732', 'present', 'pancreatic lesion'],
      ['HP:0001392', 'excluded', 'lesions of the liver'],
    ]);
  });
  it('not where a name covers the words, nor for words that are no organ', () => {
    expect(findingsOf(r4, 'Acute hepatic failure.')).toEqual([['HP:0006554', 'present', 'Acute hepatic failure']]);
    expect(findingsOf(r4, 'A lesion of unknown origin.')).toEqual([]);
  });
});

describe('a name that stacks modifiers on its head', () => {
  const r5 = recognizerOf([
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0000369', 'Low-set ears', ['HP:0000118']],
    ['HP:0000358', 'Posteriorly rotated ears', ['HP:0000118'], [], ['low-set posteriorly rotated ears']],
    ['HP:0000470', 'Short neck', ['HP:0000118']],
    ['HP:0100864', 'Short femoral neck', ['HP:0000118']],
  ]);
  it('gives each stacked modifier its finding, but not a word of a compound', () => {
    expect(findingsOf(r5, 'Low-set posteriorly rotated ears.').map((f) => f[0]).sort()).toEqual(['HP:0000358', 'HP:0000369']);
    expect(findingsOf(r5, 'Short femoral necks.')).toEqual([['HP:0100864', 'present', 'Short femoral necks']]);
  });
});
