import type { ListedVariant } from '../case-input/listed-variant.js';
import type { CandidateVariant } from '../intake/variant-mentions.js';

/**
 * The genetic results a narrative names ("FBN1 sequencing identified a heterozygous pathogenic variant, c.4082G>A";
 * intake/variant-mentions.ts, which leaves out plans and negative results) as candidate variants for a case that has
 * neither a VCF nor a lab's list. Each is placed by its gene (no coordinates in a letter, so no ClinVar match); the
 * class, zygosity and inheritance the sentence states weigh as a lab list's would (listed-variants.ts). Unlike a
 * lab's list this is not a closed shortlist of an exome — a letter names what it mentions — so a gene it does not
 * name is not lowered (PatientVariants.named). A mention without a gene (a "16p11.2 deletion" without coordinates) is
 * set aside with its words.
 */
export function narrativeVariants(mentions: readonly CandidateVariant[]): { variants: ListedVariant[]; setAside: string[] } {
  const variants: ListedVariant[] = [];
  const setAside: string[] = [];
  for (const m of mentions) {
    const source = `narrative "${m.text.length > 60 ? `${m.text.slice(0, 57)}...` : m.text}" @${m.start}`;
    if (!m.gene) {
      setAside.push(`${source}: no gene named, and no coordinates: not weighed`);
      continue;
    }
    variants.push({
      gene: m.gene,
      ...(m.hgvs.transcript ? { transcript: m.hgvs.transcript } : {}),
      ...(m.hgvs.c ? { hgvsC: m.hgvs.c } : {}),
      ...(m.hgvs.p ? { hgvsP: m.hgvs.p } : {}),
      ...(m.zygosity ? { zygosity: m.zygosity } : {}),
      // "inherited" without the parent says nothing a trio check can use
      ...(m.inheritance && m.inheritance !== 'inherited' ? { inheritance: m.inheritance } : {}),
      ...(m.classification ? { acmg: m.classification } : {}),
      source,
    });
  }
  return { variants, setAside };
}
