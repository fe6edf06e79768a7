import { openTsv } from '../io/tsv-reader.js';
import { InputError } from '../../common/input-error.js';

export interface GeneDiseaseRow {
  ncbiGeneId: number;
  symbol: string;
  /** MENDELIAN, POLYGENIC or UNKNOWN */
  associationType: string;
  diseaseId: string;
  source: string;
  line: number;
}

/** Streams HPO's genes_to_disease.txt (`ncbi_gene_id gene_symbol association_type disease_id source`). */
export async function parseGenesToDisease(path: string): Promise<GeneDiseaseRow[]> {
  const table = await openTsv(path, {
    requiredColumns: ['ncbi_gene_id', 'gene_symbol', 'association_type', 'disease_id'],
    headerMayStartWithComment: true,
    strictColumnCount: false,
  });
  const [g, s, a, d] = ['ncbi_gene_id', 'gene_symbol', 'association_type', 'disease_id'].map((c) => table.column(c)) as [
    number,
    number,
    number,
    number,
  ];
  const src = table.header.findIndex((h) => h.toLowerCase() === 'source');
  const rows: GeneDiseaseRow[] = [];
  for await (const { cells, line } of table.rows) {
    const geneCell = (cells[g] ?? '').trim();
    const m = /^(?:NCBIGene:)?(\d+)$/.exec(geneCell);
    if (!m) throw new InputError(path, line, `ncbi_gene_id "${geneCell}" is not an NCBI gene id`);
    const diseaseId = (cells[d] ?? '').trim();
    if (!/^[A-Za-z]+:\S+$/.test(diseaseId)) throw new InputError(path, line, `disease_id "${diseaseId}" is not a CURIE`);
    rows.push({
      ncbiGeneId: Number(m[1]),
      symbol: (cells[s] ?? '').trim(),
      associationType: (cells[a] ?? '').trim().toUpperCase() || 'UNKNOWN',
      diseaseId,
      source: src >= 0 ? (cells[src] ?? '').trim() : '',
      line,
    });
  }
  return rows;
}
