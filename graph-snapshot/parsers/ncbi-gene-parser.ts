import { openTsv } from '../io/tsv-reader.js';
import { readLines } from '../io/line-reader.js';
import { InputError } from '../../common/input-error.js';

export interface GeneInfo {
  ncbiGeneId: number;
  symbol: string;
  name: string;
  type: string;
  chromosome: string;
  cytoband: string;
  ensemblIds: string[];
  omimIds: string[];
  /** aliases found in the same file (NCBI gene_info "Synonyms" column) */
  aliases: string[];
}

export interface GeneSpan {
  ncbiGeneId: number;
  symbol: string;
  /** chromosome without "chr" */
  chrom: string;
  /** 1-based inclusive */
  start: number;
  end: number;
  strand: string;
}

const listOf = (cell: string | undefined) =>
  (cell ?? '').split('|').map((s) => s.trim()).filter((s) => s !== '' && s !== '-');

function geneId(path: string, line: number, cell: string | undefined): number {
  const m = /^(?:NCBIGene:)?(\d+)$/.exec((cell ?? '').trim());
  if (!m) throw new InputError(path, line, `"${cell}" is not an NCBI gene id`);
  return Number(m[1]);
}

/**
 * Gene table. Accepts NCBI's own `Homo_sapiens.gene_info` (header `#tax_id GeneID Symbol ...`) and the tab-separated
 * export of Bioconductor org.Hs.eg.db shipped in ../shared/data/genes (`ncbi_gene_id symbol name gene_type ...`).
 */
export async function parseGeneInfo(path: string): Promise<GeneInfo[]> {
  const first = await firstLine(path);
  return first.startsWith('#tax_id') ? parseNcbiGeneInfo(path) : parseOrgHsGeneInfo(path);
}

async function firstLine(path: string): Promise<string> {
  for await (const { text } of readLines(path)) return text;
  throw new InputError(path, undefined, 'file is empty');
}

async function parseNcbiGeneInfo(path: string): Promise<GeneInfo[]> {
  const cols = ['GeneID', 'Symbol', 'Synonyms', 'dbXrefs', 'chromosome', 'map_location', 'description', 'type_of_gene'];
  const t = await openTsv(path, { requiredColumns: cols, headerMayStartWithComment: true });
  const [id, sym, syn, xref, chr, band, desc, type] = cols.map((c) => t.column(c)) as number[];
  const genes: GeneInfo[] = [];
  for await (const { cells, line } of t.rows) {
    const xrefs = listOf(cells[xref!]);
    genes.push({
      ncbiGeneId: geneId(path, line, cells[id!]),
      symbol: (cells[sym!] ?? '').trim(),
      name: (cells[desc!] ?? '').trim(),
      type: (cells[type!] ?? '').trim(),
      chromosome: (cells[chr!] ?? '').trim(),
      cytoband: (cells[band!] ?? '').trim(),
      ensemblIds: xrefs.filter((x) => x.startsWith('Ensembl:')).map((x) => x.slice(8)),
      omimIds: xrefs.filter((x) => x.startsWith('MIM:')).map((x) => x.slice(4)),
      aliases: listOf(cells[syn!]),
    });
  }
  return genes;
}

async function parseOrgHsGeneInfo(path: string): Promise<GeneInfo[]> {
  const cols = ['ncbi_gene_id', 'symbol', 'name', 'gene_type', 'chromosome', 'cytoband', 'ensembl_gene_ids', 'omim_ids'];
  const t = await openTsv(path, { requiredColumns: cols });
  const [id, sym, name, type, chr, band, ens, omim] = cols.map((c) => t.column(c)) as number[];
  const genes: GeneInfo[] = [];
  for await (const { cells, line } of t.rows) {
    genes.push({
      ncbiGeneId: geneId(path, line, cells[id!]),
      symbol: (cells[sym!] ?? '').trim(),
      name: (cells[name!] ?? '').trim(),
      type: (cells[type!] ?? '').trim(),
      chromosome: (cells[chr!] ?? '').trim(),
      cytoband: (cells[band!] ?? '').trim(),
      ensemblIds: listOf(cells[ens!]),
      omimIds: listOf(cells[omim!]),
      aliases: [],
    });
  }
  return genes;
}

/** Alias table: `ncbi_gene_id symbol alias` (one alias per row; an alias may name several genes). */
export async function parseGeneAliases(path: string): Promise<Map<number, string[]>> {
  const t = await openTsv(path, { requiredColumns: ['ncbi_gene_id', 'alias'] });
  const id = t.column('ncbi_gene_id');
  const al = t.column('alias');
  const out = new Map<number, string[]>();
  for await (const { cells, line } of t.rows) {
    const gid = geneId(path, line, cells[id]);
    const alias = (cells[al] ?? '').trim();
    if (!alias) continue;
    const list = out.get(gid) ?? [];
    if (!list.includes(alias)) list.push(alias);
    out.set(gid, list);
  }
  return out;
}

/** BED6-like gene spans on GRCh38: chrom start(0-based) end symbol ncbi_gene_id strand. */
export async function parseGeneSpans(path: string): Promise<GeneSpan[]> {
  const spans: GeneSpan[] = [];
  for await (const { text, line } of readLines(path)) {
    if (text === '' || text.startsWith('#') || text.startsWith('track') || text.startsWith('browser')) continue;
    const cells = text.split('\t');
    if (cells.length < 5) throw new InputError(path, line, `expected at least 5 BED columns, found ${cells.length}`);
    const start0 = Number(cells[1]);
    const end = Number(cells[2]);
    if (!Number.isInteger(start0) || !Number.isInteger(end) || end < start0) {
      throw new InputError(path, line, `invalid interval ${cells[1]}-${cells[2]}`);
    }
    spans.push({
      chrom: normaliseChrom(cells[0]!),
      start: start0 + 1,
      end,
      symbol: cells[3]!.trim(),
      ncbiGeneId: geneId(path, line, cells[4]),
      strand: (cells[5] ?? '.').trim() || '.',
    });
  }
  return spans;
}

/** Canonical chromosome names in the snapshot: no "chr" prefix, MT for the mitochondrion. */
export function normaliseChrom(chrom: string): string {
  const c = chrom.trim().replace(/^chr/i, '');
  if (c === 'M' || c === 'm' || c.toUpperCase() === 'MT') return 'MT';
  if (c === 'x') return 'X';
  if (c === 'y') return 'Y';
  return c;
}
