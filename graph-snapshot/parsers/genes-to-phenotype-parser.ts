import { InputError } from '../../common/input-error.js';
import { openTsv } from '../io/tsv-reader.js';

export interface GenePhenotypeRow {
  ncbiGeneId: number;
  symbol: string;
  hpoId: string;
  /** the disease the link comes from, when the file says (HPO's genes_to_phenotype.txt since 2023); else undefined */
  diseaseId?: string;
  line: number;
}

/**
 * HPO's gene → phenotype links: the upstream genes_to_phenotype.txt (`ncbi_gene_id gene_symbol hpo_id hpo_name
 * frequency disease_id`) or a table with only the first three columns (`ncbi_gene_id gene_symbol hpo_id ...`, as in
 * ../shared/data/hpo). HPO derives them from its disease annotations and gene–disease links, so they carry
 * gene–disease knowledge newer than genes_to_disease.txt when the two releases differ (infer-gene-links.ts).
 */
export async function parseGenesToPhenotype(path: string): Promise<GenePhenotypeRow[]> {
  const t = await openTsv(path, { requiredColumns: ['ncbi_gene_id', 'gene_symbol', 'hpo_id'], headerMayStartWithComment: true, strictColumnCount: false });
  const [g, s, h] = ['ncbi_gene_id', 'gene_symbol', 'hpo_id'].map((c) => t.column(c)) as [number, number, number];
  const d = t.header.findIndex((x) => x.toLowerCase() === 'disease_id');
  const rows: GenePhenotypeRow[] = [];
  for await (const { cells, line } of t.rows) {
    const m = /^(?:NCBIGene:)?(\d+)$/.exec((cells[g] ?? '').trim());
    if (!m) throw new InputError(path, line, `ncbi_gene_id "${cells[g]}" is not an NCBI gene id`);
    const hpoId = (cells[h] ?? '').trim();
    if (!/^HP:\d{7}$/.test(hpoId)) throw new InputError(path, line, `hpo_id "${hpoId}" is not an HPO id`);
    const diseaseId = d >= 0 ? (cells[d] ?? '').trim() || undefined : undefined;
    rows.push({ ncbiGeneId: Number(m[1]), symbol: (cells[s] ?? '').trim(), hpoId, diseaseId, line });
  }
  return rows;
}
