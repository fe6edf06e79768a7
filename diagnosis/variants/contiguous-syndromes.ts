import { cnvLR } from './cnv-pathogenicity.js';
import { tierLR } from './variant-pathogenicity.js';
import type { CopyNumberChange } from './structural-call.js';
import { structuralKey, type StructuralEvent } from './structural-annotation.js';
import { structuralLength } from './structural-call.js';
import type { AnnotatedVariant } from './variant-annotator.js';

/**
 * Contiguous-gene syndromes and their critical regions, from what the knowledge sources define. No source here gives
 * a region's coordinates (no ClinGen regions, no DECIPHER coordinates; Orphanet gene associations are absent and
 * genes_to_disease names one or two genes of a handful of them), so a region is derived where the data allow:
 *
 * 1. the disease's name carries a cytoband (OMIM's "Chromosome 17q11.2 deletion syndrome, 1.4-mb", "Chromosome
 *    15q11-q13 duplication syndrome", "Chromosome 6pter-p24 deletion syndrome"): the region is the extent of the
 *    genes NCBI places in that band (or band range; pter / qter: the chromosome's end), on the transcript models of
 *    the call's own assembly; a band is as coarse as the data, so a size in the name ("1.4-mb") bounds what a call
 *    must cover;
 * 2. else, a name that says deletion or duplication and two or more associated genes on one chromosome within 10 Mb:
 *    the span of those genes.
 *
 * Which names are such syndromes: "deletion", "duplication", "microdeletion", "microduplication", "triplication",
 * "monosomy" or "contiguous gene" in the name. What share got a region is reported by `syndromeRegions` (README).
 */
export interface SyndromeRegion {
  disease: number;
  label: string;
  change: CopyNumberChange;
  chrom: string;
  /** 1-based inclusive, in the assembly the regions were derived for */
  start: number;
  end: number;
  /** what the region rests on: "cytoband 17q11.2 (41 genes)", "genes ELN, MLXIPL" */
  basis: string;
  /** a size the name states ("1.4-mb"): a call covering that much of the region covers the syndrome's extent */
  namedSizeBp?: number;
}

export interface SyndromeMatch {
  region: SyndromeRegion;
  /** the call (StructuralEvent.key) and how much of the region (or of its named size) it covers, 0..1 */
  key: string;
  covered: number;
  lr: number;
  /** the call as the evidence of this syndrome (tier cnv-syndrome-region) */
  variant: AnnotatedVariant;
}

const SYNDROME_NAME = /\b(?:micro)?(?:deletion|duplication|triplication)s?\b|\bmonosomy\b|\bcontiguous gene\b/i;
const BAND = /(?:^|[\s(])(?:chromosome\s+)?(\d{1,2}|x|y)([pq])(ter|\d{1,2}(?:\.\d{1,3})?)?(?:\s*-\s*(?:\d{1,2}|x|y)?([pq])(ter|\d{1,2}(?:\.\d{1,3})?)?)?(?=[\s,;:)]|$)/i;

export const isContiguousSyndromeName = (label: string) => SYNDROME_NAME.test(label);

/** The band range a syndrome's name gives: chromosome, first and last band (`ter` for an end; '' for a whole arm). */
export function bandsInName(label: string): { chrom: string; from: { arm: string; band: string }; to: { arm: string; band: string } } | undefined {
  const m = BAND.exec(label);
  if (!m) return undefined;
  const chrom = m[1]!.toUpperCase();
  const from = { arm: m[2]!.toLowerCase(), band: (m[3] ?? '').toLowerCase() };
  const to = m[4] ? { arm: m[4].toLowerCase(), band: (m[5] ?? '').toLowerCase() } : from;
  return { chrom, from, to };
}

export function namedSize(label: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*-?\s*(kb|mb)\b/i.exec(label);
  if (!m) return undefined;
  return Number(m[1]) * (m[2]!.toLowerCase() === 'mb' ? 1e6 : 1e3);
}

/** A gene's extent in one assembly, and its NCBI band (`17q11.2`; a range such as `11q13.1-q13.2` read by its first band). */
export interface PlacedGene {
  chrom: string;
  start: number;
  end: number;
  band: string;
}

/** Genes by chromosome, so a band lookup scans one chromosome. */
export class BandMap {
  private readonly byChrom = new Map<string, PlacedGene[]>();
  private readonly chromEnd = new Map<string, number>();

  constructor(genes: Iterable<PlacedGene>) {
    for (const g of genes) {
      (this.byChrom.get(g.chrom) ?? this.byChrom.set(g.chrom, []).get(g.chrom)!).push(g);
      this.chromEnd.set(g.chrom, Math.max(this.chromEnd.get(g.chrom) ?? 0, g.end));
    }
  }

  /** Extent of the genes in band `arm+band` of `chrom` (a prefix: 22q11.2 holds 22q11.21 ... 22q11.23), with their count. */
  extent(chrom: string, arm: string, band: string): { start: number; end: number; genes: number } | undefined {
    const prefix = `${chrom.toLowerCase()}${arm}${band}`;
    let start = Infinity;
    let end = 0;
    let genes = 0;
    for (const g of this.byChrom.get(chrom) ?? []) {
      if (!g.band.startsWith(prefix)) continue;
      // 1p3 holds 1p31 .. 1p36, but 1p36.1 does not hold 1p36.2; a prefix ending in a digit continues only with a digit or '.'
      start = Math.min(start, g.start);
      end = Math.max(end, g.end);
      genes += 1;
    }
    return genes ? { start, end, genes } : undefined;
  }

  end(chrom: string): number {
    return this.chromEnd.get(chrom) ?? 0;
  }
}

/** The NCBI band, normalised for prefix matching: `17q11.2`, `xq28` → lower case, the first band of a range. */
export const normaliseBand = (band: string) => band.trim().toLowerCase().split(/[\s-]/)[0]!.replace(/^chr/, '');

export interface SyndromeRegionTable {
  regions: SyndromeRegion[];
  /** diseases whose name makes them a contiguous-gene syndrome, and how many of them got a region */
  syndromes: number;
  withRegion: number;
}

/**
 * The critical regions of the ranker's contiguous-gene syndromes in one assembly. `diseaseGenes` are the NCBI ids of
 * each disease's genes; `geneExtent` places a gene in this assembly.
 */
export function syndromeRegions(
  labels: readonly string[],
  diseaseGenes: readonly (readonly number[])[],
  bands: BandMap,
  geneExtent: (ncbiId: number) => { chrom: string; start: number; end: number; symbol: string } | undefined,
): SyndromeRegionTable {
  const regions: SyndromeRegion[] = [];
  let syndromes = 0;
  labels.forEach((label, d) => {
    if (!isContiguousSyndromeName(label)) return;
    syndromes += 1;
    const change: CopyNumberChange = /duplication|triplication/i.test(label) ? 'duplication' : 'deletion';
    const size = namedSize(label);
    const named = bandsInName(label);
    if (named) {
      const { chrom, from, to } = named;
      const a = from.band === 'ter' ? { start: 1, end: 1, genes: 0 } : bands.extent(chrom, from.arm, from.band);
      const b = to.band === 'ter' ? { start: bands.end(chrom), end: bands.end(chrom), genes: 0 } : bands.extent(chrom, to.arm, to.band);
      if (a && b && (a.genes > 0 || b.genes > 0)) {
        const start = Math.min(a.start, b.start);
        const end = Math.max(a.end, b.end);
        const text = from === to ? `${chrom}${from.arm}${from.band}` : `${chrom}${from.arm}${from.band}-${to.arm}${to.band}`;
        regions.push({ disease: d, label, change, chrom, start, end, basis: `cytoband ${text.toLowerCase().replace(/^x|^y/, (c) => c.toUpperCase())}`, ...(size ? { namedSizeBp: size } : {}) });
        return;
      }
    }
    const placed = diseaseGenes[d]!.map(geneExtent).filter((g): g is NonNullable<typeof g> => g !== undefined);
    if (placed.length >= 2 && placed.every((g) => g.chrom === placed[0]!.chrom)) {
      const start = Math.min(...placed.map((g) => g.start));
      const end = Math.max(...placed.map((g) => g.end));
      if (end - start <= 10e6) {
        regions.push({ disease: d, label, change, chrom: placed[0]!.chrom, start, end, basis: `genes ${placed.map((g) => g.symbol).sort().join(', ')}`, ...(size ? { namedSizeBp: size } : {}) });
      }
    }
  });
  return { regions, syndromes, withRegion: regions.length };
}

/**
 * LR of a call covering a share `covered` of a syndrome's critical region: (null allele × LoF-intolerant factor) to
 * the power `covered`: a call over the whole region is as strong as a null allele of a haploinsufficient gene
 * (92 × 3.2 ≈ 294), half of it ≈ 17, a tenth ≈ 1.8; below a tenth it is not matched.
 */
export const SYNDROME_FULL_LR = cnvLR.nullAllele * tierLR.lofIntolerantFactor;
export const SYNDROME_MIN_COVERED = 0.1;
export const syndromeLR = (covered: number) => Math.pow(SYNDROME_FULL_LR, Math.min(1, covered));

/**
 * A copy-number call set over the genome was read and no call touches a syndrome's region: the syndrome is less
 * likely, not excluded (a call set misses events; an atypical deletion may lie beside the band as the genes place it).
 * Like a gene without a qualifying variant in an exome (genotype-likelihood.ts: 0.05), but milder: 0.2.
 */
export const SYNDROME_NOT_CALLED_LR = 0.2;

/** Overlap of a 1-based inclusive call and region. */
const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0) + 1);

/** Each syndrome whose region a call of the same kind overlaps enough, by disease, with the best call for it. */
export function matchSyndromes(events: readonly StructuralEvent[], regionsByBuild: (build: StructuralEvent['build']) => readonly SyndromeRegion[]): Map<number, SyndromeMatch> {
  const out = new Map<number, SyndromeMatch>();
  for (const e of events) {
    const c = e.call;
    for (const r of regionsByBuild(e.build)) {
      if (r.chrom !== c.chrom || r.change !== c.change) continue;
      const hit = overlap(c.start, c.end, r.start, r.end);
      if (hit === 0) continue;
      const extent = r.end - r.start + 1;
      const needed = r.namedSizeBp !== undefined ? Math.min(extent, r.namedSizeBp) : extent;
      const covered = Math.min(1, hit / needed);
      if (covered < SYNDROME_MIN_COVERED) continue;
      const lr = syndromeLR(covered);
      const held = out.get(r.disease);
      if (held && held.lr >= lr) continue;
      const pct = `${Math.round(100 * covered)} %`;
      const variant: AnnotatedVariant = {
        key: e.key,
        inputKey: structuralKey(c.chrom, c.start, c.end, c.change),
        inputBuild: e.build,
        call: c.call,
        assessment: {
          tier: 'cnv-syndrome-region',
          lr,
          dominantFactor: 1,
          reasons: [`${c.change} covers ${pct} of the critical region of ${r.label} (${r.basis}${r.namedSizeBp ? `, named size ${(r.namedSizeBp / 1e6).toFixed(2)} Mb` : ''})`],
        },
        line: c.line,
        structural: {
          change: c.change,
          chrom: c.chrom,
          start: c.start,
          end: c.end,
          ...(e.grch38 ? { grch38: e.grch38 } : {}),
          ...(c.copyNumber !== undefined ? { copyNumber: c.copyNumber } : {}),
          svType: c.svType,
          lengthBp: structuralLength(c),
          genes: e.genes.length,
          region: { label: r.label, basis: r.basis, covered },
        },
      };
      out.set(r.disease, { region: r, key: e.key, covered, lr, variant });
    }
  }
  return out;
}
