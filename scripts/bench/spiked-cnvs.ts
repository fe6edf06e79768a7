import type { CnvCallRecord } from '../../diagnosis/case-input/cnv-call-file.js';
import type { TranscriptIndex } from '../../diagnosis/variants/transcript-index.js';
import type { CausalStructural } from './spiked-cases.js';
import { seededRandom } from './stats.js';

/** A gene's preferred transcript in GRCh37 (the background exome's assembly), by symbol. */
export interface GeneExtent {
  chrom: string;
  start: number;
  end: number;
}

export function geneExtents(ix: TranscriptIndex): Map<string, GeneExtent> {
  const out = new Map<string, GeneExtent & { preferred: boolean }>();
  for (const [chrom, { from, to }] of ix.chromosomes()) {
    if (!/^(\d+|X|Y)$/.test(chrom)) continue;
    for (let t = from; t < to; t += 1) {
      const symbol = ix.symbols[t]!;
      const held = out.get(symbol);
      const preferred = ix.isPreferred(t);
      if (held && (held.preferred || !preferred)) continue;
      out.set(symbol, { chrom, start: ix.txStart[t]! + 1, end: ix.txEnd[t]!, preferred });
    }
  }
  return out;
}

/** The chromosome lengths the transcripts reach (for placing decoys), autosomes only. */
export function autosomeSpans(ix: TranscriptIndex): { chrom: string; end: number }[] {
  const out: { chrom: string; end: number }[] = [];
  for (const [chrom, { from, to }] of ix.chromosomes()) {
    if (!/^\d+$/.test(chrom)) continue;
    let end = 0;
    for (let t = from; t < to; t += 1) end = Math.max(end, ix.txEnd[t]!);
    out.push({ chrom, end });
  }
  return out.sort((a, b) => Number(a.chrom) - Number(b.chrom));
}

/**
 * The phenopacket's structural variant as a copy-number call on GRCh37, from its gene and the words of its label (the
 * phenopackets give no coordinates): an exon-level change ("DEL Ex 1-5", "exon 3 deletion", "intragenic") as the
 * middle third of the gene's preferred transcript; otherwise the whole gene with 100 kb on each side (a gene or
 * microdeletion: its neighbours are hit too, as they would be). Zygosity from allelicState: homozygous or hemizygous
 * deletions are CN 0, heterozygous CN 1, duplications CN 3. Undefined when the gene has no GRCh37 model or the type is
 * neither a deletion nor a duplication.
 */
export function spikedCnv(sv: CausalStructural, extents: ReadonlyMap<string, GeneExtent>): CnvCallRecord | undefined {
  if (!sv.gene || sv.type === 'other' && !/del|dup/i.test(sv.label)) return undefined;
  const g = extents.get(sv.gene);
  if (!g) return undefined;
  const change = sv.type === 'duplication' || (sv.type === 'other' && /dup/i.test(sv.label) && !/del/i.test(sv.label)) ? 'duplication' : 'deletion';
  const partial = /\bex(on)?s?\b|exon|intragenic|partial|\bex\s*\d/i.test(sv.label);
  const len = g.end - g.start + 1;
  const start = partial ? g.start + Math.floor(len / 3) : Math.max(1, g.start - 100_000);
  const end = partial ? g.start + Math.floor((2 * len) / 3) : g.end + 100_000;
  const biallelic = sv.zygosity === 'homozygous' || sv.zygosity === 'hemizygous';
  const copyNumber = change === 'duplication' ? 3 : biallelic ? 0 : 1;
  return { chrom: g.chrom, start, end, change, copyNumber, assembly: 'GRCh37', source: `spiked:${sv.gene}`, line: 0 };
}

/**
 * Background copy-number calls a healthy genome carries (a handful of rare CNVs over 20 kb per person): `n` calls,
 * sizes log-uniform 20 kb - 1 Mb, two in three deletions (CN 1), the rest duplications (CN 3), placed uniformly on the
 * autosomes; seeded by the case so every arm sees the same.
 */
export function decoyCnvs(seed: number, n: number, spans: readonly { chrom: string; end: number }[]): CnvCallRecord[] {
  const rnd = seededRandom(seed * 2654435761);
  const total = spans.reduce((s, c) => s + c.end, 0);
  const out: CnvCallRecord[] = [];
  for (let i = 0; i < n; i += 1) {
    let at = rnd() * total;
    const c = spans.find((s) => (at -= s.end) < 0) ?? spans[spans.length - 1]!;
    const size = Math.round(20_000 * Math.pow(50, rnd()));
    const start = 1 + Math.floor(rnd() * Math.max(1, c.end - size));
    const deletion = rnd() < 2 / 3;
    out.push({ chrom: c.chrom, start, end: start + size - 1, change: deletion ? 'deletion' : 'duplication', copyNumber: deletion ? 1 : 3, assembly: 'GRCh37', source: 'decoy', line: 0 });
  }
  return out;
}
