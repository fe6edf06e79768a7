export type GenomeBuild = 'GRCh37' | 'GRCh38';

/** chr1 length distinguishes the two assemblies unambiguously. */
const chr1Length: Record<number, GenomeBuild> = { 249250621: 'GRCh37', 248956422: 'GRCh38' };

export interface BuildEvidence {
  build: GenomeBuild | undefined;
  /** what the decision rests on, for the user */
  basis: string;
}

/**
 * Detects the genome build from VCF header lines: `##contig` lengths first (exact), then `##reference` /
 * `##assembly` names (hg19, b37, GRCh37, hs37d5 / hg38, GRCh38). Undefined when the header says nothing.
 */
export function detectGenomeBuild(headerLines: readonly string[]): BuildEvidence {
  for (const line of headerLines) {
    if (!line.startsWith('##contig=')) continue;
    const id = /ID=([^,>]+)/.exec(line)?.[1];
    const len = Number(/length=(\d+)/.exec(line)?.[1]);
    if (id && /^(chr)?1$/.test(id) && chr1Length[len]) return { build: chr1Length[len], basis: `##contig ${id} length ${len}` };
  }
  for (const line of headerLines) {
    const m = /^##(reference|assembly|genome|contig)=(.*)$/i.exec(line);
    if (!m) continue;
    const v = m[2]!.toLowerCase();
    if (/(grch38|hg38|hs38|b38)/.test(v)) return { build: 'GRCh38', basis: `##${m[1]} mentions GRCh38` };
    if (/(grch37|hg19|hs37|b37|human_g1k_v37)/.test(v)) return { build: 'GRCh37', basis: `##${m[1]} mentions GRCh37` };
  }
  return { build: undefined, basis: 'no ##contig length or ##reference names the assembly' };
}
