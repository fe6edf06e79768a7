import { InputError } from '../../common/input-error.js';
import type { Pedigree, PedigreeMember } from '../case-input/pedigree.js';

/** The pedigree's members matched to the VCF's sample columns (PED individual id = VCF sample name). */
export interface FamilySamples {
  /** the proband's sample */
  proband: string;
  /** relatives found in the VCF, in pedigree order */
  relatives: PedigreeMember[];
  /** members of the pedigree that are not in the VCF (read as not sequenced), each with the reason */
  setAside: string[];
}

/**
 * Matches a pedigree to a VCF's samples. The proband must be a sample, and so must at least one relative when the
 * pedigree has any: otherwise the PED ids and the VCF's names do not match at all (a naming mismatch, not a duo), and
 * the run would silently read a trio as a singleton. A relative missing from an otherwise matching VCF (an unsequenced
 * grandparent, a parent who declined) is set aside with a message, and the checks treat their calls as missing.
 */
export function matchFamilySamples(pedigree: Pedigree, samples: readonly string[], files: { vcf: string; ped: string }): FamilySamples {
  const inVcf = new Set(samples);
  const listed = `VCF samples: ${samples.slice(0, 10).join(', ')}${samples.length > 10 ? ', ...' : ''}`;
  if (!inVcf.has(pedigree.probandId)) {
    throw new InputError(files.ped, undefined, `the proband "${pedigree.probandId}" is not a sample of ${files.vcf} (${listed})`);
  }
  const others = pedigree.members.filter((m) => m.id !== pedigree.probandId);
  const relatives = others.filter((m) => inVcf.has(m.id));
  const missing = others.filter((m) => !inVcf.has(m.id));
  if (others.length > 0 && relatives.length === 0) {
    throw new InputError(files.ped, undefined, `none of the proband's relatives (${others.map((m) => m.id).join(', ')}) is a sample of ${files.vcf} (${listed}): PED individual ids must be the VCF's sample names`);
  }
  return {
    proband: pedigree.probandId,
    relatives,
    setAside: missing.map((m) => `${m.source ?? files.ped}: "${m.id}" is not a sample of ${files.vcf}: read as not sequenced`),
  };
}

/**
 * What the inheritance checks need to know about a family read from a multi-sample VCF: the pedigree, where each
 * member's call sits in `VcfCall.members` (the proband at 0), and this trio's own rate of apparent de novo calls (real
 * trios show a few dozen per exome, mostly errors: a de novo call is only as telling as it is rare in this file).
 */
export interface FamilyContext {
  pedigree: Pedigree;
  /** sample name → index into a variant's `members` */
  memberIndex: Map<string, number>;
  /** pedigree members not read, with the reason */
  setAside: string[];
  /** proband ALT alleles read, and how many of them looked de novo (both parents called without it, adequately) */
  calls: number;
  apparentDeNovo: number;
}
