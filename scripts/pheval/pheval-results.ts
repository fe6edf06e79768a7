import type { RankOutputLine } from '../../diagnosis/pipeline/phenopacket-run.js';

/**
 * PhEval's result tables (monarch-initiative/pheval, `post_processing/validate_result_format.py`, release 0.5 and
 * later): what a runner hands to `generate_gene_result` / `generate_variant_result` / `generate_disease_result`. PhEval
 * ranks the rows itself, by score, higher first, and equal scores share the worst rank (polars `rank("max")`; rows with
 * a `grouping_id` count once per group). So the scores written here must be equal exactly where the ranker's scores are
 * equal (a true tie), and different wherever the ranker told two candidates apart: full precision, never rounded.
 */
export const phevalColumns = {
  gene: ['gene_symbol', 'gene_identifier', 'score'],
  variant: ['chrom', 'start', 'end', 'ref', 'alt', 'score', 'grouping_id'],
  disease: ['disease_identifier', 'score', 'disease_name'],
} as const;

export interface PhevalGeneRow {
  gene_symbol: string;
  /** NCBIGene:<id> (PhEval also matches on the symbol; the sources here have no HGNC or Ensembl ids per gene) */
  gene_identifier: string;
  score: number;
}

export interface PhevalVariantRow {
  /** without a "chr" prefix, mitochondrion MT (PhEval strips "chr" from the phenopacket's truth too) */
  chrom: string;
  /** the input VCF's coordinates and alleles (trimmed to the VCF anchor base), as a phenopacket's vcfRecord gives them */
  start: number;
  end: number;
  ref: string;
  alt: string;
  score: number;
  /** the variants a gene's genotype evidence rests on (a compound heterozygote's two alleles) are ranked as one */
  grouping_id: string;
}

export interface PhevalDiseaseRow {
  /** the concept's OMIM entry when it has one (PhEval's recommended namespace, and the phenopackets'), else its best entry */
  disease_identifier: string;
  score: number;
  /** not part of PhEval's schema (extra columns are allowed); for readers of the file */
  disease_name: string;
}

export interface PhevalTables {
  gene: PhevalGeneRow[];
  variant: PhevalVariantRow[];
  disease: PhevalDiseaseRow[];
  /** whether the case had a VCF (a variant table is written only then) */
  hasVariants: boolean;
}

type RankedLine = Extract<RankOutputLine, { diseases: unknown }>;

const log10 = (x: number) => Math.log(x) / Math.LN10;

/**
 * The three tables of one ranked case (a `rank --phenopackets` output line, ranked with exact scores).
 *
 * Gene and disease scores are the ranker's log10 composite scores. A variant's score is its gene's score when the gene's
 * genotype evidence rests on it; another variant of the same gene scores as if it were the gene's only evidence (the
 * gene's score with its genotype LR replaced by the variant's own LR), which never exceeds the gene's score. A variant
 * in several listed genes keeps its best score. Variants that do not qualify as evidence (benign: LR 0) are left out,
 * as a tool's filters leave them out: PhEval counts a causal variant missing from the file as not found.
 */
export function phevalTables(line: RankedLine): PhevalTables {
  const gene = line.genes.map((g) => ({ gene_symbol: g.symbol, gene_identifier: `NCBIGene:${g.ncbiGeneId}`, score: finite(g.score, line.id) }));
  const disease = line.diseases.map((d) => ({ disease_identifier: preferredId(d.id, d.ids), score: finite(d.score, line.id), disease_name: d.label }));
  const variants = new Map<string, PhevalVariantRow>();
  for (const g of line.genes) {
    if (!g.variants || !g.genotype) continue;
    const evidence = new Set(g.genotype.evidence);
    for (const v of g.variants) {
      if (!(v.lr > 0)) continue;
      const inEvidence = evidence.has(v.grch38);
      const score = inEvidence ? g.score : g.score - log10(g.genotype.lr) + log10(v.lr);
      const row = { ...vcfCoordinates(v.input), score: finite(Math.min(score, g.score), line.id), grouping_id: inEvidence ? g.symbol : `${g.symbol}:${v.input}` };
      const seen = variants.get(v.input);
      if (!seen || row.score > seen.score) variants.set(v.input, row);
    }
  }
  // PhEval sorts by score itself; writing the rows best first keeps the files readable and diffable
  const variant = [...variants.values()].sort((a, b) => b.score - a.score);
  return { gene, variant, disease, hasVariants: line.vcf !== undefined };
}

function preferredId(id: string, ids: string[]): string {
  if (id.startsWith('OMIM:')) return id;
  return ids.find((x) => x.startsWith('OMIM:')) ?? id;
}

function finite(score: number, caseId: string): number {
  if (!Number.isFinite(score)) throw new Error(`case ${caseId}: a score of ${score} cannot be written for PhEval`);
  return score;
}

/** `chrom:pos:ref:alt` (the input build, as the variant annotator keys it) → PhEval's chrom/start/end/ref/alt. */
export function vcfCoordinates(key: string): Pick<PhevalVariantRow, 'chrom' | 'start' | 'end' | 'ref' | 'alt'> {
  // a copy-number call (structural-annotation.ts): `chrom:start-end:<DEL>`, its extent as start/end, REF unknown
  const sv = /^([^:]+):(\d+)-(\d+):(<[A-Z]+>)$/.exec(key);
  if (sv) {
    const bare = sv[1]!.replace(/^chr/i, '');
    return { chrom: bare === 'M' ? 'MT' : bare, start: Number(sv[2]), end: Number(sv[3]), ref: 'N', alt: sv[4]! };
  }
  const [chrom, pos, ref, alt] = key.split(':');
  if (!chrom || !pos || !ref || !alt) throw new Error(`not a chrom:pos:ref:alt variant key: ${key}`);
  const bare = chrom.replace(/^chr/i, '');
  const start = Number(pos);
  return { chrom: bare === 'M' ? 'MT' : bare, start, end: start + ref.length - 1, ref, alt };
}
