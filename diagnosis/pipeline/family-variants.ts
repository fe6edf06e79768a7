import type { Pedigree } from '../case-input/pedigree.js';
import { deNovoCounter } from '../family/de-novo-count.js';
import { XHeterozygosity } from '../family/x-heterozygosity.js';
import { matchFamilySamples, type FamilyContext } from '../variants/family-samples.js';
import { loadPatientVariants, type PatientVariants } from '../variants/patient-variants.js';
import type { VariantAnnotator } from '../variants/variant-annotator.js';
import type { VcfReadOptions } from '../variants/vcf-reader.js';
import { InputError } from '../../common/input-error.js';
import { readMemberVcf, type MemberVcf } from '../variants/member-vcf.js';

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
  options: Omit<VcfReadOptions, 'sample' | 'members' | 'memberCalls'>,
  annotator: VariantAnnotator,
  /** relatives sequenced on their own: each one's single-sample VCF (member-vcf.ts); else the VCF is joint-called */
  memberFiles?: readonly { member: string; path: string }[],
): Promise<PatientVariants> {
  const family: FamilyContext = { pedigree, memberIndex: new Map([[pedigree.probandId, 0]]), setAside: [...pedigree.setAside], calls: 0, apparentDeNovo: 0 };
  if (memberFiles && memberFiles.length > 0) return loadSeparateFiles(vcfPath, pedigree, pedSource, options, annotator, memberFiles, family);
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

/**
 * The same for a family whose relatives were sequenced on their own: the proband's VCF streams as usual, and each
 * relative's call at the proband's sites comes from their own file, read first (member-vcf.ts says what an absent
 * record means). Every file must name a pedigree member; pedigree members without a file are set aside as not sequenced.
 */
async function loadSeparateFiles(
  vcfPath: string,
  pedigree: Pedigree,
  pedSource: string,
  options: Omit<VcfReadOptions, 'sample' | 'members' | 'memberCalls'>,
  annotator: VariantAnnotator,
  memberFiles: readonly { member: string; path: string }[],
  family: FamilyContext,
): Promise<PatientVariants> {
  const ids = new Set(pedigree.members.map((m) => m.id));
  const seen = new Set<string>();
  for (const f of memberFiles) {
    if (!ids.has(f.member)) throw new InputError(f.path, undefined, `"${f.member}" is not a member of the pedigree ${pedSource} (members: ${[...ids].join(', ')})`);
    if (f.member === pedigree.probandId) throw new InputError(f.path, undefined, `"${f.member}" is the proband: the proband's calls come from ${vcfPath}`);
    if (seen.has(f.member)) throw new InputError(f.path, undefined, `a second VCF for family member "${f.member}"`);
    seen.add(f.member);
  }
  const files: MemberVcf[] = [];
  for (const f of memberFiles) files.push(await readMemberVcf(f.path, f.member, options.assembly));
  files.forEach((f, i) => family.memberIndex.set(f.member, i + 1));
  for (const m of pedigree.members) {
    if (m.id !== pedigree.probandId && !seen.has(m.id)) family.setAside.push(`${m.source ?? pedSource}: no VCF for "${m.id}": read as not sequenced`);
  }
  const count = deNovoCounter(family);
  let x: XHeterozygosity | undefined;
  const memberCalls = { names: files.map((f) => f.member), at: (chrom: string, pos: number, ref: string, alt: string) => files.map((f) => f.at(chrom, pos, ref, alt)) };
  const variants = await loadPatientVariants(vcfPath, { ...options, sample: undefined, memberCalls }, annotator, (call) => {
    count(call.members);
    (x ??= new XHeterozygosity([...family.memberIndex.keys()])).add(call.chrom, call.pos, call.members);
  });
  for (const f of files) {
    if (f.build && variants.summary.build && f.build !== variants.summary.build) {
      throw new InputError(f.path, undefined, `the VCF of family member "${f.member}" is on ${f.build}, the proband's (${vcfPath}) on ${variants.summary.build}: one build for the family`);
    }
  }
  if (x) family.setAside.push(...x.conflicts(pedigree, pedSource));
  const summary = { ...variants.summary, family: { members: [...family.memberIndex.keys()], calls: family.calls, apparentDeNovo: family.apparentDeNovo, memberFiles: files.map((f) => ({ member: f.member, path: f.path, records: f.records })) } };
  return { ...variants, summary, family };
}
