import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { simulateTrio, splitBackground } from '../../scripts/bench/trio-simulation.js';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';
import { achondroplasiaTerms } from '../helpers/spiked-vcf.js';

describe('rarediag rank --phenopackets with a pedigree or a candidate list (issue 14 batch contract)', () => {
  const dir = scratchDir();
  const snapshot = inject('realSnapshotDir');
  const background = splitBackground(gunzipSync(readFileSync(join(inject('realSourcesDir'), 'vcf', 'background-exome-grch37.vcf.gz'))).toString('utf8'));
  // FGFR3 c.1138G>A (GRCh37 4:1806119 G>A) de novo in a simulated trio with 30 apparent de novo background calls
  const trio = simulateTrio(background, [{ chrom: '4', pos: 1806119, ref: 'G', alt: 'A', zygosity: 'heterozygous' }], { seed: 7, probandSex: 'MALE' });
  writeFileSync(join(dir, 'trio.vcf'), trio.vcf);
  writeFileSync(join(dir, 'trio.ped'), trio.ped);
  writeFileSync(join(dir, 'other.ped'), 'F\tP1\tD1\tM1\t1\t2\nF\tD1\t0\t0\t1\t1\nF\tM1\t0\t0\t2\t1\n');
  const packet = (id: string) => ({ id, phenotypicFeatures: achondroplasiaTerms.slice(0, 4).map((h) => ({ type: { id: h } })) });

  it('trio: per-member genotypes and the inheritance finding; list: only the listed candidates; bad input named', async () => {
    const input = join(dir, 'cases.jsonl');
    const fgfr3 = { chrom: '4', pos: 1806119, ref: 'G', alt: 'A', assembly: 'GRCh37', zygosity: 'heterozygous', inheritance: 'de novo' };
    const decoy = { chrom: '7', pos: 117199644, ref: 'ATCT', alt: 'A', assembly: 'GRCh37', zygosity: 'heterozygous', gene: 'CFTR', inheritance: 'maternal' };
    writeFileSync(
      input,
      [
        JSON.stringify({ phenopacket: packet('TRIO'), vcf: 'trio.vcf', genomeAssembly: 'GRCh37', sample: 'proband', pedigree: 'trio.ped' }),
        JSON.stringify({ phenopacket: packet('LIST'), candidateVariants: [decoy, fgfr3, { chrom: '4', pos: 1 }, { ...decoy, gene: 'FBN1', inheritance: 'unknown' }] }),
        JSON.stringify({ phenopacket: packet('BADPED'), vcf: 'trio.vcf', genomeAssembly: 'GRCh37', pedigree: 'other.ped' }),
        JSON.stringify({ phenopacket: packet('NOVCF'), pedigree: 'trio.ped' }),
      ].join('\n'),
    );
    const out = join(dir, 'out.jsonl');
    const r = await runCli(['rank', '--phenopackets', input, '--out', out, '--top', '5', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    const [trioLine, list, badPed, noVcf] = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(trioLine.vcf.family).toEqual({ members: ['proband', 'father', 'mother'], calls: expect.any(Number), apparentDeNovo: expect.any(Number) });
    expect(trioLine.vcf.family.apparentDeNovo).toBeGreaterThanOrEqual(30);
    expect(trioLine.genes[0].symbol).toBe('FGFR3');
    expect(trioLine.genes[0].genotype).toMatchObject({ mode: 'dominant', satisfied: true, reason: 'heterozygous allele: de novo (absent in both parents)' });
    expect(trioLine.genes[0].variants[0]).toMatchObject({
      grch38: '4:1804392:G:A',
      members: [
        { id: 'proband', role: 'proband', affected: 'affected', gt: '0/1', dp: 35, gq: 99 },
        { id: 'father', role: 'father', affected: 'unaffected', gt: '0/0', dp: 32, gq: 99 },
        { id: 'mother', role: 'mother', affected: 'unaffected', gt: '0/0', dp: 32, gq: 99 },
      ],
      inheritance: { finding: 'de novo (absent in both parents)', consistent: true },
    });
    expect(list.vcf).toBeUndefined();
    expect(list.candidateVariants).toEqual({ listed: 4, inGenes: 3 });
    expect(list.setAside).toEqual([
      'line 2: candidateVariants[2]: coordinates need all of chrom, pos, ref and alt: set aside',
      'line 2: candidateVariants[3]: gene FBN1 does not match the coordinates 7:117199644 (in another gene): the coordinates are used',
    ]);
    expect(list.genes[0]).toMatchObject({ symbol: 'FGFR3', variants: [expect.objectContaining({ inheritance: expect.objectContaining({ finding: 'de novo (absent in both parents)' }) })] });
    expect(list.genes.filter((g: { genotype: { reason: string } }) => g.genotype.reason === 'not on the candidate list').length).toBeGreaterThan(0);
    expect(badPed.error).toMatch(/^line 3: .*other\.ped: the proband "P1" is not a sample of .*trio\.vcf \(VCF samples: proband, father, mother\)/);
    expect(noVcf.error).toBe('line 4: wrapper field pedigree: a pedigree needs the family\'s multi-sample "vcf"');
  }, 120_000);

  it('ad hoc: --vcf with --pedigree shows the inheritance finding; --candidates reads a CSV list; set-aside rows on stderr', async () => {
    const r = await runCli(['rank', '--hpo', achondroplasiaTerms.join(','), '--vcf', join(dir, 'trio.vcf'), '--pedigree', join(dir, 'trio.ped'), '--assembly', 'GRCh37', '--top', '5', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/FGFR3.*de novo \(absent in both parents\)/);
    const csv = join(dir, 'list.csv');
    writeFileSync(csv, 'gene,chrom,pos,ref,alt,assembly,zygosity,inheritance\nFGFR3,4,1806119,G,A,GRCh37,het,de novo\nCFTR,7,117199644,ATCT,A,GRCh37,het,maternal\nXYZ,4,,G,A,GRCh37,het,\n');
    const l = await runCli(['rank', '--hpo', achondroplasiaTerms.join(','), '--candidates', csv, '--top', '5', '--snapshot', snapshot]);
    expect(l.code, l.stderr).toBe(0);
    expect(l.stdout).toMatch(/1\s+FGFR3/);
    expect(l.stderr).toMatch(/set aside: .*list\.csv:4: coordinates need all of chrom, pos, ref and alt/);
    const both = await runCli(['rank', '--hpo', achondroplasiaTerms.join(','), '--pedigree', join(dir, 'trio.ped'), '--snapshot', snapshot]);
    expect(both.code).toBe(2);
  }, 120_000);

  it('relatives sequenced on their own: --member-vcf per PED id; a confirmed de novo needs their reference calls', async () => {
    // the joint trio VCF split into one file per member (sample columns: proband, father, mother)
    const lines = trio.vcf.trimEnd().split('\n');
    const header = lines.filter((l) => l.startsWith('##'));
    const cols = lines.find((l) => l.startsWith('#CHROM'))!.split('\t');
    const data = lines.filter((l) => !l.startsWith('#')).map((l) => l.split('\t'));
    const single = (k: number, keepReference: boolean) =>
      [...header, [...cols.slice(0, 9), cols[9 + k]].join('\t'), ...data.filter((c) => keepReference || !/^0[/|]0/.test(c[9 + k]!)).map((c) => [...c.slice(0, 9), c[9 + k]].join('\t'))].join('\n') + '\n';
    writeFileSync(join(dir, 'kid.vcf'), single(0, true));
    writeFileSync(join(dir, 'dad.vcf'), single(1, true));
    writeFileSync(join(dir, 'mum.vcf'), single(2, true));
    writeFileSync(join(dir, 'dad-variants-only.vcf'), single(1, false));
    writeFileSync(join(dir, 'mum-variants-only.vcf'), single(2, false));
    const rank = (dad: string, mum: string) =>
      runCli(['rank', '--hpo', achondroplasiaTerms.join(','), '--vcf', join(dir, 'kid.vcf'), '--pedigree', join(dir, 'trio.ped'), '--member-vcf', `father=${join(dir, dad)}`, '--member-vcf', `mother=${join(dir, mum)}`, '--assembly', 'GRCh37', '--top', '5', '--json', '--snapshot', snapshot]);
    const full = await rank('dad.vcf', 'mum.vcf');
    expect(full.code, full.stderr).toBe(0);
    const joint = await runCli(['rank', '--hpo', achondroplasiaTerms.join(','), '--vcf', join(dir, 'trio.vcf'), '--pedigree', join(dir, 'trio.ped'), '--assembly', 'GRCh37', '--top', '5', '--json', '--snapshot', snapshot]);
    const [a, b] = [JSON.parse(full.stdout), JSON.parse(joint.stdout)];
    // the same family read from three files or from one: the same genes, genotype checks and member calls
    expect(a.genes.map((g: { symbol: string; genotype: unknown }) => [g.symbol, g.genotype])).toEqual(b.genes.map((g: { symbol: string; genotype: unknown }) => [g.symbol, g.genotype]));
    expect(a.genes[0]).toMatchObject({ symbol: 'FGFR3', genotype: { reason: 'heterozygous allele: de novo (absent in both parents)' } });
    // variant-only files cannot tell a reference call from no coverage: no de novo claimed, and the caution says why
    const thin = await rank('dad-variants-only.vcf', 'mum-variants-only.vcf');
    expect(thin.code, thin.stderr).toBe(0);
    const fgfr3 = JSON.parse(thin.stdout).genes.find((g: { symbol: string }) => g.symbol === 'FGFR3');
    expect(fgfr3.genotype.reason).toBe('heterozygous allele: parental origin unknown');
    expect(fgfr3.genotype.inheritance[0].caution).toMatch(/father's VCF has no record here \(a variant-only file cannot tell a reference call from a site not covered/);
    expect(fgfr3.genotype.inheritance[0].members.map((m: { gt: string }) => m.gt)).toEqual(['0/1', '(absent)', '(absent)']);
    // bad input: a member the PED does not have, --member-vcf without --pedigree
    const stranger = await runCli(['rank', '--hpo', achondroplasiaTerms.join(','), '--vcf', join(dir, 'kid.vcf'), '--pedigree', join(dir, 'trio.ped'), '--member-vcf', `uncle=${join(dir, 'dad.vcf')}`, '--assembly', 'GRCh37', '--snapshot', snapshot]);
    expect(stranger.code).not.toBe(0);
    expect(stranger.stderr).toMatch(/dad\.vcf: "uncle" is not a member of the pedigree .*trio\.ped \(members: proband, father, mother\)/);
    expect(stranger.stderr).not.toMatch(/\n\s+at /);
    const noPed = await runCli(['rank', '--hpo', achondroplasiaTerms.join(','), '--vcf', join(dir, 'kid.vcf'), '--member-vcf', `father=${join(dir, 'dad.vcf')}`, '--snapshot', snapshot]);
    expect(noPed.code).toBe(2);
  }, 180_000);

  it('a GA4GH Family line ranks its proband with its pedigree; a diagnose case file takes a typed pedigree', async () => {
    const persons = [
      { familyId: 'F1', individualId: 'proband', paternalId: 'father', maternalId: 'mother', sex: 'MALE', affectedStatus: 'AFFECTED' },
      { familyId: 'F1', individualId: 'father', sex: 'MALE', affectedStatus: 'UNAFFECTED' },
      { familyId: 'F1', individualId: 'mother', sex: 'FEMALE', affectedStatus: 'UNAFFECTED' },
    ];
    const proband = { ...packet('P1'), subject: { id: 'proband', sex: 'MALE' } };
    const familyLine = { id: 'FAM1', proband, pedigree: { persons }, files: [{ uri: 'trio.vcf', fileAttributes: { fileFormat: 'VCF', genomeAssembly: 'GRCh37' } }], metaData: {} };
    const input = join(dir, 'family.jsonl');
    writeFileSync(input, [JSON.stringify(familyLine), JSON.stringify({ ...familyLine, pedigree: { persons: [persons[0], persons[0]] }, id: 'BROKEN' })].join('\n'));
    const out = join(dir, 'family-out.jsonl');
    const r = await runCli(['rank', '--phenopackets', input, '--out', out, '--top', '5', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    const [fam, broken] = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(fam.id).toBe('P1');
    expect(fam.vcf.family.members).toEqual(['proband', 'father', 'mother']);
    expect(fam.genes[0]).toMatchObject({ symbol: 'FGFR3', genotype: { reason: 'heterozygous allele: de novo (absent in both parents)' } });
    // a broken pedigree is the family's problem, named on its line; the batch goes on
    expect(broken).toMatchObject({ id: 'BROKEN', error: expect.stringMatching(/^line 2: invalid family: .*member "proband" is listed twice/) });

    const caseFile = join(dir, 'trio-case.json');
    writeFileSync(caseFile, JSON.stringify({ id: 'trio-case', sex: 'male', hpo: achondroplasiaTerms.slice(0, 4), vcf: { path: 'trio.vcf', assembly: 'GRCh37', sample: 'proband' }, pedigree: { persons } }));
    const d = await runCli(['diagnose', caseFile, '--json', '--snapshot', snapshot]);
    expect(d.code, d.stderr).toBe(0);
    const run = JSON.parse(d.stdout);
    expect(run.result.genes[0]).toMatchObject({ symbol: 'FGFR3', genotype: { reason: 'heterozygous allele: de novo (absent in both parents)' } });
    const bad = join(dir, 'bad-case.json');
    writeFileSync(bad, JSON.stringify({ hpo: achondroplasiaTerms.slice(0, 2), vcf: 'trio.vcf', pedigree: { persons: [{ ...persons[1], individualId: 'x' }, persons[1]] } }));
    const b = await runCli(['diagnose', bad, '--snapshot', snapshot]);
    expect(b.code).not.toBe(0);
    expect(b.stderr).toMatch(/bad-case\.json: field pedigree: /);
    expect(b.stderr).not.toMatch(/\n\s+at /);
  }, 180_000);

  it('the trio example of the README runs as written', async () => {
    const d = await runCli(['diagnose', 'examples/achondroplasia-trio.json', '--json', '--snapshot', snapshot]);
    expect(d.code, d.stderr).toBe(0);
    const run = JSON.parse(d.stdout);
    expect(run.result.vcf.family.members).toEqual(['kid', 'dad', 'mum']);
    expect(run.result.genes[0]).toMatchObject({ symbol: 'FGFR3', genotype: { mode: 'dominant', reason: 'heterozygous allele: de novo (absent in both parents)' } });
    // one CFTR allele from the mother: a carrier, not among the leading genes
    expect(run.result.genes.slice(0, 5).map((g: { symbol: string }) => g.symbol)).not.toContain('CFTR');
  }, 120_000);
});
