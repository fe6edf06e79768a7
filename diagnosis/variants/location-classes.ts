/**
 * Where a variant lies on a transcript, as far as it can be told without the reference sequence: the location and,
 * for indels in the coding sequence, whether the reading frame shifts. Whether a coding substitution changes the
 * amino acid (missense, synonymous, stop gained) needs the reference codon, so it stays "coding, effect unknown"
 * unless a VEP/SnpEff annotation in the VCF says more.
 */
export type LocationClass =
  | 'splice-acceptor'
  | 'splice-donor'
  | 'frameshift'
  | 'stop-codon'
  | 'start-lost'
  | 'inframe-deletion'
  | 'inframe-insertion'
  | 'coding'
  | 'splice-region'
  | '5-utr'
  | '3-utr'
  | 'noncoding-exon'
  | 'intron'
  | 'upstream'
  | 'downstream'
  | 'intergenic';

/**
 * Most severe first, after Ensembl VEP's order. "coding" (a substitution of unknown effect) comes before the splice
 * region: most such changes in the patients' genes are missense, which VEP ranks above splice_region_variant.
 */
export const LOCATION_ORDER: readonly LocationClass[] = [
  'splice-acceptor',
  'splice-donor',
  'frameshift',
  'stop-codon',
  'start-lost',
  'inframe-deletion',
  'inframe-insertion',
  'coding',
  'splice-region',
  '5-utr',
  '3-utr',
  'noncoding-exon',
  'intron',
  'upstream',
  'downstream',
  'intergenic',
];

const severity = new Map(LOCATION_ORDER.map((c, i) => [c, i]));

/** Lower is more severe. */
export const locationSeverity = (c: LocationClass): number => severity.get(c)!;

/** The Sequence Ontology term shown for each class (the names VEP and SnpEff use). */
export const SO_TERM: Readonly<Record<LocationClass, string>> = {
  'splice-acceptor': 'splice_acceptor_variant',
  'splice-donor': 'splice_donor_variant',
  frameshift: 'frameshift_variant',
  // a substitution in the stop codon loses it unless it happens to give another stop (2 of 9 changes of TAA): shown
  // as stop_lost, and the tier says it is inferred
  'stop-codon': 'stop_lost',
  'start-lost': 'start_lost',
  'inframe-deletion': 'inframe_deletion',
  'inframe-insertion': 'inframe_insertion',
  coding: 'coding_sequence_variant',
  'splice-region': 'splice_region_variant',
  '5-utr': '5_prime_UTR_variant',
  '3-utr': '3_prime_UTR_variant',
  'noncoding-exon': 'non_coding_transcript_exon_variant',
  intron: 'intron_variant',
  upstream: 'upstream_gene_variant',
  downstream: 'downstream_gene_variant',
  intergenic: 'intergenic_variant',
};

/** The groups the pathogenicity tiers use (variant-pathogenicity.ts). */
export type LocationGroup = 'loss-of-function' | 'coding' | 'splice-region' | 'non-coding';

export function locationGroup(c: LocationClass): LocationGroup {
  switch (c) {
    case 'splice-acceptor':
    case 'splice-donor':
    case 'frameshift':
    case 'stop-codon':
    case 'start-lost':
      return 'loss-of-function';
    case 'inframe-deletion':
    case 'inframe-insertion':
    case 'coding':
      return 'coding';
    case 'splice-region':
      return 'splice-region';
    default:
      return 'non-coding';
  }
}

/** Distance beyond a transcript's ends that still counts as up- or downstream of it (VEP's default). */
export const FLANK_BP = 5000;
/** Canonical splice site: intron positions +1/+2 (donor) and −1/−2 (acceptor). */
export const CANONICAL_SPLICE_BP = 2;
/** Splice region: intron positions 3-8 from either end, and the exon's last / first 3 bases next to an intron. */
export const SPLICE_REGION_INTRON_BP = 8;
export const SPLICE_REGION_EXON_BP = 3;
