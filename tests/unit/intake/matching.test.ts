import { describe, expect, it } from 'vitest';
import { ConceptDictionary } from '../../../diagnosis/intake/concept-dictionary.js';
import { findCandidates, tokenKeys } from '../../../diagnosis/intake/concept-matcher.js';
import { lexiconNames } from '../../../diagnosis/intake/lexicon-names.js';
import { tokenize } from '../../../diagnosis/intake/text-tokens.js';
import { tinyLexicon, tinyRecognizer } from '../../fixtures/intake/tiny-lexicon.js';

const ids = (text: string) => tinyRecognizer().extract(text).map((f) => f.hpoId);
const found = (text: string) => tinyRecognizer().extract(text).map((f) => [f.hpoId, f.text]);

describe('dictionary matching', () => {
  it('finds labels, synonyms and PhenoTagger variants whatever the case, with offsets into the text', () => {
    const text = 'Seizures since infancy; EPILEPSY in adolescence and low muscle tone.';
    const f = tinyRecognizer().extract(text);
    expect(f.map((x) => [x.hpoId, x.text])).toEqual([
      ['HP:0001250', 'Seizures'],
      ['HP:0001250', 'EPILEPSY'],
      ['HP:0001252', 'low muscle tone'],
    ]);
    for (const x of f) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it('reads plurals, inflections and British spellings', () => {
    expect(ids('Headaches.')).toEqual(['HP:0002315']);
    expect(ids('Oedema and anaemia; oesophageal atresia.')).toEqual(['HP:0000969', 'HP:0001903', 'HP:0002032']);
    expect(ids('Haemorrhages were noted.')).toEqual(['HP:0001892']);
    expect(ids('Multiple naevi.')).toEqual(['HP:0003764']);
  });

  it('matches hyphenated names split or joined, and names with or without determiners or reordered', () => {
    expect(found('pre-auricular pits')).toEqual([['HP:0004467', 'pre-auricular pits']]);
    expect(found('cafe au lait spots and café-au-lait spots')).toEqual([
      ['HP:0000957', 'cafe au lait spots'],
      ['HP:0000957', 'café-au-lait spots'],
    ]);
    expect(ids('abnormality of kidneys')).toEqual(['HP:0000077']);
    expect(ids('abnormalities of the kidneys')).toEqual(['HP:0000077']);
    expect(ids('kidney abnormality')).toEqual(['HP:0000077']);
    expect(ids('renal anomalies')).toEqual(['HP:0000077']);
    expect(ids('renal cysts')).toEqual(['HP:0000107']);
  });

  it('takes the longest name, and never a term together with its ancestor on the same words', () => {
    expect(found('sensorineural hearing loss')).toEqual([['HP:0000407', 'sensorineural hearing loss']]);
    expect(found('febrile seizures')).toEqual([['HP:0002373', 'febrile seizures']]);
  });

  it('matches abbreviation synonyms only in capitals', () => {
    expect(ids('GDD was diagnosed')).toEqual(['HP:0001263']);
    expect(ids('gdd was diagnosed')).toEqual([]);
  });

  it('reports phenotypic abnormalities only, and obsolete names as their replacement', () => {
    expect(ids('Mild autosomal dominant inheritance')).toEqual([]);
    expect(ids('focal seizures, afebril')).toEqual(['HP:0001250']);
  });

  it('does not end a match inside a hyphenated compound, nor match a function word alone', () => {
    expect(ids('edema-associated')).toEqual(['HP:0000969']);
    expect(ids('nevus-cell nests')).toEqual([]);
    expect(tinyRecognizer().extract('kidney-cyst-like lesion').map((f) => [f.hpoId, f.status])).toEqual([['HP:0000107', 'uncertain']]);
    const lex = lexiconNames([{ id: 'HP:0000001', label: 'In-to', synonyms: [], synonymScopes: [], textVariants: [], altIds: [], aspect: 'P', obsolete: false, replacedBy: '', ic: 1 }]);
    const dict = ConceptDictionary.compile(lex);
    const tokens = tokenize('walked into the room');
    expect(findCandidates(dict, tokens, tokenKeys(dict, tokens), 'walked into the room')).toEqual([]);
  });

  it('indexes single-word PhenoTagger variants only when they are specific, and then literally', () => {
    const dict = ConceptDictionary.compile(lexiconNames(tinyLexicon()));
    expect(dict.lookup([dict.key('nevi')])?.map((e) => e.term)).toHaveLength(1);
  });

  it('shares words across a coordination', () => {
    expect(found('palmar and plantar pits')).toEqual([
      ['HP:0010610', 'palmar and plantar pits'],
      ['HP:0010612', 'plantar pits'],
    ]);
    expect(ids('cleft lip and palate').sort()).toEqual(['HP:0000175', 'HP:0410030']);
  });

  it('reads qualifiers placed after the noun', () => {
    expect(found('Both kidneys were enlarged.')).toEqual([['HP:0000105', 'kidneys were enlarged']]);
    expect(found('The ears were low-set.')).toEqual([['HP:0000369', 'ears were low-set']]);
    expect(found('Serum creatine kinase was markedly elevated.')).toEqual([['HP:0003236', 'Serum creatine kinase was markedly elevated']]);
  });
});

describe('figure and table labels', () => {
  it('are not findings even when a short code is a synonym', async () => {
    const { recognizerOf, findingsOf } = await import('../../fixtures/intake/lexicon-builder.js');
    const r = recognizerOf([
      ['HP:0000118', 'Phenotypic abnormality', []],
      ['HP:0031658', 'Third heart sound', ['HP:0000118'], ['S3']],
    ]);
    expect(findingsOf(r, 'See Supplementary Figs S2 and S3, and Table S3.')).toEqual([]);
    expect(findingsOf(r, 'An S3 was audible.')).toEqual([['HP:0031658', 'present', 'S3']]);
  });
});
