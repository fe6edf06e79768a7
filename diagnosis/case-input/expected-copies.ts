import type { GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';

/** The pseudoautosomal regions of X, where a male has two copies (1-based, inclusive). */
const PAR_X: Record<GenomeBuild, [number, number][]> = {
  GRCh37: [[60_001, 2_699_520], [154_931_044, 155_260_560]],
  GRCh38: [[10_001, 2_781_479], [155_701_383, 156_030_895]],
};

/**
 * The copies a chromosome normally has at a position: 2 on autosomes; on X, 2 in a female and 1 in a male outside the
 * pseudoautosomal regions; on Y, 1 in a male (its PARs are read on X) and 0 in a female. An unknown sex is read as two
 * copies of X (a CN 1 there is then a loss: the caution the report's sex field answers).
 */
export function expectedCopies(chrom: string, pos: number, sex: string | undefined, build: GenomeBuild | undefined): number {
  const c = chrom.replace(/^chr/i, '').toUpperCase();
  if (c === 'Y') return sex === 'MALE' ? 1 : sex === 'FEMALE' ? 0 : 1;
  if (c !== 'X' || sex !== 'MALE') return 2;
  const par = PAR_X[build ?? 'GRCh38'].some(([a, b]) => pos >= a && pos <= b);
  return par ? 2 : 1;
}
