import { resolve } from 'node:path';
import { parsePhenopacketCase } from '../../diagnosis/case-input/phenopacket-input.js';
import type { CaseFindings } from '../../diagnosis/case-input/case-findings.js';
import { readJsonRecords } from '../../diagnosis/io/jsonl-reader.js';
import { normaliseAlleles } from '../../diagnosis/variants/allele-normalisation.js';
import type { AlleleCall } from '../../diagnosis/variants/genotype.js';
import type { Liftover } from '../../graph-snapshot/liftover/liftover.js';
import { normaliseChrom } from '../../graph-snapshot/parsers/ncbi-gene-parser.js';
import { truthOf, type Truth } from './phenopacket-truth.js';

/** A causal small variant of a benchmark case, lifted to GRCh37 (the background exome's assembly). */
export interface SpikedCall {
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
  call: AlleleCall;
}

/** A causal structural variant the phenopacket describes by its type and gene (no coordinates). */
export interface CausalStructural {
  type: 'deletion' | 'duplication' | 'other';
  gene?: string;
  label: string;
  zygosity: string;
}

export interface SpikedCase {
  /** line index in the input file (halves are by line order) */
  index: number;
  cohort: string;
  findings: CaseFindings;
  truth: Truth;
  calls: SpikedCall[];
  structural: CausalStructural[];
  /** causal records with a vcfRecord that cannot be lifted to GRCh37 */
  unliftable: number;
}

interface VariationDescriptor {
  label?: string;
  vcfRecord?: { chrom: string; pos: number | string; ref: string; alt: string };
  allelicState?: { label?: string };
  structuralType?: { label?: string };
  geneContext?: { symbol?: string };
}

interface Wrapper {
  cohort?: string;
  phenopacket?: { interpretations?: { diagnosis?: { genomicInterpretations?: { variantInterpretation?: { variationDescriptor?: VariationDescriptor } }[] } }[] };
}

/** A diploid caller writes 1/1 for a hemizygous X allele in a male, so hemizygous spikes are written as homozygous. */
export const callOf = (zygosity: string): AlleleCall =>
  zygosity === 'homozygous' || zygosity === 'hemizygous' ? { copies: 2, zygosity: 'homozygous' } : { copies: 1, zygosity: 'heterozygous' };

const structuralType = (label: string | undefined, text: string): CausalStructural['type'] => {
  const s = `${label ?? ''} ${text}`.toLowerCase();
  if (/deletion|\bdel\b|del_/.test(s)) return 'deletion';
  if (/duplication|\bdup\b|dup_/.test(s)) return 'duplication';
  return 'other';
};

/**
 * The benchmark's cases: phenotype findings (the truth is read only for scoring), the causal variants of each
 * (GRCh38 vcfRecord and allelicState) lifted to GRCh37, and the structural variants the phenopackets name without
 * coordinates. Halves are by line order (even for fitting, odd held out).
 */
export async function* spikedCases(input: string, down: Liftover, half: 'all' | 'even' | 'odd', limit?: number): AsyncGenerator<SpikedCase> {
  let index = -1;
  let n = 0;
  for await (const rec of readJsonRecords(resolve(input))) {
    index += 1;
    if (half === 'even' && index % 2 !== 0) continue;
    if (half === 'odd' && index % 2 !== 1) continue;
    if (limit !== undefined && n >= limit) break;
    if (!rec.ok) continue;
    const parsed = parsePhenopacketCase(rec.value);
    if (!parsed.ok || parsed.findings.present.length === 0) continue;
    const w = rec.value as Wrapper;
    const calls: SpikedCall[] = [];
    const structural: CausalStructural[] = [];
    let unliftable = 0;
    for (const i of w.phenopacket?.interpretations ?? []) {
      for (const g of i.diagnosis?.genomicInterpretations ?? []) {
        const vd = g.variantInterpretation?.variationDescriptor;
        if (!vd) continue;
        const zygosity = vd.allelicState?.label ?? 'heterozygous';
        const r = vd.vcfRecord;
        if (!r) {
          if (vd.structuralType) structural.push({ type: structuralType(vd.structuralType.label, vd.label ?? ''), gene: vd.geneContext?.symbol, label: vd.label ?? '', zygosity });
          continue;
        }
        const lifted = down.liftVariant(normaliseChrom(r.chrom), Number(r.pos), r.ref.toUpperCase(), r.alt.toUpperCase());
        if (!lifted.ok) {
          unliftable += 1;
          continue;
        }
        // as the VCF reader would write it: shared bases trimmed
        const n = normaliseAlleles(lifted.pos, lifted.ref, lifted.alt);
        calls.push({ chrom: lifted.chrom, pos: n.pos, ref: n.ref, alt: n.alt, call: callOf(zygosity) });
      }
    }
    n += 1;
    yield { index, cohort: w.cohort ?? '', findings: parsed.findings, truth: truthOf((w.phenopacket ?? {}) as never), calls, structural, unliftable };
  }
}
