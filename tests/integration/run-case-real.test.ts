import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InputError } from '../../common/input-error.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { RunCancelledError, runCase } from '../../diagnosis/pipeline/run-case.js';
import { runInputsOfFindings } from '../../diagnosis/pipeline/run-inputs.js';
import { scratchDir } from '../helpers/paths.js';
import { achondroplasiaTerms, fgfr3G380R, spikedBackground } from '../helpers/spiked-vcf.js';

// The conductor (diagnosis/pipeline/run-case.ts) on the real snapshot: steps, progress, cancellation, the VCF check.
describe('runCase', () => {
  let session: KnowledgeSession;
  const dir = scratchDir();
  beforeAll(async () => {
    session = await KnowledgeSession.open(inject('realSnapshotDir'));
  });
  afterAll(async () => session?.close());

  it('extracts, merges, reads the VCF, ranks, builds the evidence pack; reports progress in order; stamps the run', async () => {
    const vcf = spikedBackground(inject('realSourcesDir'), join(dir, 'proband.vcf.gz'), [fgfr3G380R.grch37]);
    const progress: number[] = [];
    const run = await runCase(
      session,
      { caseId: 'c1', narrative: 'Rhizomelic short stature and macrocephaly. No seizures.', findings: [{ hpoId: 'hp:0004060', status: 'present', source: 'typed' }], variants: { path: vcf } },
      { extractNarrative: true, evidencePack: true, onProgress: (f) => progress.push(f) },
    );
    expect(run.findings[0]).toMatchObject({ hpoId: 'HP:0004060', label: 'Trident hand', source: 'typed' }); // id spelling normalised
    expect(run.findings.some((x) => x.source === 'extracted' && x.hpoId === 'HP:0001250' && x.status === 'excluded')).toBe(true);
    expect(run.ranking.diseases.slice(0, 2).flatMap((d) => d.ids)).toContain('OMIM:100800');
    expect(run.ranking.genes[0]!.symbol).toBe('FGFR3');
    expect(run.evidencePack?.candidates.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
    expect(run.stamp).toMatchObject({ snapshotId: session.snapshotId, application: expect.stringMatching(/^rarediag /), vcf: { path: vcf, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(Object.keys(run.timings)).toEqual(expect.arrayContaining(['intakeMs', 'vcfMs', 'rankMs', 'evidencePackMs', 'totalMs']));
  });

  it('refuses a VCF that changed since it was attached, naming the file', async () => {
    const vcf = join(dir, 'changed.vcf');
    writeFileSync(vcf, '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n');
    const run = runCase(session, { ...runInputsOfFindings({ id: 'c2', present: achondroplasiaTerms, excluded: [] }), variants: { path: vcf, sha256: 'a'.repeat(64) } });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(/changed\.vcf: the VCF changed since it was attached/);
  });

  it('stops when cancelled, between steps and while reading the VCF', async () => {
    const before = new AbortController();
    before.abort();
    await expect(runCase(session, runInputsOfFindings({ id: 'c3', present: achondroplasiaTerms, excluded: [] }), { signal: before.signal })).rejects.toThrow(RunCancelledError);
    const during = new AbortController();
    const vcf = spikedBackground(inject('realSourcesDir'), join(dir, 'long.vcf.gz'), []);
    const run = runCase(session, { ...runInputsOfFindings({ id: 'c4', present: achondroplasiaTerms, excluded: [] }), variants: { path: vcf } }, {
      signal: during.signal,
      onProgress: (_f, step) => {
        if (step.includes('records')) during.abort();
      },
    });
    await expect(run).rejects.toThrow(RunCancelledError);
  });

  it('names the case when nothing can be ranked', async () => {
    await expect(runCase(session, { caseId: 'c5', origin: 'letter.txt', findings: [{ hpoId: 'HP:9999999', status: 'present', source: 'typed' }] })).rejects.toThrow(/^letter\.txt: no usable observed phenotype/);
  });

  it('a narrative\'s genetic result weighs its gene when there is no VCF or list; other genes are not lowered; a VCF wins', async () => {
    const features = 'A 14-year-old boy with tall stature, arachnodactyly, ectopia lentis and dilatation of the aortic root.';
    const result = ' Genetic testing: FBN1 sequencing identified a heterozygous pathogenic variant, c.4082G>A p.(Cys1361Tyr). Parental testing is planned.';
    const plain = await runCase(session, { caseId: 'n0', narrative: features, findings: [] }, { extractNarrative: true });
    expect(plain.ranking.vcf).toBeUndefined();
    const withResult = await runCase(session, { caseId: 'n1', narrative: features + result, findings: [] }, { extractNarrative: true });
    expect(withResult.stamp.vcf).toEqual({ label: 'variants named in the narrative' });
    const fbn1 = withResult.ranking.genes[0]!;
    expect(fbn1.symbol).toBe('FBN1');
    expect(fbn1.genotype).toMatchObject({ satisfied: true, reason: expect.stringContaining('heterozygous allele') });
    expect(fbn1.variants![0]!.assessment.reasons.join(' ')).toContain("the lab's class: pathogenic");
    // the named variant raises FBN1's disease; a gene the letter does not name keeps its phenotype-only standing
    const marfan = (r: typeof plain) => r.ranking.diseases.find((d) => d.ids.includes('OMIM:154700'))!;
    expect(marfan(withResult).probability).toBeGreaterThan(marfan(plain).probability);
    const other = withResult.ranking.genes.find((g) => g.symbol !== 'FBN1')!;
    expect(other.genotype?.reason).toBe('no variant named for the gene in the narrative (no VCF or list was given)');
    expect(other.genotype?.lr).toBe(1);
    // a plan or a negative result names no variant
    const negative = await runCase(session, { caseId: 'n2', narrative: `${features} FBN1 sequencing was negative. I have sent a TGFBR2 gene panel.`, findings: [] }, { extractNarrative: true });
    expect(negative.ranking.vcf).toBeUndefined();
    // with a VCF the narrative's mention is not read as a variant: the file is the evidence
    const vcf = spikedBackground(inject('realSourcesDir'), join(dir, 'narrative-vcf.vcf.gz'), []);
    const both = await runCase(session, { caseId: 'n3', narrative: features + result, findings: [], variants: { path: vcf } }, { extractNarrative: true });
    expect(both.stamp.vcf).toMatchObject({ path: vcf });
    expect(both.ranking.genes.find((g) => g.symbol === 'FBN1')?.genotype?.reason ?? '').not.toContain('heterozygous allele');
  }, 120_000);
});
