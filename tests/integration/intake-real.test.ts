import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConceptRecognizer } from '../../diagnosis/intake/concept-recognizer.js';
import { documentFindings } from '../../diagnosis/intake/document-findings.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { extractFromText } from '../../diagnosis/intake/text-intake.js';

// Runs against the snapshot built from ../shared/data by tests/setup/real-snapshot.ts.
describe('intake on the real HPO', () => {
  let r: ConceptRecognizer;
  let session: KnowledgeSession;
  beforeAll(async () => {
    session = await KnowledgeSession.open(inject('realSnapshotDir'));
    r = await session.recognizer();
  });
  afterAll(async () => session?.close());
  const found = (text: string) => r.extract(text).map((f) => [f.hpoId, f.status, f.text]);

  it('builds a dictionary of the phenotypic abnormalities with their synonyms and PhenoTagger names', () => {
    expect(r.dictionary.terms.length).toBeGreaterThan(19_000);
    expect(r.dictionary.size).toBeGreaterThan(50_000);
    // Alt and obsolete ids resolve to the current term.
    expect(r.dictionary.terms[r.dictionary.termIndex('HP:0001275')!]!.id).toBe('HP:0001250');
  });

  it('reads a clinical narrative with its negations, uncertainty, family and history', () => {
    const text =
      'Three-year-old boy with global developmental delay, generalized hypotonia and no seizures. ' +
      'Possible ptosis. His mother has epilepsy. History of febrile seizures. Normal hearing. ' +
      'CK 5000 U/L. MRI showed cerebellar atrophy. Oedema of the feet; anaemia.';
    const f = r.extract(text);
    const by = (id: string) => f.filter((x) => x.hpoId === id).map((x) => x.status + (x.historical ? '+h' : '') + (x.evidence ? `/${x.evidence}` : ''));
    expect(by('HP:0001263')).toEqual(['present']);
    expect(by('HP:0001290')).toEqual(['present']); // Generalized hypotonia
    expect(by('HP:0001250')).toEqual(['excluded', 'family']);
    expect(by('HP:0000508')).toEqual(['uncertain']);
    expect(by('HP:0002373')).toEqual(['present+h']);
    expect(by('HP:0000365')).toEqual(['excluded']);
    expect(by('HP:0003236')).toEqual(['present/lab']);
    expect(by('HP:0001272')).toEqual(['present/imaging']);
    expect(by('HP:0001903')).toEqual(['present']);
    expect(f.some((x) => x.hpoId === 'HP:0000969' || x.text.startsWith('Oedema'))).toBe(true);
    for (const x of f) {
      expect(text.slice(x.start, x.end)).toBe(x.text);
      expect(x.confidence).toBeGreaterThan(0);
      expect(x.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('prefers the most specific reading and reports no term with its ancestor on the same words', () => {
    expect(found('Bilateral sensorineural hearing loss.')).toEqual([['HP:0008619', 'present', 'Bilateral sensorineural hearing loss']]);
    expect(found('Sensorineural hearing loss.')).toEqual([['HP:0000407', 'present', 'Sensorineural hearing loss']]);
    const ids = r.extract('Renal anomalies and cutaneous manifestations.').map((f) => f.hpoId);
    expect(ids).toEqual(['HP:0000077', 'HP:0000951']);
  });

  it('does not read common words as findings (stemming and joined hyphen collisions)', () => {
    expect(found('He walked into the room and sat on the spine board; the cervical spine was examined.')).toEqual([]);
    expect(found('The urinary collecting system was examined in order.')).toEqual([]);
  });

  it('finds the GSC+ style mentions of an abstract', () => {
    const text = 'Nevoid basal cell carcinoma syndrome is a genodermatosis. Acrochordons and skin tags, palmar and plantar pits, and jaw cysts are reported with cafe au lait spots.';
    const ids = new Set(r.extract(text).map((f) => f.hpoId));
    for (const id of ['HP:0002671', 'HP:0010609', 'HP:0010610', 'HP:0010612']) expect(ids).toContain(id);
  });

  it('reads HTML and aggregates a case report to the patient\'s findings', () => {
    const html = '<h2>Background</h2><p>Patients with this syndrome may have scoliosis.</p><h2>Case presentation</h2><p>The proband had <b>microcephaly</b>, seizures and no ptosis.</p>';
    const { format, findings } = extractFromText(r, html);
    expect(format).toBe('html');
    expect(documentFindings(html, findings, r.hierarchy)).toEqual({ present: ['HP:0000252', 'HP:0001250'], excluded: ['HP:0000508'] });
  });
});
