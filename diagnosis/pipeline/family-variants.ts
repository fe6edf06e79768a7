import type { Pedigree } from '../case-input/pedigree.js';
import { deNovoCounter } from '../family/de-novo-count.js';
import { XHeterozygosity } from '../family/x-heterozygosity.js';
import { matchFamilySamples, type FamilyContext } from '../variants/family-samples.js';
import { loadPatientVariants, type PatientVariants } from '../variants/patient-variants.js';
import type { VariantAnnotator } from '../variants/variant-annotator.js';
import type { VcfReadOptions } from '../variants/vcf-reader.js';

/**
 * Reads a multi-sample VCF for a sequenced family: the proband is the pedigree's proband (PED individual id = VCF
 * sample name), the relatives are the pedigree's members found among the samples (matchFamilySamples: what is missing
 * is set aside, or an InputError naming the PED and the VCF when nothing matches), and the trio's own apparent de novo
 * calls are counted as the file streams (and each member's X heterozygosity, against the pedigree's sex), so the genotype check can weigh each de novo candidate against them.
 */
export async function loadFamilyVariants(
  vcfPath: string,
  pedigree: Pedigree,
  pedSource: string,
  options: Omit<VcfReadOptions, 'sample' | 'members'>,
  annotator: VariantAnnotator,
): Promise<PatientVariants> {
  const family: FamilyContext = { pedigree, memberIndex: new Map([[pedigree.probandId, 0]]), setAside: [...pedigree.setAside], calls: 0, apparentDeNovo: 0 };
  const members = (samples: readonly string[]) => {
    const match = matchFamilySamples(pedigree, samples, { vcf: vcfPath, ped: pedSource });
    match.relatives.forEach((m, i) => family.memberIndex.set(m.id, i + 1));
    family.setAside.push(...match.setAside);
    return match.relatives.map((m) => m.id);
  };
  const count = deNovoCounter(family);
  let x: XHeterozygosity | undefined;
  const variants = await loadPatientVariants(vcfPath, { ...options, sample: pedigree.probandId, members }, annotator, (call) => {
    count(call.members);
    (x ??= new XHeterozygosity([...family.memberIndex.keys()])).add(call.chrom, call.pos, call.members);
  });
  if (x) family.setAside.push(...x.conflicts(pedigree, pedSource));
  const summary = { ...variants.summary, family: { members: [...family.memberIndex.keys()], calls: family.calls, apparentDeNovo: family.apparentDeNovo } };
  return { ...variants, summary, family };
}
