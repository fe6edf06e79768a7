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

  it('reads the clinic-letter phrasings of issue 12 on the real HPO', () => {
    const text =
      'A 7-year-old girl. Echo showed dilatation of the aortic root; her brother has a dilated aortic root. ' +
      'Head circumference above the 98th centile, height below the 3rd centile. She has specific learning difficulties. ' +
      'MRI: T2 hyperintensities in the basal ganglia. Low-set posteriorly rotated ears and a short webbed neck. ' +
      'Soft cutaneous neurofibromas. No family history of seizures. There is absence of the middle phalanges and aplastic nails.';
    const f = r.extract(text);
    const by = (id: string) => f.filter((x) => x.hpoId === id).map((x) => x.status);
    expect(by('HP:0002616')).toEqual(['present', 'family']); // Aortic root aneurysm ("aortic root dilatation")
    expect(by('HP:0000256')).toEqual(['present']); // Macrocephaly
    expect(by('HP:0004322')).toEqual(['present']); // Short stature
    expect(by('HP:0001328')).toEqual(['present']); // Specific learning disability
    expect(by('HP:0002134')).toEqual(['present']); // Abnormal basal ganglia morphology (the nearest ancestor)
    for (const id of ['HP:0000369', 'HP:0000358', 'HP:0000470', 'HP:0000465']) expect(by(id)).toEqual(['present']); // low-set, posteriorly rotated ears; short, webbed neck
    expect(by('HP:0001067')).toEqual(['present']); // Neurofibroma
    expect(by('HP:0000977')).toEqual([]); // not Soft skin
    expect(by('HP:0001250')).toEqual([]); // no family history of seizures: nobody's finding
    expect(by('HP:0010239')).toEqual(['present']); // Aplasia of the middle phalanx of the hand, not a negation
    expect(by('HP:0001798')).toEqual(['present']); // Anonychia ("aplastic nails")
    for (const x of f) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it('extracts the example narrative of the README completely', async () => {
    const { readFile } = await import('node:fs/promises');
    const example = JSON.parse(await readFile(new URL('../../examples/marfan-narrative.json', import.meta.url), 'utf8')) as { narrative: string };
    const f = r.extract(example.narrative);
    const ids = (status: string) => f.filter((x) => x.status === status).map((x) => x.hpoId).sort();
    // tall stature, long thin fingers / arachnodactyly, ectopia lentis, severe myopia, aortic root, pectus excavatum
    for (const id of ['HP:0000098', 'HP:0001166', 'HP:0001083', 'HP:0011003', 'HP:0002616', 'HP:0000767']) expect(ids('present')).toContain(id);
    expect(ids('excluded')).toEqual(['HP:0001249', 'HP:0001250']);
    expect(ids('family')).toEqual(['HP:0002647']);
  });

  it('reads the genetic results of a letter with the snapshot\'s gene symbols', () => {
    const v = r.candidateVariants('Exome sequencing identified a de novo heterozygous pathogenic variant in FBN1, NM_000138.5:c.4082G>A p.(Cys1361Tyr). No CP.');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ gene: 'FBN1', hgvs: { transcript: 'NM_000138.5', c: 'c.4082G>A', p: 'p.(Cys1361Tyr)' }, zygosity: 'heterozygous', inheritance: 'de novo', classification: 'pathogenic' });
  });

  it('reads a text of many measurements without sentence ends in bounded time (each looks back a bounded stretch)', () => {
    // 40,000 measurements, 1.4 MB without ". ": a scan back to the start per measurement took minutes
    const text = 'height below the 3rd centile, weight 50th centile, '.repeat(20_000);
    const found = extractFromText(r, text).findings.filter((f) => f.hpoId === 'HP:0004322');
    expect(found).toHaveLength(20_000);
  });
});
