import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';
import { achondroplasiaTerms, fgfr3G380R, spikedBackground } from '../helpers/spiked-vcf.js';

describe('rarediag rank with a VCF (the command-line contract)', () => {
  const dir = scratchDir();
  const snapshot = inject('realSnapshotDir');
  const vcf = spikedBackground(inject('realSourcesDir'), join(dir, 'proband.vcf.gz'), [fgfr3G380R.grch37]);
  const packet = (id: string) => ({ id, phenotypicFeatures: achondroplasiaTerms.slice(0, 4).map((h) => ({ type: { id: h } })) });

  it('batch: a wrapper line may carry "vcf" (relative to the input file) and "genomeAssembly"; output adds variants and a vcf summary', async () => {
    const input = join(dir, 'cases.jsonl');
    writeFileSync(
      input,
      [
        JSON.stringify({ phenopacket: packet('WITH'), vcf: 'proband.vcf.gz', genomeAssembly: 'GRCh37' }),
        JSON.stringify({ phenopacket: packet('WITHOUT') }),
        JSON.stringify({ phenopacket: packet('MISSING'), vcf: 'nope.vcf' }),
        JSON.stringify({ phenopacket: packet('BADBUILD'), vcf: 'proband.vcf.gz', genomeAssembly: 'hg19' }),
      ].join('\n'),
    );
    const out = join(dir, 'out.jsonl');
    const r = await runCli(['rank', '--phenopackets', input, '--out', out, '--top', '5', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    const [withVcf, without, missing, badBuild] = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(withVcf.vcf).toEqual(expect.objectContaining({ records: 37_709, passed: expect.any(Number), lifted: expect.any(Number), unlifted: expect.any(Number), inGenes: expect.any(Number) }));
    expect(withVcf.genes[0].symbol).toBe('FGFR3');
    expect(withVcf.genes[0].variants).toContainEqual(expect.objectContaining({ grch38: fgfr3G380R.grch38Key, input: '4:1806119:G:A', zygosity: 'heterozygous', clinvar: expect.objectContaining({ significance: 'pathogenic' }) }));
    expect(without.vcf).toBeUndefined();
    expect(without.genes[0].variants).toBeUndefined();
    expect(missing.error).toMatch(/^line 3: .*nope\.vcf: file not found/);
    expect(badBuild.error).toMatch(/^line 4: wrapper field genomeAssembly/);
  });

  it('ad hoc: --vcf with --assembly, a table of genes with their variants, and exit 3 for a bad VCF', async () => {
    const r = await runCli(['rank', '--hpo', achondroplasiaTerms.join(','), '--vcf', vcf, '--assembly', 'GRCh37', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/VCF .*proband\.vcf\.gz \(sample manuel, GRCh37: given by the user\): 37709 records/);
    expect(r.stdout).toMatch(/1\s+FGFR3\s+\d+\s+dominant: heterozygous allele\s+4:1804392:G:A heterozygous ClinVar pathogenic/);
    // its place on the transcript models, the gene's constraint and the input (GRCh37) position
    expect(r.stdout).toMatch(/4:1804392:G:A heterozygous ClinVar pathogenic [^;\n]*, coding c\.\d+ exon \d+\/\d+ NM_\d+, LOEUF [\d.]+, GRCh37 4:1806119:G:A/);
    const bad = join(dir, 'bad.vcf');
    writeFileSync(bad, 'not a vcf\n');
    const e = await runCli(['rank', '--hpo', achondroplasiaTerms.join(','), '--vcf', bad, '--snapshot', snapshot]);
    expect(e.code).toBe(3);
    expect(e.stderr).toMatch(/bad\.vcf:1: not a VCF file/);
    const s = await runCli(['rank', '--hpo', achondroplasiaTerms.join(','), '--vcf', vcf, '--sample', 'nobody', '--snapshot', snapshot]);
    expect(s.code).toBe(3);
    expect(s.stderr).toMatch(/sample "nobody" is not in the VCF \(samples: manuel\)/);
  });
});
