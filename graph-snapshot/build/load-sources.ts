import { SkipLog } from '../io/skip-log.js';
import { parseChainFile, type ChainFile } from '../liftover/chain-parser.js';
import { parseClinVarHgvsTsv, parseClinVarVcf, type ClinVarDocument, type ClinVarHgvs } from '../parsers/clinvar-parser.js';
import { parseGenesToDisease, type GeneDiseaseRow } from '../parsers/genes-to-disease-parser.js';
import { parseGenesToPhenotype, type GenePhenotypeRow } from '../parsers/genes-to-phenotype-parser.js';
import { parseHpoa, type HpoaDocument } from '../parsers/hpoa-parser.js';
import { parseGeneAliases, parseGeneInfo, parseGeneSpans, type GeneInfo, type GeneSpan } from '../parsers/ncbi-gene-parser.js';
import type { OboDocument } from '../parsers/obo-parser.js';
import { parseOntologyFile } from '../parsers/ontology-file.js';
import { parseOrphaClassification, type OrphaClassification } from '../parsers/orphanet-classification-parser.js';
import {
  parseOrphaIcd,
  parseOrphaNames,
  parseOrphaSuccessions,
  type OrphaEntry,
  type OrphaSuccession,
} from '../parsers/orphanet-nomenclature-parser.js';
import { parseGeneAccessions } from '../parsers/gene-accession-parser.js';
import { parseGeneConstraint, type GeneConstraint } from '../parsers/gene-constraint-parser.js';
import { parseTranscriptFile, type TranscriptDocument } from '../parsers/transcript-file.js';
import { parsePhenoTaggerAltIds, parsePhenoTaggerWordMap } from '../parsers/phenotagger-parser.js';
import { parseSssom, type SssomDocument } from '../parsers/sssom-parser.js';
import type { StepProgress } from './progress.js';
import type { LocatedSources, SourceRole } from './source-catalogue.js';

export interface RawSources {
  obo: OboDocument;
  hpoa: HpoaDocument;
  genesToDisease: GeneDiseaseRow[];
  /** HPO's gene → phenotype links (empty when the file is absent) */
  genesToPhenotype: GenePhenotypeRow[];
  mondo: SssomDocument[];
  phenoTaggerWords?: Record<string, string[]>;
  phenoTaggerAltIds?: Record<string, string>;
  orphaNames: Map<string, OrphaEntry>;
  orphaSuccessions: OrphaSuccession[];
  orphaIcd10: Map<string, string[]>;
  orphaIcd11: Map<string, string[]>;
  orphaClassifications: OrphaClassification[];
  genes: GeneInfo[];
  geneAliases: Map<number, string[]>;
  geneSpans: GeneSpan[];
  clinvar: ClinVarDocument;
  clinvarHgvs: Map<string, ClinVarHgvs>;
  chain37to38: ChainFile;
  /** GRCh38 → GRCh37, when a GRCh38 transcript file is given without a GRCh37 one (its models are lifted down) */
  chain38to37?: ChainFile;
  transcripts: { GRCh37?: TranscriptDocument; GRCh38?: TranscriptDocument };
  geneAccessions: Map<string, number>;
  geneConstraint: GeneConstraint[];
  /** release declared inside a file's own header, by absolute path */
  declaredReleases: Map<string, string>;
}

/** Parses every located source. Each parser streams its file; results are small enough to hold in memory. */
export async function loadSources(located: LocatedSources, progress: StepProgress, skips: SkipLog): Promise<RawSources> {
  const one = (role: SourceRole) => located.files[role]?.[0];
  const all = (role: SourceRole) => located.files[role] ?? [];
  const declared = new Map<string, string>();

  const obo = await progress.run('ontology', () => parseOntologyFile(one('hpoObo')!));
  if (obo.dataVersion) declared.set(one('hpoObo')!, obo.dataVersion);

  const hpoa = await progress.run('annotations', () => parseHpoa(one('hpoAnnotations')!, skips));
  if (hpoa.version) declared.set(one('hpoAnnotations')!, hpoa.version);
  const genesToDisease = await progress.run('annotations', () => parseGenesToDisease(one('genesToDisease')!));
  const genesToPhenotype = one('genesToPhenotype') ? await progress.run('annotations', () => parseGenesToPhenotype(one('genesToPhenotype')!)) : [];

  const mondo = await progress.run('mappings', async () => {
    const docs: SssomDocument[] = [];
    for (const role of ['mondoOmim', 'mondoOrphanet', 'mondoDecipher'] as const) {
      const f = one(role);
      if (!f) continue;
      const doc = await parseSssom(f);
      if (doc.version) declared.set(f, doc.version);
      docs.push(doc);
    }
    return docs;
  });

  const phenoTaggerWords = one('phenoTaggerWords') ? await parsePhenoTaggerWordMap(one('phenoTaggerWords')!) : undefined;
  const phenoTaggerAltIds = one('phenoTaggerAltIds') ? await parsePhenoTaggerAltIds(one('phenoTaggerAltIds')!) : undefined;

  const orpha = await progress.run('orphanet', async (report) => {
    const names = await parseOrphaNames(one('orphaNames')!);
    const successions = one('orphaSuccessions') ? await parseOrphaSuccessions(one('orphaSuccessions')!) : [];
    const icd10 = one('orphaIcd10') ? await parseOrphaIcd(one('orphaIcd10')!, 'ICDcodes') : new Map<string, string[]>();
    const icd11 = one('orphaIcd11') ? await parseOrphaIcd(one('orphaIcd11')!, 'ICD-11 MMS codes') : new Map<string, string[]>();
    const classifications: OrphaClassification[] = [];
    const files = all('orphaClassifications');
    for (const [i, f] of files.entries()) {
      const c = await parseOrphaClassification(f);
      if (c.extractionDate) declared.set(f, c.extractionDate);
      classifications.push(c);
      report((i + 1) / files.length);
    }
    return { names, successions, icd10, icd11, classifications };
  });

  const genes = await progress.run('genes', async () => ({
    info: await parseGeneInfo(one('geneInfo')!),
    aliases: one('geneAliases') ? await parseGeneAliases(one('geneAliases')!) : new Map<number, string[]>(),
    spans: await parseGeneSpans(one('geneSpans')!),
  }));

  const clinvar = await progress.run('clinvar', () => parseClinVarVcf(one('clinvarVcf')!, skips));
  if (clinvar.release) declared.set(one('clinvarVcf')!, clinvar.release);
  const clinvarHgvs = one('clinvarHgvs') ? await parseClinVarHgvsTsv(one('clinvarHgvs')!) : new Map<string, ClinVarHgvs>();
  const chain37to38 = await progress.run('liftover', () => parseChainFile(one('chainHg19ToHg38')!));

  const models = await progress.run('transcripts', async () => {
    const grch37 = one('transcriptsGrch37') ? await parseTranscriptFile(one('transcriptsGrch37')!, skips) : undefined;
    const grch38 = one('transcriptsGrch38') ? await parseTranscriptFile(one('transcriptsGrch38')!, skips) : undefined;
    const chain38to37 = grch38 && !grch37 && one('chainHg38ToHg19') ? await parseChainFile(one('chainHg38ToHg19')!) : undefined;
    const accessions = one('geneAccessions') ? await parseGeneAccessions(one('geneAccessions')!) : new Map<string, number>();
    const constraint = one('geneConstraint') ? await parseGeneConstraint(one('geneConstraint')!) : [];
    return { grch37, grch38, chain38to37, accessions, constraint };
  });

  return {
    obo,
    hpoa,
    genesToDisease,
    genesToPhenotype,
    mondo,
    phenoTaggerWords,
    phenoTaggerAltIds,
    orphaNames: orpha.names,
    orphaSuccessions: orpha.successions,
    orphaIcd10: orpha.icd10,
    orphaIcd11: orpha.icd11,
    orphaClassifications: orpha.classifications,
    genes: genes.info,
    geneAliases: genes.aliases,
    geneSpans: genes.spans,
    clinvar,
    clinvarHgvs,
    chain37to38,
    chain38to37: models.chain38to37,
    transcripts: { GRCh37: models.grch37, GRCh38: models.grch38 },
    geneAccessions: models.accessions,
    geneConstraint: models.constraint,
    declaredReleases: declared,
  };
}
