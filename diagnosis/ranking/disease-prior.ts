import type { PhenotypeModel } from './phenotype-model.js';

export interface PriorParameters {
  /** exponent on the disease's prevalence: 1 is the prevalence as it is, 0 a uniform prior */
  prevalenceWeight: number;
  /** prevalence per million assumed when the knowledge gives none (most such diseases are known from a few families) */
  unknownPrevalence: number;
  /** weight of ln(1 + ClinVar pathogenic variants in the disease's genes): how often its genes are found mutated */
  geneReportWeight: number;
  /** weight of ln(1 + ClinVar pathogenic variants naming the disease): how often it is diagnosed */
  diseaseReportWeight: number;
}

/**
 * The prior of each disease, before any finding: "common things are common", among rare diseases too. Marfan
 * syndrome (1-5 / 10,000) is met far more often than a look-alike known from one family, and a uniform prior treats
 * them alike. Two signals from the knowledge sources, none from benchmark cases:
 * - the prevalence ClinVar states for the disease (an Orphanet class, matched by name), else a stated default;
 * - how many ClinVar pathogenic / likely pathogenic variants name the disease (laboratories reporting it), and how
 *   many its genes carry (the most of any of them).
 * ln prior = prevalenceWeight · ln(prevalence) + diseaseReportWeight · ln(1 + variants naming it) + geneReportWeight ·
 * ln(1 + variants in its genes), up to a constant (which the calibration absorbs).
 */
export function diseaseLnPrior(m: PhenotypeModel, p: PriorParameters): Float64Array {
  const out = new Float64Array(m.diseaseCount);
  if (p.prevalenceWeight === 0 && p.geneReportWeight === 0 && p.diseaseReportWeight === 0) return out;
  const lnUnknown = Math.log(p.unknownPrevalence);
  for (let d = 0; d < m.diseaseCount; d += 1) {
    const prevalence = m.diseasePrevalence[d]!;
    let most = 0;
    for (const g of m.diseaseGenes[d]!) most = Math.max(most, m.genePathogenicVariants[g] ?? 0);
    out[d] =
      p.prevalenceWeight * (Number.isNaN(prevalence) ? lnUnknown : Math.log(prevalence)) +
      p.diseaseReportWeight * Math.log1p(m.diseaseClinvarReports[d]!) +
      p.geneReportWeight * Math.log1p(most);
  }
  return out;
}
