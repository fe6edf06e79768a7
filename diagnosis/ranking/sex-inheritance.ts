import type { Sex } from '../case-input/case-findings.js';
import type { DiseaseModes } from './genotype-scores.js';

export interface SexInheritanceParameters {
  /** LR of a disease inherited only X-linked recessively in a female patient (manifesting heterozygotes exist) */
  xRecessiveFemaleLR: number;
  /** LR of a Y-linked disease in a female patient */
  yLinkedFemaleLR: number;
}

/**
 * ln LR of the patient's sex for every disease, from its modes of inheritance: an X-linked recessive disease is seen
 * in females far less often than in males (carriers are mostly unaffected), a Y-linked one almost never. Unknown sex,
 * and every other mode, is no evidence (0).
 */
export function sexInheritanceLnLR(modes: DiseaseModes, sex: Sex | undefined, p: SexInheritanceParameters, out: Float64Array): Float64Array {
  out.fill(0);
  if (sex !== 'FEMALE') return out;
  const bySet = modes.sets.map((set) => {
    if (set.length > 0 && set.every((m) => m === 'x-recessive')) return Math.log(p.xRecessiveFemaleLR);
    if (set.length > 0 && set.every((m) => m === 'y-linked')) return Math.log(p.yLinkedFemaleLR);
    return 0;
  });
  for (let d = 0; d < out.length; d += 1) out[d] = bySet[modes.setOf[d]!]!;
  return out;
}
