import { describe, expect, it } from 'vitest';
import {
  caseSeed,
  composeNarrative,
  detokenize,
  inSentence,
  lexiconPhraseBook,
  looksPlural,
  narrativeCaseOf,
  normalSubject,
  onsetPhrase,
  writeNarrative,
  type NarrativeCase,
} from '../../../scripts/bench/narrative-bench.js';
import { tinyLexicon, tinyRecognizer } from '../../fixtures/intake/tiny-lexicon.js';
import { lexiconOf } from '../../fixtures/intake/lexicon-builder.js';

describe('phrase book from the lexicon', () => {
  const lexicon = lexiconOf([
    ['HP:0001763', 'Pes planus', [], ['Flat feet', 'Flat foot'], ['pe planus', 'fallen arches', 'fall arch'], { altIds: ['HP:0001764'] }],
    ['HP:0001263', 'Global developmental delay', [], ['GDD'], ['developmental delay , global', 'psychomotor delay']],
    ['HP:0000369', 'Low-set ears', [], [], ['low - set pinnae']],
    ['HP:0001250', 'Seizure', [], ['Seizures', 'Fits'], [], { synonymScopes: ['EXACT:layperson', 'BROAD'] }],
    ['HP:0002373', 'Developmental delay, global', [], [], []],
  ]);
  lexicon.push({ ...lexicon[0]!, id: 'HP:0009999', label: 'obsolete Flat feet', obsolete: true, replacedBy: 'HP:0001763' });
  const book = lexiconPhraseBook(lexicon);

  it('offers the label, EXACT and layperson synonyms and PhenoTagger variants as text writes them', () => {
    expect(book.phrasings('HP:0001763')).toEqual(['Pes planus', 'Flat feet', 'Flat foot', 'fallen arches']);
    expect(book.phrasings('HP:0000369')).toEqual(['Low-set ears', 'low-set pinnae']);
  });
  it('leaves out BROAD / NARROW / RELATED synonyms, uninflected copies and inverted index forms', () => {
    expect(book.phrasings('HP:0001250')).toEqual(['Seizure', 'Seizures']); // "Fits" is BROAD
    expect(book.phrasings('HP:0001763')).not.toContain('pe planus'); // beside "Pes planus"
    expect(book.phrasings('HP:0001763')).not.toContain('fall arch'); // beside "fallen arches"
    expect(book.phrasings('HP:0001263')).toEqual(['Global developmental delay', 'GDD', 'psychomotor delay']);
    expect(book.phrasings('HP:0002373')).toEqual(['Developmental delay, global']); // nothing else to use
  });
  it('resolves alt and obsolete ids to the current term, and knows no unknown id', () => {
    expect(book.phrasings('HP:0001764')).toEqual(book.phrasings('HP:0001763'));
    expect(book.phrasings('HP:0009999')).toEqual(book.phrasings('HP:0001763'));
    expect(book.phrasings('HP:1234567')).toEqual([]);
  });
});

describe('narrative helpers', () => {
  it('write names as in running text', () => {
    expect(detokenize('wide - set eyes')).toBe('wide-set eyes');
    expect(detokenize('broad , arched eyebrows')).toBe('broad, arched eyebrows');
    expect(detokenize('obsolete psychomotor retardation')).toBe('psychomotor retardation');
    expect(inSentence('Global developmental delay')).toBe('global developmental delay');
    expect(inSentence('GDD')).toBe('GDD');
    expect(inSentence('IgA deficiency')).toBe('IgA deficiency');
    expect(looksPlural('flat feet')).toBe(true);
    expect(looksPlural('seizures')).toBe(true);
    expect(looksPlural('ptosis')).toBe(false);
    expect(looksPlural('ectopia lentis')).toBe(false);
  });
  it('say "normal X" only for the abnormality of an organ or function, and date onsets', () => {
    expect(normalSubject('Abnormality of the kidney')).toBe('kidney');
    expect(normalSubject('Abnormal heart morphology')).toBe('heart');
    expect(normalSubject('Seizure')).toBeUndefined();
    expect(normalSubject('Abnormality of the upper limb and of the hand')).toBeUndefined();
    expect(onsetPhrase('P3Y')).toBe('at age 3');
    expect(onsetPhrase('P6M')).toBe('at 6 months of age');
    expect(onsetPhrase('Congenital onset')).toBe('at birth');
    expect(onsetPhrase('Unknown onset')).toBeUndefined();
    expect(caseSeed('PMID_1_a')).toBe(caseSeed('PMID_1_a'));
    expect(caseSeed('PMID_1_a')).not.toBe(caseSeed('PMID_1_b'));
  });
});

describe('narrative generator', () => {
  const book = lexiconPhraseBook(tinyLexicon());
  const c: NarrativeCase = {
    id: 'case-1',
    sex: 'FEMALE',
    ageYears: 6,
    features: [
      { id: 'HP:0001250', label: 'Seizure', excluded: false, onset: 'P2Y' },
      { id: 'HP:0001252', label: 'Hypotonia', excluded: false },
      { id: 'HP:0000252', label: 'Microcephaly', excluded: false },
      { id: 'HP:0002650', label: 'Scoliosis', excluded: false },
      { id: 'HP:0000508', label: 'Ptosis', excluded: true },
      { id: 'HP:0002018', label: 'Nausea', excluded: true },
      { id: 'HP:0000077', label: 'Abnormality of the kidney', excluded: true },
      { id: 'HP:0000969', label: 'Edema', excluded: true },
    ],
  };

  it('is deterministic for a case and varies with the seed', () => {
    expect(writeNarrative(c, book)).toBe(writeNarrative(c, book));
    const texts = new Set(Array.from({ length: 20 }, (_, s) => writeNarrative(c, book, s)));
    expect(texts.size).toBeGreaterThan(10);
    expect(writeNarrative(c, book)).toMatch(/^The proband is a 6-year-old girl /);
  });

  it('words every feature with one of its names, drawn uniformly', () => {
    const counts = new Map<string, number>();
    for (let s = 0; s < 400; s += 1) {
      const { text, wordings } = composeNarrative(c, book, s);
      expect(wordings.map((w) => w.feature.id).sort()).toEqual(c.features.map((f) => f.id).sort());
      for (const { feature, words } of wordings) {
        if (/normal/.test(words)) continue; // "The kidney was normal."
        expect(book.phrasings(feature.id).map((n) => inSentence(n).toLowerCase())).toContain(words.toLowerCase());
        expect(text.toLowerCase()).toContain(words.toLowerCase());
        if (feature.id === 'HP:0001250') counts.set(words.toLowerCase(), (counts.get(words.toLowerCase()) ?? 0) + 1);
      }
    }
    // Seizure has four names in the tiny lexicon (label, synonym, two variants): each about a quarter of the time.
    expect([...counts.keys()].sort()).toEqual(['epilepsy', 'epileptic seizure', 'seizure', 'seizures']);
    for (const n of counts.values()) expect(n).toBeGreaterThan(60);
  });

  it('reads back, with the intake, as the case\'s present and excluded features', () => {
    for (let s = 0; s < 50; s += 1) {
      const text = writeNarrative(c, book, s);
      const f = tinyRecognizer().extract(text);
      const present = new Set(f.filter((x) => x.status === 'present').map((x) => x.hpoId));
      const excluded = new Set(f.filter((x) => x.status === 'excluded').map((x) => x.hpoId));
      for (const x of c.features) expect(x.excluded ? excluded.has(x.id) : present.has(x.id), `${x.label} in: ${text}`).toBe(true);
    }
  });

  it('reads the generator\'s view of a phenopacket, never its interpretation', () => {
    const packet = {
      id: 'P1',
      subject: { sex: 'MALE' as const, timeAtLastEncounter: { age: { iso8601duration: 'P1Y6M' } } },
      phenotypicFeatures: [
        { type: { id: 'HP:0001250', label: 'Seizure' }, onset: { ontologyClass: { label: 'Infantile onset' } } },
        { type: { id: 'HP:0000508', label: 'Ptosis' }, excluded: true },
        { excluded: true },
      ],
      interpretations: [{ diagnosis: { disease: { id: 'OMIM:123456' } } }],
    };
    const nc = narrativeCaseOf(packet, 'line 1');
    expect(nc).toEqual({
      id: 'P1',
      sex: 'MALE',
      ageYears: 1.5,
      features: [
        { id: 'HP:0001250', label: 'Seizure', excluded: false, onset: 'Infantile onset' },
        { id: 'HP:0000508', label: 'Ptosis', excluded: true, onset: undefined },
      ],
    });
    expect(writeNarrative(nc, book)).not.toContain('OMIM');
  });
});
