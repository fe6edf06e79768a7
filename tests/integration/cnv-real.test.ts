import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CnvCallRecord } from '../../diagnosis/case-input/cnv-call-file.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { runCase } from '../../diagnosis/pipeline/run-case.js';
import { runInputsOfFindings } from '../../diagnosis/pipeline/run-inputs.js';
import { diseaseModes } from '../../diagnosis/ranking/genotype-scores.js';
import { isLofIntolerant } from '../../diagnosis/variants/gene-constraint.js';

/**
 * Copy-number calls on the real snapshot. The gene is chosen from the data, not named here: the first (by disease id)
 * autosomal dominant disease with a single gene that gnomAD calls LoF-intolerant, a GRCh37 transcript model and at
 * least 15 annotated features. The patient is described by its three most common features only (a vague phenotype
 * many diseases share), so the phenotype alone does not rank it first.
 */
describe('copy-number calls on the real snapshot', () => {
  let session: KnowledgeSession;
  beforeAll(async () => {
    session = await KnowledgeSession.open(inject('realSnapshotDir'));
  });
  afterAll(async () => session?.close());

  async function pick() {
    const m = session.model;
    const annotator = await session.variantAnnotator();
    const ix = annotator.transcriptIndex('GRCh37')!;
    const models = await session.graph.loadGeneModels();
    const loeuf = new Map(models.constraint.ncbiIds.map((id, i) => [id, models.constraint.loeuf[i]]));
    const modes = diseaseModes(m);
    const order = m.diseaseIds.map((id, d) => [id, d] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [id, d] of order) {
      if (!id.startsWith('OMIM:') || m.diseaseGenes[d]!.length !== 1) continue;
      const set = modes.sets[modes.setOf[d]!]!;
      if (set.length !== 1 || set[0] !== 'dominant') continue;
      if (m.annOffsets[d + 1]! - m.annOffsets[d]! < 15) continue;
      const g = m.diseaseGenes[d]![0]!;
      const ncbi = m.geneIds[g]!;
      const l = loeuf.get(ncbi);
      if (l === null || l === undefined || !isLofIntolerant({ loeuf: l })) continue;
      let chrom = '';
      let start = Infinity;
      let end = 0;
      for (const [c, { from, to }] of ix.chromosomes()) {
        for (let t = from; t < to; t += 1) {
          if (ix.ncbiGeneIds[t] !== ncbi) continue;
          chrom = c;
          start = Math.min(start, ix.txStart[t]! + 1);
          end = Math.max(end, ix.txEnd[t]!);
        }
      }
      if (!chrom || !/^\d+$/.test(chrom)) continue;
      // the three most common (least informative) annotated features
      const terms = [];
      for (let k = m.annOffsets[d]!; k < m.annOffsets[d + 1]!; k += 1) if (!(m.annFlags[k]! & 1)) terms.push(m.annTerm[k]!);
      const vague = [...new Set(terms)].sort((a, b) => m.ic[a]! - m.ic[b]! || a - b).slice(0, 3).map((t) => m.termIds[t]!);
      return { id, d, symbol: m.geneSymbols[g]!, chrom, start, end, vague };
    }
    throw new Error('no disease fits the choice');
  }

  const call = (chrom: string, start: number, end: number, copyNumber = 1): CnvCallRecord => ({ chrom, start, end, change: 'deletion', copyNumber, assembly: 'GRCh37', source: 'test:1', line: 1 });

  it('a heterozygous deletion of a haploinsufficient gene raises its dominant disease, with the call as the evidence', async () => {
    const p = await pick();
    const inputs = runInputsOfFindings({ id: 'cnv', present: p.vague, excluded: [] });
    const rankOf = (r: Awaited<ReturnType<typeof runCase>>) => r.ranking.diseases.findIndex((x) => x.ids.includes(p.id)) + 1 || Infinity;
    const geneRank = (r: Awaited<ReturnType<typeof runCase>>) => r.ranking.genes.findIndex((x) => x.symbol === p.symbol) + 1 || Infinity;
    const without = await runCase(session, inputs, { top: 200, explain: 0 });
    // a 300 kb deletion over the whole gene, from 100 kb before it
    const withCnv = await runCase(session, { ...inputs, cnvCalls: { calls: [call(p.chrom, p.start - 100_000, p.end + 200_000)], source: 'test' } }, { top: 200, explain: 0 });
    expect(rankOf(without)).toBeGreaterThan(1);
    expect(rankOf(withCnv)).toBeLessThan(rankOf(without));
    expect(geneRank(withCnv)).toBeLessThanOrEqual(3);
    const gene = withCnv.ranking.genes.find((x) => x.symbol === p.symbol)!;
    expect(gene.genotype).toMatchObject({ mode: 'dominant', satisfied: true });
    const v = gene.variants![0]!;
    expect(v.assessment.tier).toBe('cnv-deletion');
    expect(v.structural).toMatchObject({ change: 'deletion', copyNumber: 1, overlap: { whole: true } });
    // a deletion of the same size elsewhere on the chromosome does not raise it
    const elsewhere = await runCase(session, { ...inputs, cnvCalls: { calls: [call(p.chrom, p.end + 5_000_000, p.end + 5_300_000)], source: 'test' } }, { top: 200, explain: 0 });
    expect(rankOf(elsewhere)).toBeGreaterThanOrEqual(rankOf(without));
  });

  it('a 1.4 Mb deletion over 17q11.2 ranks the 17q11.2 microdeletion syndrome by its critical region', async () => {
    const regions = await session.syndromeRegions('GRCh38');
    expect(regions.syndromes).toBeGreaterThan(100);
    expect(regions.withRegion / regions.syndromes).toBeGreaterThan(0.5);
    const r = regions.regions.find((x) => /17q11\.2 deletion/i.test(x.label))!;
    expect(r).toMatchObject({ chrom: '17', change: 'deletion', namedSizeBp: 1_400_000 });
    const m = session.model;
    const id = m.diseaseIds[r.disease]!;
    // the typical (type-1) NF1 microdeletion, GRCh37 chr17:29.1-30.5 Mb, is about chr17:30.8-32.2 Mb in GRCh38
    const inputs = runInputsOfFindings({ id: 'nf1del', present: ['HP:0000316', 'HP:0001263', 'HP:0007565'], excluded: [] });
    const run = await runCase(session, { ...inputs, cnvCalls: { calls: [{ ...call('17', 30_800_000, 32_200_000), assembly: 'GRCh38' }], source: 'test' } }, { top: 50, explain: 0 });
    const hit = run.ranking.diseases.find((x) => x.ids.includes(id));
    expect(hit, `${id} ${r.label} in the top 50`).toBeDefined();
    expect(hit!.genotype?.variants[0]?.assessment.tier === 'cnv-syndrome-region' || hit!.genotype?.variants[0]?.assessment.tier === 'cnv-deletion').toBe(true);
    const plain = await runCase(session, inputs, { top: 200, explain: 0 });
    const before = plain.ranking.diseases.findIndex((x) => x.ids.includes(id)) + 1 || Infinity;
    expect(hit!.rank).toBeLessThan(before);
  });
});
