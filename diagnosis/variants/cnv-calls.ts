import type { GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import type { CnvCallRecord } from '../case-input/cnv-call-file.js';
import { GeneVariantCollector, type PatientVariants } from './patient-variants.js';
import { copyNumberCall, type StructuralCall } from './structural-call.js';
import { annotateStructural, type StructuralEvent } from './structural-annotation.js';
import type { VariantAnnotator } from './variant-annotator.js';

/** A CNV file's row as a copy-number call (zygosity from its copy number: CN 0 a homozygous deletion). */
export function structuralOfRecord(r: CnvCallRecord): StructuralCall {
  return {
    chrom: r.chrom,
    start: r.start,
    end: r.end,
    change: r.change,
    ...(r.copyNumber !== undefined ? { copyNumber: r.copyNumber } : {}),
    call: copyNumberCall(r.change, r.copyNumber, undefined, false, r.expectedCopies ?? 2),
    svType: r.change === 'deletion' ? 'DEL' : 'DUP',
    source: r.source,
    line: r.line,
  };
}

/**
 * Adds a CNV call file's calls to the patient's variants (a VCF's, or none: then the calls alone, and genes without a
 * call are not lowered, `copyNumberOnly`). The assembly of each row is its own, else `build` (the option, else the
 * VCF's); every gene a call overlaps gets it as a variant (structural-annotation.ts).
 */
export function addCnvCalls(
  base: PatientVariants | undefined,
  calls: readonly CnvCallRecord[],
  annotator: VariantAnnotator,
  build: GenomeBuild,
  source: string,
): PatientVariants {
  const collector = new GeneVariantCollector();
  if (base) {
    for (const [g, list] of base.byGene) {
      collector.byGene.set(g, [...list]);
      collector.countByGene.set(g, base.countByGene?.get(g) ?? list.length);
    }
  }
  const events: StructuralEvent[] = [...(base?.structural ?? [])];
  let inGenes = 0;
  for (const r of calls) {
    const placed = annotateStructural(annotator, structuralOfRecord(r), r.assembly ?? build);
    events.push(placed.event);
    if (placed.placements.length) inGenes += 1;
    for (const p of placed.placements) collector.add(p.gene, p.variant);
  }
  const summary = base?.summary ?? {
    file: source,
    samples: ['proband'],
    sample: 'proband',
    build,
    buildBasis: 'CNV call file',
    annotations: [],
    records: 0,
    passed: 0,
    dropped: {},
    examples: {},
    lifted: 0,
    unlifted: 0,
    unliftedByReason: {},
    unliftedExamples: [],
    inGenes: 0,
  };
  return {
    ...(base ?? {}),
    byGene: collector.byGene,
    countByGene: collector.countByGene,
    summary: { ...summary, structural: (summary.structural ?? 0) + calls.length, inGenes: summary.inGenes + inGenes },
    structural: events,
    copyNumberCalled: true,
    ...(base ? {} : { copyNumberOnly: true }),
  };
}
