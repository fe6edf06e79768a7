import { buildPedigree, type AffectedStatus, type PedigreeMember } from '../../../diagnosis/case-input/pedigree.js';
import type { Sex } from '../../../diagnosis/case-input/case-findings.js';
import type { FamilyContext } from '../../../diagnosis/variants/family-samples.js';
import type { MemberGenotype } from '../../../diagnosis/variants/member-genotypes.js';
import type { AnnotatedVariant } from '../../../diagnosis/variants/variant-annotator.js';

/** Hand-written families: a member line is `id sex affected [father mother]`, e.g. `kid M A dad mum`. */
export function family(lines: string[], options: { consanguineous?: boolean; calls?: number; apparentDeNovo?: number } = {}): FamilyContext {
  const members: PedigreeMember[] = lines.map((l) => {
    const [id, sex, affected, father, mother] = l.split(' ') as [string, string, string, string?, string?];
    const m: PedigreeMember = {
      id,
      familyId: 'F1',
      sex: ({ M: 'MALE', F: 'FEMALE' } as Record<string, Sex>)[sex] ?? 'UNKNOWN_SEX',
      affected: ({ A: 'affected', U: 'unaffected' } as Record<string, AffectedStatus>)[affected] ?? 'unknown',
    };
    if (father && father !== '0') m.fatherId = father;
    if (mother && mother !== '0') m.motherId = mother;
    return m;
  });
  const pedigree = buildPedigree(members, { probandId: members[0]!.id, consanguineous: options.consanguineous });
  return {
    pedigree,
    memberIndex: new Map(members.map((m, i) => [m.id, i])),
    setAside: [],
    calls: options.calls ?? 40_000,
    apparentDeNovo: options.apparentDeNovo ?? 30,
  };
}

/** A trio: proband (sex given), unaffected father and mother. */
export const trio = (sex: 'M' | 'F' = 'F', options: Parameters<typeof family>[1] = {}) =>
  family([`kid ${sex} A dad mum`, 'dad M U', 'mum F U'], options);

/** A member's call as written in a VCF: "0/1", "0/0:30:99" (GT:DP:GQ), "./." */
export function g(text: string, sample = ''): MemberGenotype {
  const [gt, dp, gq] = text.split(':') as [string, string?, string?];
  const alleles = gt.split(/[/|]/).map((a) => (a === '.' ? null : Number(a)));
  const out: MemberGenotype = { sample, gt, copies: alleles.every((a) => a === null) ? null : alleles.filter((a) => a === 1).length, ploidy: alleles.length };
  if (gt.includes('|') && out.copies === 1) out.haplotype = alleles.indexOf(1);
  if (dp !== undefined) out.dp = Number(dp);
  if (gq !== undefined) out.gq = Number(gq);
  return out;
}

/** A proband variant with every member's call, in the order of the family's lines (the proband first). */
export function variant(key: string, calls: string[], lr = 200): AnnotatedVariant {
  const members = calls.map((c) => g(c));
  const p = members[0]!;
  const copies = p.copies ?? 1;
  return {
    key,
    inputKey: key,
    inputBuild: 'GRCh38',
    call: { copies, zygosity: p.ploidy === 1 ? 'hemizygous' : copies >= 2 ? 'homozygous' : 'heterozygous', ...(p.haplotype !== undefined ? { haplotype: p.haplotype } : {}) },
    members,
    assessment: { tier: 'clinvar-pathogenic', lr, dominantFactor: 1, reasons: [] },
    line: 1,
  };
}
