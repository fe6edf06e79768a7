import { InputError } from '../../common/input-error.js';
import { readLines } from '../io/line-reader.js';

/** Transcript accession without its version (NM_000546.6 → NM_000546, ENST00000269305.9 → ENST00000269305). */
export const unversioned = (accession: string) => accession.replace(/\.\d+$/, '');

/**
 * Transcript accession → NCBI gene id, so transcript models are placed in genes by accession (exact) before their
 * possibly outdated symbol. Reads the org.Hs export in ../shared/data/genes (`ncbi_gene_id symbol source accession`,
 * RefSeq NM_/NR_/XM_ and GENCODE ENST ids) and NCBI's gene2refseq (`#tax_id GeneID status
 * RNA_nucleotide_accession.version ...`, human rows). Accessions naming two genes are dropped (ambiguous).
 */
export async function parseGeneAccessions(path: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const ambiguous = new Set<string>();
  let idCol = -1;
  let accCol = -1;
  let taxCol = -1;
  for await (const { text, line } of readLines(path)) {
    if (text === '') continue;
    const cells = text.split('\t');
    if (idCol < 0) {
      const names = cells.map((c) => c.replace(/^#/, '').trim());
      idCol = names.findIndex((n) => n === 'ncbi_gene_id' || n === 'GeneID');
      accCol = names.findIndex((n) => n === 'accession' || n === 'RNA_nucleotide_accession.version');
      taxCol = names.indexOf('tax_id');
      if (idCol < 0 || accCol < 0) {
        throw new InputError(path, line, `not a gene accession table: the header needs ncbi_gene_id and accession (or gene2refseq's GeneID and RNA_nucleotide_accession.version); found ${names.join(', ')}`);
      }
      continue;
    }
    if (taxCol >= 0 && cells[taxCol] !== '9606') continue;
    const id = Number(cells[idCol]);
    const acc = cells[accCol]?.trim() ?? '';
    if (!Number.isInteger(id) || id <= 0) throw new InputError(path, line, `"${cells[idCol]}" is not an NCBI gene id`);
    if (acc === '' || acc === '-' || !/^(?:[NX][MR]_|ENST)/.test(acc)) continue;
    const key = unversioned(acc);
    const prev = out.get(key);
    if (prev !== undefined && prev !== id) ambiguous.add(key);
    else out.set(key, id);
  }
  for (const k of ambiguous) out.delete(k);
  return out;
}
