import { describe, expect, it } from 'vitest';
import { clinicalStem } from '../../../diagnosis/intake/clinical-stemmer.js';
import { spellingCandidates } from '../../../diagnosis/intake/spelling-variants.js';
import { TermNormaliser } from '../../../diagnosis/intake/term-normaliser.js';
import { NUMBER, PUNCT, WORD, tokenize } from '../../../diagnosis/intake/text-tokens.js';

describe('tokenizer', () => {
  it('keeps offsets into the original text, lower-cases and removes diacritics', () => {
    const text = 'Café-au-lait SPOTS, CK 5,000 U/L; T 3.5';
    const t = tokenize(text);
    for (const tok of t) expect(text.slice(tok.start, tok.end).length).toBe(tok.end - tok.start);
    expect(t.map((x) => x.lower)).toEqual(['cafe', 'au', 'lait', 'spots', ',', 'ck', '5,000', 'u', '/', 'l', ';', 't', '3.5']);
    expect(t.slice(0, 3).map((x) => x.glued)).toEqual([false, true, true]);
    expect(t[6]!.kind).toBe(NUMBER);
    expect(t[4]!.kind).toBe(PUNCT);
  });

  it('glues letters and digits written together and marks line breaks and tabs', () => {
    const t = tokenize('NF2\tx\ny');
    expect(t.map((x) => [x.lower, x.kind, x.glued])).toEqual([
      ['nf', WORD, false],
      ['2', NUMBER, true],
      ['\t', PUNCT, false],
      ['x', WORD, false],
      ['\n', PUNCT, false],
      ['y', WORD, false],
    ]);
  });

  it('handles empty text and text without words', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  \r\n ').map((x) => x.lower)).toEqual(['\n']);
    expect(tokenize('😀!').map((x) => x.lower)).toEqual(['😀', '!']);
  });
});

describe('clinical stemmer', () => {
  it('folds plurals and inflections onto one key', () => {
    expect(clinicalStem('seizures')).toBe(clinicalStem('seizure'));
    expect(clinicalStem('abnormalities')).toBe(clinicalStem('abnormality'));
    expect(clinicalStem('abnormality')).toBe(clinicalStem('abnormal'));
    expect(clinicalStem('elevated')).toBe(clinicalStem('elevate'));
    expect(clinicalStem('elevation')).toBe(clinicalStem('elevated'));
    expect(clinicalStem('increased')).toBe(clinicalStem('increase'));
    expect(clinicalStem('kidneys')).toBe('kidney');
    expect(clinicalStem('anomalies')).toBe('anomaly');
  });

  it('leaves medical suffixes and short words alone', () => {
    expect(clinicalStem('retinitis')).not.toBe(clinicalStem('retinal'));
    expect(clinicalStem('cervicitis')).not.toBe(clinicalStem('cervical'));
    expect(clinicalStem('ptosis')).toBe('ptosis');
    expect(clinicalStem('spine')).not.toBe(clinicalStem('spin'));
    expect(clinicalStem('pale')).toBe('pale');
    expect(clinicalStem('ck')).toBe('ck');
  });
});

describe('spelling', () => {
  it('offers American spellings and singulars of Latin and Greek plurals', () => {
    expect(spellingCandidates('oedema')).toContain('edema');
    expect(spellingCandidates('haemorrhage')).toContain('hemorrhage');
    expect(spellingCandidates('anaemia')).toContain('anemia');
    expect(spellingCandidates('oesophageal')).toContain('esophageal');
    expect(spellingCandidates('paediatric')).toContain('pediatric');
    expect(spellingCandidates('hospitalised')).toContain('hospitalized');
    expect(spellingCandidates('tumour')).toContain('tumor');
    expect(spellingCandidates('diarrhoea')).toContain('diarrhea');
    expect(spellingCandidates('naevi')[0]).toBe('nevus');
    expect(spellingCandidates('stenoses')).toContain('stenosis');
    expect(spellingCandidates('vertebrae')).toContain('vertebra');
  });

  it('rewrites a word only towards a dictionary word, so ordinary words stay', () => {
    const n = new TermNormaliser(new Set(['edema', 'hemorrhage', 'nevus', 'nevi', 'toe', 'kidney', 'abnormality', 'normalize']));
    expect(n.key('oedema')).toBe(n.key('edema'));
    expect(n.key('haemorrhages')).toBe(n.key('hemorrhage'));
    expect(n.key('naevi')).toBe(n.key('nevus'));
    expect(n.key('nevi')).toBe(n.key('nevus'));
    expect(n.key('normalise')).toBe(n.key('normalize'));
    expect(n.key('toes')).toBe(n.key('toe'));
    expect(n.key('four')).toBe('four');
    expect(n.key('exercise')).toBe(clinicalStem('exercise'));
  });

  it('maps relational adjectives and abnormality words to one spelling', () => {
    const n = new TermNormaliser(new Set(['kidney', 'skin', 'abnormality', 'morphology']));
    expect(n.key('renal')).toBe(n.key('kidney'));
    expect(n.key('cutaneous')).toBe(n.key('skin'));
    expect(n.key('anomalies')).toBe(n.key('abnormality'));
    expect(n.key('malformations')).toBe(n.key('abnormality'));
    expect(n.key('shape')).toBe(n.key('morphology'));
  });
});
