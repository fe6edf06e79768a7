import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClinVarHgvsTsv, parseClinVarVcf } from '../../../graph-snapshot/parsers/clinvar-parser.js';
import { reviewStars, summariseSignificance } from '../../../graph-snapshot/parsers/clinvar-significance.js';
import { SkipLog } from '../../../graph-snapshot/io/skip-log.js';
import { detectGenomeBuild } from '../../../graph-snapshot/liftover/genome-build.js';
import { fixture, scratchDir } from '../../helpers/paths.js';

describe('ClinVar significance and stars', () => {
  it('collapses significance strings', () => {
    expect(summariseSignificance('Pathogenic|not_provided')).toBe('pathogenic');
    expect(summariseSignificance('Pathogenic/Likely_pathogenic')).toBe('pathogenic');
    expect(summariseSignificance('Likely_pathogenic')).toBe('likely_pathogenic');
    expect(summariseSignificance('Pathogenic|Benign')).toBe('conflicting');
    expect(summariseSignificance('Conflicting_interpretations_of_pathogenicity')).toBe('conflicting');
    expect(summariseSignificance('Benign/Likely_benign')).toBe('benign');
    expect(summariseSignificance('Uncertain_significance')).toBe('uncertain');
    expect(summariseSignificance('drug_response')).toBe('other');
  });
  it('maps review status to stars in both encodings', () => {
    expect(reviewStars('practice_guideline')).toBe(4);
    expect(reviewStars('reviewed_by_expert_panel')).toBe(3);
    expect(reviewStars('criteria_provided..multiple_submitters..no_conflicts')).toBe(2);
    expect(reviewStars('criteria_provided,_multiple_submitters,_no_conflicts')).toBe(2);
    expect(reviewStars('criteria_provided..single_submitter')).toBe(1);
    expect(reviewStars('criteria_provided,_conflicting_interpretations')).toBe(1);
    expect(reviewStars('no_assertion_criteria_provided')).toBe(0);
  });
});

describe('parseClinVarVcf', () => {
  it('reads the MacArthur-lab build and counts symbolic alleles as skips', async () => {
    const skips = new SkipLog();
    const doc = await parseClinVarVcf(fixture('clinvar', 'clinvar_fixture_GRCh37.vcf.gz'), skips);
    expect(detectGenomeBuild(doc.header).build).toBe('GRCh37');
    expect(doc.records).toHaveLength(7);
    expect(doc.records[0]).toMatchObject({
      chrom: '1',
      pos: 201,
      ref: 'C',
      alt: 'T',
      geneSymbol: 'GENEA',
      significance: 'pathogenic',
      stars: 2,
      variationId: '11',
      traits: ['Fixture epilepsy syndrome'],
      reviewStatus: 'criteria provided, multiple submitters, no conflicts',
    });
    expect(skips.reports()).toEqual([expect.objectContaining({ reason: 'ClinVar record with a symbolic or non-ACGTN allele', count: 1 })]);
  });

  const dir = scratchDir();
  it("reads NCBI's own ClinVar VCF fields", async () => {
    const p = join(dir, 'clinvar.vcf');
    writeFileSync(
      p,
      '##fileformat=VCFv4.1\n##fileDate=2025-06-01\n##reference=GRCh38\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n' +
        '17\t43045712\t17661\tG\tA\t.\t.\tALLELEID=32700;CLNDN=Hereditary_breast_ovarian_cancer_syndrome|not_provided;CLNHGVS=NC_000017.11:g.43045712G>A;CLNREVSTAT=reviewed_by_expert_panel;CLNSIG=Pathogenic;GENEINFO=BRCA1:672\n',
    );
    const doc = await parseClinVarVcf(p);
    expect(doc.release).toBe('2025-06-01');
    expect(detectGenomeBuild(doc.header).build).toBe('GRCh38');
    expect(doc.records[0]).toMatchObject({
      geneSymbol: 'BRCA1',
      significance: 'pathogenic',
      stars: 3,
      variationId: '17661',
      hgvsG: 'NC_000017.11:g.43045712G>A',
      traits: ['Hereditary breast ovarian cancer syndrome'],
    });
  });

  it('refuses a file without a #CHROM header, and a short record', async () => {
    const p = join(dir, 'nohead.vcf');
    writeFileSync(p, '1\t100\t.\tA\tG\t.\t.\t.\n');
    await expect(parseClinVarVcf(p)).rejects.toThrow(/nohead\.vcf:1: data line before the #CHROM header line/);
    const q = join(dir, 'short.vcf');
    writeFileSync(q, '##fileformat=VCFv4.1\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t100\t.\tA\n');
    await expect(parseClinVarVcf(q)).rejects.toThrow(/short\.vcf:3: expected at least 8 VCF columns, found 4/);
  });

  it('reads HGVS from the companion TSV by GRCh37 key', async () => {
    const m = await parseClinVarHgvsTsv(fixture('clinvar', 'clinvar_fixture_GRCh37.tsv.gz'));
    expect(m.get('1:201:C:T')).toEqual({ hgvsC: 'NM_000001.1:c.101C>T', hgvsP: 'NP_000001.1:p.Arg34Ter' });
  });
});

describe('detectGenomeBuild', () => {
  it('uses contig lengths first, then reference names', () => {
    expect(detectGenomeBuild(['##contig=<ID=chr1,length=248956422>']).build).toBe('GRCh38');
    expect(detectGenomeBuild(['##reference=file:///ref/human_g1k_v37.fasta']).build).toBe('GRCh37');
    expect(detectGenomeBuild(['##reference=hg38.fa']).build).toBe('GRCh38');
    expect(detectGenomeBuild(['##fileformat=VCFv4.2']).build).toBeUndefined();
  });
});
