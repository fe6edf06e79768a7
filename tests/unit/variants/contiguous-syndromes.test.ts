import { describe, expect, it } from 'vitest';
import { BandMap, bandsInName, isContiguousSyndromeName, matchSyndromes, namedSize, normaliseBand, syndromeLR, syndromeRegions, SYNDROME_FULL_LR } from '../../../diagnosis/variants/contiguous-syndromes.js';
import type { StructuralEvent } from '../../../diagnosis/variants/structural-annotation.js';

/*
 * A tiny genome: chromosome 17 with genes placed in bands 17p13.3 (1-2 Mb), 17q11.2 (29-30.5 Mb: three genes, the
 * middle one NF1-like) and 17q12 (36-37 Mb); chromosome 7 with the two genes of a syndrome whose name has no band.
 */
const genes = [
  { id: 1, symbol: 'P1', chrom: '17', start: 1_000_000, end: 2_000_000, band: '17p13.3' },
  { id: 2, symbol: 'A', chrom: '17', start: 29_000_000, end: 29_200_000, band: '17q11.2' },
  { id: 3, symbol: 'NF', chrom: '17', start: 29_400_000, end: 29_700_000, band: '17q11.2' },
  { id: 4, symbol: 'B', chrom: '17', start: 30_300_000, end: 30_500_000, band: '17q11.2' },
  { id: 5, symbol: 'Q12', chrom: '17', start: 36_000_000, end: 37_000_000, band: '17q12' },
  { id: 6, symbol: 'ELNX', chrom: '7', start: 74_000_000, end: 74_050_000, band: '7q11.23' },
  { id: 7, symbol: 'MLX', chrom: '7', start: 73_600_000, end: 73_650_000, band: '7q11.23' },
];
const bands = new BandMap(genes.map((g) => ({ ...g, band: normaliseBand(g.band) })));
const labels = [
  'Chromosome 17q11.2 deletion syndrome, 1.4-mb',
  'Chromosome 17q12 duplication syndrome',
  'Williams-like region deletion syndrome',
  'Marfan-like syndrome',
  'Chromosome 17pter-p13.3 deletion syndrome',
  'Chromosome 9p deletion syndrome',
];
const diseaseGenes = [[3], [5], [6, 7], [3], [], []];
const byId = new Map(genes.map((g) => [g.id, g]));
const table = syndromeRegions(labels, diseaseGenes, bands, (id) => byId.get(id));

const event = (chrom: string, start: number, end: number, change: 'deletion' | 'duplication'): StructuralEvent => ({
  call: { chrom, start, end, change, copyNumber: change === 'deletion' ? 1 : 3, call: { copies: 1, zygosity: 'heterozygous' }, svType: change === 'deletion' ? 'DEL' : 'DUP', source: 'test', line: 1 },
  build: 'GRCh38',
  key: `${chrom}:${start}-${end}`,
  genes: [],
});

describe('contiguous-gene syndromes from the names and genes the sources give', () => {
  it('reads bands, band ranges, arms and sizes from names', () => {
    expect(bandsInName('Chromosome 15q11-q13 duplication syndrome')).toEqual({ chrom: '15', from: { arm: 'q', band: '11' }, to: { arm: 'q', band: '13' } });
    expect(bandsInName('Chromosome 6pter-p24 deletion syndrome')).toMatchObject({ from: { band: 'ter' }, to: { arm: 'p', band: '24' } });
    expect(bandsInName('Xp11.22 microduplication syndrome')).toMatchObject({ chrom: 'X', from: { arm: 'p', band: '11.22' } });
    expect(bandsInName('Chromosome 9P deletion syndrome')).toMatchObject({ chrom: '9', from: { arm: 'p', band: '' } });
    expect(bandsInName('Marfan syndrome')).toBeUndefined();
    expect(namedSize('Chromosome 16p11.2 deletion syndrome, 593-kb')).toBe(593_000);
    expect(namedSize('Chromosome 1q21.1 deletion syndrome, 1.35-mb')).toBe(1_350_000);
    expect(isContiguousSyndromeName('Chromosome 22q11.2 microdeletion syndrome')).toBe(true);
    expect(isContiguousSyndromeName('Marfan syndrome')).toBe(false);
  });

  it('derives regions where the data define one: a band, a band range to the chromosome end, or the span of the genes', () => {
    expect(table.syndromes).toBe(5);
    expect(table.withRegion).toBe(4); // 9p has no gene placed on 9p here
    const r = (d: number) => table.regions.find((x) => x.disease === d);
    expect(r(0)).toMatchObject({ chrom: '17', start: 29_000_000, end: 30_500_000, change: 'deletion', basis: 'cytoband 17q11.2', namedSizeBp: 1_400_000 });
    expect(r(1)).toMatchObject({ start: 36_000_000, end: 37_000_000, change: 'duplication' });
    expect(r(2)).toMatchObject({ chrom: '7', start: 73_600_000, end: 74_050_000, basis: 'genes ELNX, MLX' });
    expect(r(3)).toBeUndefined();
    expect(r(4)).toMatchObject({ start: 1, end: 2_000_000 });
  });

  it('ranks a syndrome by the share of its region (or named size) a call of the same kind covers', () => {
    const typical = matchSyndromes([event('17', 29_050_000, 30_450_000, 'deletion')], () => table.regions);
    expect(typical.get(0)).toMatchObject({ covered: 1, lr: SYNDROME_FULL_LR });
    expect(typical.get(0)!.variant.assessment.tier).toBe('cnv-syndrome-region');
    // a smaller deletion inside the region: a share of the named 1.4 Mb
    const small = matchSyndromes([event('17', 29_400_000, 29_749_999, 'deletion')], () => table.regions).get(0)!;
    expect(small.covered).toBeCloseTo(0.25);
    expect(small.lr).toBeCloseTo(syndromeLR(0.25));
    expect(small.lr).toBeLessThan(typical.get(0)!.lr);
    // a duplication does not make a deletion syndrome, nor a deletion a duplication syndrome
    expect(matchSyndromes([event('17', 29_050_000, 30_450_000, 'duplication')], () => table.regions).has(0)).toBe(false);
    expect(matchSyndromes([event('17', 36_000_000, 37_000_000, 'duplication')], () => table.regions).get(1)).toMatchObject({ covered: 1 });
    // a sliver (< 10 % of the region) is not matched; another chromosome neither
    expect(matchSyndromes([event('17', 29_000_000, 29_100_000, 'deletion')], () => table.regions).has(0)).toBe(false);
    expect(matchSyndromes([event('7', 29_000_000, 30_500_000, 'deletion')], () => table.regions).has(0)).toBe(false);
    expect(matchSyndromes([event('7', 73_700_000, 74_000_000, 'deletion')], () => table.regions).get(2)!.covered).toBeCloseTo(300_001 / 450_001);
  });
});
