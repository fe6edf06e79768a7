import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { InputError } from '../../common/input-error.js';

/** Every upstream source the snapshot reads, by role. Patterns are tried in order; the first that exists wins. */
export const sourceRoles = {
  // the ontology: hp.obo, or HPO's OBO Graphs JSON release (hp.json) when there is no hp.obo (parsers/ontology-file.ts)
  hpoObo: { patterns: ['hpo/hp.obo', 'hp.obo', 'hpo/hp*.obo', 'hpo/hp.json', 'hpo/hp.json.gz', 'hp.json', 'hp.json.gz'], required: true },
  hpoAnnotations: { patterns: ['hpo/phenotype.hpoa', 'hpo/phenotype.hpoa.gz', 'phenotype.hpoa', 'hpo/phenotype*.hpoa'], required: true },
  genesToDisease: { patterns: ['hpo/genes_to_disease.txt', 'genes_to_disease.txt', 'hpo/genes_to_disease*.txt'], required: true },
  genesToPhenotype: { patterns: ['hpo/genes_to_phenotype.txt', 'hpo/genes_to_phenotype_links.tsv', 'hpo/genes_to_phenotype*.txt'], required: false },
  mondoOmim: { patterns: ['hpo/mondo_exactmatch_omim.sssom.tsv'], required: true },
  mondoOrphanet: { patterns: ['hpo/mondo_exactmatch_orphanet.sssom.tsv'], required: true },
  mondoDecipher: { patterns: ['hpo/mondo_hasdbxref_decipher.sssom.tsv'], required: false },
  phenoTaggerWords: { patterns: ['hpo/extra/phenotagger_id_word_map.json'], required: false },
  phenoTaggerAltIds: { patterns: ['hpo/extra/phenotagger_alt_hpoid.json'], required: false },
  orphaNames: { patterns: ['orphanet/orpha_active_names_synonyms_*.tsv'], required: true },
  orphaSuccessions: { patterns: ['orphanet/orpha_deprecated_obsoleted_*.tsv'], required: false },
  orphaIcd10: { patterns: ['orphanet/orpha_masterfile_icd10_*.tsv'], required: false },
  orphaIcd11: { patterns: ['orphanet/orpha_masterfile_icd11_*.tsv'], required: false },
  orphaClassifications: { patterns: ['orphanet/classifications_en/*.xml'], required: false, many: true },
  geneInfo: { patterns: ['genes/Homo_sapiens.gene_info', 'genes/Homo_sapiens.gene_info.gz', 'genes/ncbi_gene_info_hs.tsv'], required: true },
  geneAliases: { patterns: ['genes/ncbi_gene_aliases_hs.tsv'], required: false },
  geneSpans: { patterns: ['genes/gene_spans_hg38.bed'], required: true },
  // Transcript models (UCSC genePred tables, GTF, GFF3; the format is read from the content). A GRCh38 file wins over
  // lifting the GRCh37 models; either assembly may be missing.
  transcriptsGrch37: {
    patterns: ['genes/refFlat_hg19*', 'genes/ncbiRefSeq_hg19*', 'genes/refGene_hg19*', 'genes/knownGene_hg19*', 'genes/*GRCh37*.gtf*', 'genes/*GRCh37*.gff3*', 'genes/*GRCh37*.gff*'],
    required: false,
  },
  transcriptsGrch38: {
    patterns: [
      'genes/ncbiRefSeq_hg38*',
      'genes/refGene_hg38*',
      'genes/refFlat_hg38*',
      'genes/knownGene_hg38*',
      'genes/MANE*.gtf*',
      'genes/MANE*.gff*',
      'genes/gencode*.gtf*',
      'genes/gencode*.gff3*',
      'genes/*GRCh38*.gtf*',
      'genes/*GRCh38*.gff3*',
      'genes/*GRCh38*.gff*',
    ],
    required: false,
  },
  geneAccessions: { patterns: ['genes/ncbi_gene_refseq_ucsc_hs.tsv.gz', 'genes/ncbi_gene_refseq_ucsc_hs.tsv', 'genes/gene2refseq.gz', 'genes/gene2refseq'], required: false },
  geneConstraint: { patterns: ['genes/gnomad*constraint*.tsv', 'genes/gnomad*constraint*.tsv.gz', 'genes/gnomad*.lof_metrics.by_gene*', 'genes/gnomad*constraint*.txt*'], required: false },
  clinvarVcf: { patterns: ['clinvar/clinvar.vcf.gz', 'clinvar/clinvar*GRCh38*.vcf.gz', 'clinvar/clinvar*GRCh37*.vcf.gz', 'clinvar/*.vcf.gz'], required: true },
  clinvarHgvs: { patterns: ['clinvar/*GRCh37.tsv.gz', 'clinvar/*.tsv.gz'], required: false },
  chainHg19ToHg38: { patterns: ['liftover/hg19ToHg38.over.chain.gz', 'liftover/hg19ToHg38.over.chain', 'liftover/hg19ToHg38*.chain'], required: true },
  chainHg38ToHg19: { patterns: ['liftover/hg38ToHg19.over.chain.gz', 'liftover/hg38ToHg19.over.chain'], required: false },
} as const satisfies Record<string, { patterns: readonly string[]; required: boolean; many?: boolean }>;

export type SourceRole = keyof typeof sourceRoles;

export interface LocatedSources {
  root: string;
  files: Partial<Record<SourceRole, string[]>>;
}

function matchPattern(root: string, pattern: string): string[] {
  if (!pattern.includes('*')) {
    const p = join(root, pattern);
    return existsSync(p) && statSync(p).isFile() ? [p] : [];
  }
  const dir = join(root, dirname(pattern));
  if (!existsSync(dir)) return [];
  const re = new RegExp(`^${basename(pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return readdirSync(dir)
    .filter((f) => re.test(f))
    .sort()
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile());
}

/** Finds every source file under `root`; a missing required source is an error that names what was looked for. */
export function locateSources(root: string): LocatedSources {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new InputError(root, undefined, 'sources directory not found');
  }
  const files: LocatedSources['files'] = {};
  const missing: string[] = [];
  for (const [role, spec] of Object.entries(sourceRoles) as [SourceRole, (typeof sourceRoles)[SourceRole]][]) {
    let found: string[] = [];
    for (const pattern of spec.patterns) {
      found = matchPattern(root, pattern);
      if (found.length) break;
    }
    if (found.length === 0) {
      if (spec.required) missing.push(`${role} (${spec.patterns.join(' or ')})`);
      continue;
    }
    files[role] = 'many' in spec && spec.many ? found : found.slice(-1);
  }
  if (missing.length) throw new InputError(root, undefined, `missing required source file(s): ${missing.join('; ')}`);
  return { root, files };
}

/**
 * The release a source declares in the MANIFEST.md beside it, when its own header does not say:
 * a "data release:" line in the file's section, else the manifest's "Upstream data dates" line.
 */
export function releaseFromFolderManifest(file: string): string | undefined {
  const manifest = join(dirname(file), 'MANIFEST.md');
  const alt = join(dirname(dirname(file)), 'MANIFEST.md');
  const path = existsSync(manifest) ? manifest : existsSync(alt) ? alt : undefined;
  if (!path) return undefined;
  const text = readFileSync(path, 'utf8');
  const name = basename(file);
  const sections = text.split(/\n(?=## )/);
  const section = sections.find((s) => s.startsWith('## ') && s.split('\n')[0]!.includes(name));
  const line = section && /data release:\s*([^\n]+)/i.exec(section);
  if (line) return line[1]!.trim().replace(/\.$/, '');
  const upstream = /upstream data dates[^:]*:\s*([^\n]+)/i.exec(text);
  if (upstream) return upstream[1]!.trim().replace(/\.$/, '');
  // A file with its own section that declares no release is "undeclared", not guessed from other sections.
  if (section) return undefined;
  const release = /\b(release|nomenclature pack)[^\n]*?\b((?:19|20)\d\d(?:-\d\d)?(?:-\d\d)?)/i.exec(text);
  return release ? `${release[2]} (from MANIFEST.md)` : undefined;
}

export function relativeSourcePath(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}
