import type { Candidate, RunView } from './api-schemas.js';

/**
 * What a run's genotype evidence says about one candidate, in words the results page and the report both print. It
 * states what the run did: a run that read a VCF never says that none was attached. Runs stored before runs recorded
 * their VCF are known to have read one when any candidate carries genotype evidence.
 */
export interface GenotypeStatement {
  /** the run read a VCF */
  vcfUsed: boolean;
  /** the candidate has genotype evidence (then `text` is its summary) */
  evidence: boolean;
  text: string;
}

export function genotypeStatement(run: Pick<RunView, 'vcf' | 'candidates'>, c: Candidate): GenotypeStatement {
  const vcfUsed = run.vcf !== undefined || run.candidates.some((x) => x.genotype !== undefined);
  const file = run.vcf ? `${run.vcf.file} (sample ${run.vcf.sample}, ${run.vcf.build}; ${run.vcf.passed.toLocaleString('en')} variants passed the filters)` : 'the case VCF';
  if (c.genotype) {
    const g = c.genotype;
    return { vcfUsed: true, evidence: true, text: `${g.gene}: ${g.reason}; inheritance ${g.mode} ${g.satisfied ? 'fits' : 'does not fit'}; genotype LR ${g.lr.toPrecision(3)}` };
  }
  if (!vcfUsed) return { vcfUsed, evidence: false, text: 'No genotype evidence: this run used the phenotype only (no VCF was attached to the case when it was run).' };
  if (c.genes.length === 0) {
    return { vcfUsed, evidence: false, text: `No genotype evidence: the run read ${file}, but no gene is known for this disease, so its variants say nothing about it.` };
  }
  return {
    vcfUsed,
    evidence: false,
    text: `No genotype evidence: the run read ${file}, but the entry it scored (${c.entryId ?? c.id}) has no gene linked to it in the knowledge snapshot.`,
  };
}
