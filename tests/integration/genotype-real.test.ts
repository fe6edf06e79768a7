import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { genotypeParameters } from '../../diagnosis/variants/genotype-likelihood.js';
import { loadPatientVariants } from '../../diagnosis/variants/patient-variants.js';
import { scratchDir } from '../helpers/paths.js';
import { achondroplasiaTerms, fgfr3G380R, spikedBackground } from '../helpers/spiked-vcf.js';

describe('genotype-aware ranking on the real snapshot and background exome', () => {
  let session: KnowledgeSession;
  const dir = scratchDir();
  beforeAll(async () => {
    session = await KnowledgeSession.open(inject('realSnapshotDir'));
  });
  afterAll(async () => session?.close());
  const readVariants = async (vcf: string) => loadPatientVariants(vcf, {}, await session.variantAnnotator());

  it('lifts a spiked GRCh37 variant, finds it in ClinVar and puts its gene first with the evidence', async () => {
    const vcf = spikedBackground(inject('realSourcesDir'), join(dir, 'spiked.vcf.gz'), [fgfr3G380R.grch37]);
    const variants = await readVariants(vcf);
    expect(variants.summary).toMatchObject({ build: 'GRCh37', records: 37_709, sample: 'manuel' });
    expect(variants.summary.lifted + variants.summary.unlifted).toBe(variants.summary.passed);
    expect(variants.summary.unlifted / variants.summary.passed).toBeLessThan(0.05);
    expect(variants.summary.inGenes).toBeGreaterThan(5_000);
    // A hypochondroplasia-leaning phenotype: the genotype evidence must still put FGFR3 first.
    const r = session.ranker.rank({ present: achondroplasiaTerms.slice(0, 4), excluded: [], sex: 'MALE' }, { top: 20, variants });
    const g = r.genes[0]!;
    expect(g.symbol).toBe('FGFR3');
    expect(g.genotype).toMatchObject({ mode: 'dominant', satisfied: true });
    const v = g.variants!.find((x) => x.key === fgfr3G380R.grch38Key)!;
    expect(v).toMatchObject({ inputKey: '4:1806119:G:A', inputBuild: 'GRCh37', call: { zygosity: 'heterozygous' }, clinvar: { significance: 'pathogenic' } });
    expect(v.clinvar!.hgvsC).toContain('c.1138G>A');
    expect(r.vcf?.records).toBe(37_709);
  });

  it('reads the same variant from a GRCh38 VCF without liftover', async () => {
    const vcf = join(dir, 'grch38.vcf');
    writeFileSync(
      vcf,
      '##fileformat=VCFv4.2\n##contig=<ID=chr4,length=190214555>\n##reference=GRCh38\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP1\nchr4\t1804392\t.\tG\tA\t50\tPASS\t.\tGT\t0/1\n',
    );
    const variants = await readVariants(vcf);
    expect(variants.summary).toMatchObject({ build: 'GRCh38', lifted: 0, inGenes: 1 });
    const r = session.ranker.rank({ present: achondroplasiaTerms, excluded: [] }, { variants });
    expect(r.genes[0]).toMatchObject({ symbol: 'FGFR3', genotype: { satisfied: true } });
    // Diseases whose genes carry no variant are lowered: the genotype evidence of another skeletal gene is the floor.
    expect(r.genes.find((x) => x.symbol === 'COL2A1')?.genotype?.lr).toBe(genotypeParameters.noQualifyingVariantLR);
  });

  it('does not let a single heterozygous allele satisfy a recessive disease', async () => {
    const vcf = join(dir, 'carrier.vcf');
    // CFTR F508del (GRCh38 7:117559590 ATCT>A), heterozygous only.
    writeFileSync(vcf, '##fileformat=VCFv4.2\n##reference=GRCh38\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP1\n7\t117559590\t.\tATCT\tA\t50\tPASS\t.\tGT\t0/1\n');
    const variants = await readVariants(vcf);
    const r = session.ranker.rank({ present: ['HP:0002719', 'HP:0001738', 'HP:0002066', 'HP:0012236'], excluded: [] }, { variants, top: 30 });
    // Cystic fibrosis (autosomal recessive) is not satisfied by a carrier; ORPHA:586 borrows the mode of its OMIM twin.
    const cf = r.diseases.find((d) => d.ids.includes('OMIM:219700'))!;
    expect(cf.genotype).toMatchObject({ gene: 'CFTR', satisfied: false, reason: 'one heterozygous allele only: the disease needs two' });
    // OMIM:211400 (bronchiectasis with or without elevated sweat chloride) is autosomal dominant in HPO: one allele fits.
    expect(r.diseases.find((d) => d.ids.includes('OMIM:211400'))?.genotype).toMatchObject({ satisfied: true, mode: 'dominant' });
  });

  it('regions of homozygosity: none in the outbred background; long autozygous blocks say the parents are related, and a homozygote inside one weighs more', async () => {
    const cftr = '7\t117199644\t.\tATCT\tA\t500\tPASS\t.\tGT:AD:DP:GQ:PL\t1/1:0,30:30:99:900,90,0';
    const outbred = await readVariants(spikedBackground(inject('realSourcesDir'), join(dir, 'outbred.vcf.gz'), [cftr]));
    expect(outbred.summary.roh).toEqual({ regions: 0, totalMb: 0, consanguinityLikely: false });
    // autozygous blocks (GRCh37): inside them every heterozygous call of the real exome becomes homozygous for one
    // allele or the other (every other one kept as 1/1, the rest homozygous reference, so not written)
    const blocks: [string, number, number][] = [['2', 20e6, 80e6], ['7', 80e6, 150e6], ['11', 60e6, 120e6]];
    const inBlock = (c: string[]) => blocks.some(([chrom, a, b]) => c[0] === chrom && Number(c[1]) > a && Number(c[1]) < b);
    const text = gunzipSync(readFileSync(join(inject('realSourcesDir'), 'vcf', 'background-exome-grch37.vcf.gz'))).toString('utf8');
    let k = 0;
    const lines = text.split('\n').filter(Boolean).flatMap((l) => {
      const c = l.split('\t');
      if (l.startsWith('#') || !inBlock(c) || !c[9]!.startsWith('0/1')) return [l];
      k += 1;
      if (k % 2 === 0) return [];
      c[9] = `1/1${c[9]!.slice(3)}`;
      return [c.join('\t')];
    });
    const related = join(dir, 'related.vcf');
    writeFileSync(related, `${[...lines, cftr].join('\n')}\n`);
    const variants = await readVariants(related);
    expect(variants.summary.roh!.consanguinityLikely).toBe(true);
    expect(variants.summary.roh!.regions).toBeGreaterThanOrEqual(3);
    // each run starts in a block (it may run on over the real homozygous calls just past its end)
    expect(variants.roh!.regions.every((r) => blocks.some(([chrom, a, b]) => r.chrom === chrom && r.start > a && r.start < b))).toBe(true);
    const terms = ['HP:0006528', 'HP:0002205', 'HP:0001738', 'HP:0001508'];
    const cfOf = (v: typeof variants) => session.ranker.rank({ present: terms, excluded: [], sex: 'FEMALE' }, { top: 50, variants: v }).genes.find((g) => g.symbol === 'CFTR')!;
    const inside = cfOf(variants);
    const outside = cfOf(outbred);
    expect(inside.genotype).toMatchObject({ satisfied: true, reason: expect.stringContaining('in a region of homozygosity (parents likely related)') });
    expect(outside.genotype!.reason).not.toContain('region of homozygosity');
    expect(inside.genotype!.lr / outside.genotype!.lr).toBeCloseTo(genotypeParameters.autozygousHomozygousLR, 5);
  }, 120_000);
});
