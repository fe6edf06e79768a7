/** Sequence Ontology consequence terms, most severe first (Ensembl VEP's order). */
const order = [
  'transcript_ablation',
  'splice_acceptor_variant',
  'splice_donor_variant',
  'stop_gained',
  'frameshift_variant',
  'stop_lost',
  'start_lost',
  'transcript_amplification',
  'feature_elongation',
  'feature_truncation',
  'inframe_insertion',
  'inframe_deletion',
  'missense_variant',
  'protein_altering_variant',
  'splice_donor_5th_base_variant',
  'splice_region_variant',
  'splice_donor_region_variant',
  'splice_polypyrimidine_tract_variant',
  'incomplete_terminal_codon_variant',
  'start_retained_variant',
  'stop_retained_variant',
  'synonymous_variant',
  'coding_sequence_variant',
  'mature_miRNA_variant',
  '5_prime_UTR_variant',
  '3_prime_UTR_variant',
  'non_coding_transcript_exon_variant',
  'intron_variant',
  'NMD_transcript_variant',
  'non_coding_transcript_variant',
  'coding_transcript_variant',
  'upstream_gene_variant',
  'downstream_gene_variant',
  'TFBS_ablation',
  'TFBS_amplification',
  'TF_binding_site_variant',
  'regulatory_region_ablation',
  'regulatory_region_amplification',
  'regulatory_region_variant',
  'intergenic_variant',
];
const rank = new Map(order.map((t, i) => [t, i]));

/** SnpEff names a few consequences differently. */
const aliases: Record<string, string> = {
  exon_loss_variant: 'transcript_ablation',
  start_lost: 'start_lost',
  disruptive_inframe_deletion: 'inframe_deletion',
  disruptive_inframe_insertion: 'inframe_insertion',
  conservative_inframe_deletion: 'inframe_deletion',
  conservative_inframe_insertion: 'inframe_insertion',
  '5_prime_UTR_premature_start_codon_gain_variant': '5_prime_UTR_variant',
  intragenic_variant: 'intron_variant',
};

export function canonicalConsequence(term: string): string {
  return aliases[term] ?? term;
}

/** Severity rank: lower is more severe; unknown terms rank last. */
export function consequenceRank(term: string): number {
  return rank.get(canonicalConsequence(term)) ?? order.length;
}

/** VEP's IMPACT class for a consequence, when the annotation did not give one. */
export function impactOf(term: string): 'HIGH' | 'MODERATE' | 'LOW' | 'MODIFIER' {
  const r = consequenceRank(term);
  if (r <= consequenceRank('transcript_amplification')) return 'HIGH';
  if (r <= consequenceRank('protein_altering_variant')) return 'MODERATE';
  if (r <= consequenceRank('coding_sequence_variant')) return 'LOW';
  return 'MODIFIER';
}
