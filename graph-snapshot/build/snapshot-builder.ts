import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SkipLog } from '../io/skip-log.js';
import { detectGenomeBuild } from '../liftover/genome-build.js';
import { Ontology } from '../ontology/ontology.js';
import {
  CHAIN_37_TO_38,
  CHAIN_38_TO_37,
  GENE_MODELS_FILE,
  GRAPH_FILE,
  LIFTOVER_DIR,
  MANIFEST_FILE,
  RANKING_TABLES_FILE,
  VARIANT_INDEX_FILE,
  writeManifest,
  type SnapshotManifest,
} from '../snapshot/manifest.js';
import { packageRoot, recoverSnapshotDir, swapIntoPlace, temporaryBuildDir } from '../snapshot/snapshot-location.js';
import { assembleDiseases } from './assemble-diseases.js';
import { assembleGeneModels } from './assemble-gene-models.js';
import { LINK_SOURCE_INFERRED, LINK_SOURCE_STATED, assembleGenes } from './assemble-genes.js';
import { inferGeneLinks } from './infer-gene-links.js';
import { Liftover } from '../liftover/liftover.js';
import { assemblePhenotypes, collectTextVariants } from './assemble-phenotypes.js';
import { assembleVariants } from './assemble-variants.js';
import { digestFile } from './file-digest.js';
import { SCHEMA_VERSION } from './kuzu-schema.js';
import { writeKuzu } from './kuzu-writer.js';
import type { Knowledge } from './knowledge.js';
import { loadSources } from './load-sources.js';
import { StepProgress, type ProgressListener } from './progress.js';
import { buildRankingTables } from './ranking-tables-builder.js';
import { sealSnapshot } from '../snapshot/snapshot-seal.js';
import type { ReleaseCheckRecord } from '../snapshot/release-check-record.js';
import { buildVariantIndex } from './variant-index-builder.js';
import { locateSources, relativeSourcePath, releaseFromFolderManifest, type SourceRole } from './source-catalogue.js';
import { isPathogenicClass, type ClinicalSignificance } from '../parsers/clinvar-significance.js';

export interface BuildOptions {
  sourcesDir: string;
  outDir: string;
  onProgress?: ProgressListener;
  /**
   * A release check run on the built snapshot before it is swapped in, against the snapshot it replaces (when there is
   * one); its record goes into the manifest. Ranking is not this folder's business: the caller passes
   * diagnosis/pipeline/release-check.ts.
   */
  releaseCheck?: ReleaseCheckHook;
}

export type ReleaseCheckHook = (builtDir: string, previousDir: string | undefined, report: (within: number) => void) => Promise<ReleaseCheckRecord>;

/** Relative weights of the build steps, measured on ../shared/data, for an even progress bar. */
const steps = {
  checksums: 4,
  ontology: 6,
  annotations: 8,
  mappings: 3,
  orphanet: 8,
  genes: 8,
  clinvar: 14,
  liftover: 3,
  transcripts: 4,
  assemble: 10,
  graph: 30,
  'ranking tables': 4,
  manifest: 2,
};

function programVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * Builds a snapshot from upstream sources into a temporary directory next to `outDir`, then swaps it into place.
 * On any error the temporary directory is removed and an existing snapshot at `outDir` is left untouched.
 */
export async function buildSnapshot(options: BuildOptions): Promise<SnapshotManifest> {
  const started = Date.now();
  const located = locateSources(options.sourcesDir);
  await mkdir(join(options.outDir, '..'), { recursive: true });
  await recoverSnapshotDir(options.outDir);
  const tmp = temporaryBuildDir(options.outDir);
  await mkdir(join(tmp, 'staging'), { recursive: true });
  // the release check takes about twice the build (weights are relative)
  const progress = new StepProgress(options.releaseCheck ? { ...steps, 'release check': 200 } : steps, options.onProgress);
  const skips = new SkipLog();
  try {
    const sourceEntries = await progress.run('checksums', async (report) => {
      const list = (Object.entries(located.files) as [SourceRole, string[]][]).flatMap(([role, files]) => files.map((f) => ({ role, f })));
      const out = [];
      for (const [i, { role, f }] of list.entries()) {
        out.push({ role, file: f, ...(await digestFile(f)) });
        report((i + 1) / list.length);
      }
      return out;
    });

    const raw = await loadSources(located, progress, skips);
    const oboFile = located.files.hpoObo![0]!;
    const hpoaFile = located.files.hpoAnnotations![0]!;

    const assembled = await progress.run('assemble', () => {
      const ontology = new Ontology(raw.obo, oboFile);
      if (raw.phenoTaggerAltIds) ontology.addRedirects(raw.phenoTaggerAltIds);
      const diseases = assembleDiseases(raw, ontology, skips, hpoaFile);
      const diseaseTerms = [...diseases.positiveTerms.values()];
      const phenotypes = assemblePhenotypes(ontology, diseaseTerms, collectTextVariants(ontology, raw.phenoTaggerWords));
      const annotationSets = new Map<string, Set<string>>();
      for (const row of raw.hpoa.rows) {
        const id = row.negated ? undefined : ontology.resolve(row.hpoId)?.id;
        if (id) (annotationSets.get(row.diseaseId) ?? annotationSets.set(row.diseaseId, new Set()).get(row.diseaseId)!).add(id);
      }
      const extraLinks = inferGeneLinks(raw.genesToPhenotype, raw.genesToDisease, annotationSets, (x) => ontology.resolve(x)?.id);
      const genes = assembleGenes(raw, new Set(diseases.diseases.map((d) => d.id)), extraLinks);
      const build = detectGenomeBuild(raw.clinvar.header).build ?? 'GRCh37';
      const variants = assembleVariants(raw, genes.genes, genes.bySymbol, build === 'GRCh37');
      const knowledge: Knowledge = {
        phenotypes: phenotypes.nodes,
        isA: phenotypes.isA,
        diseases: diseases.diseases,
        hasPhenotype: diseases.hasPhenotype,
        genes: genes.genes,
        geneDisease: genes.geneDisease,
        variants: variants.variants,
        inGene: variants.inGene,
        mondo: diseases.mondo,
        sameAs: diseases.sameAs,
        classifiedUnder: diseases.classifiedUnder,
      };
      return { ontology, phenotypes, knowledge, variants, build, bySymbol: genes.bySymbol };
    });
    const { knowledge } = assembled;

    const snapshotId = makeSnapshotId(raw.obo.dataVersion, sourceEntries.map((s) => s.sha256));
    const tableCounts = await progress.run('graph', (report) => writeKuzu(join(tmp, GRAPH_FILE), knowledge, join(tmp, 'staging'), report));
    await rm(join(tmp, 'staging'), { recursive: true, force: true });
    for (const leftover of [`${GRAPH_FILE}.wal`, `${GRAPH_FILE}.lock`]) {
      if (existsSync(join(tmp, leftover))) throw new Error(`Kuzu left ${leftover} after checkpoint and close`);
    }

    const geneModelFigures = await progress.run('ranking tables', async () => {
      const tables = buildRankingTables(snapshotId, assembled.ontology, assembled.phenotypes, knowledge);
      await writeFile(join(tmp, RANKING_TABLES_FILE), JSON.stringify(tables));
      await writeFile(join(tmp, VARIANT_INDEX_FILE), JSON.stringify(buildVariantIndex(snapshotId, knowledge)));
      const geneModels = assembleGeneModels(
        snapshotId,
        {
          grch37: raw.transcripts.GRCh37,
          grch38: raw.transcripts.GRCh38,
          accessions: raw.geneAccessions,
          constraint: raw.geneConstraint,
          lift37to38: new Liftover(raw.chain37to38),
          lift38to37: raw.chain38to37 ? new Liftover(raw.chain38to37) : undefined,
        },
        knowledge.genes,
        assembled.bySymbol,
      );
      await writeFile(join(tmp, GENE_MODELS_FILE), JSON.stringify(geneModels.models));
      await mkdir(join(tmp, LIFTOVER_DIR), { recursive: true });
      await copyFile(located.files.chainHg19ToHg38![0]!, join(tmp, CHAIN_37_TO_38));
      if (located.files.chainHg38ToHg19) await copyFile(located.files.chainHg38ToHg19[0]!, join(tmp, CHAIN_38_TO_37));
      // Sources may be read-only; the snapshot's copies follow the snapshot's own permissions.
      for (const f of [CHAIN_37_TO_38, CHAIN_38_TO_37]) if (existsSync(join(tmp, f))) await chmod(join(tmp, f), 0o644);
      return geneModels.figures;
    });

    const manifest = await progress.run('manifest', async () => {
      const files = [GRAPH_FILE, RANKING_TABLES_FILE, VARIANT_INDEX_FILE, GENE_MODELS_FILE, CHAIN_37_TO_38, ...(located.files.chainHg38ToHg19 ? [CHAIN_38_TO_37] : [])];
      const fileEntries = [];
      for (const name of files) fileEntries.push({ name, ...(await digestFile(join(tmp, name))) });
      const m: SnapshotManifest = {
        format: 'rarediag-snapshot',
        snapshotId,
        schemaVersion: SCHEMA_VERSION,
        builtAt: new Date().toISOString(),
        buildSeconds: 0,
        builder: { program: 'rarediag', version: programVersion(), node: process.version },
        sourcesRoot: located.root,
        sources: sourceEntries.map((s) => ({
          role: s.role,
          path: relativeSourcePath(located.root, s.file),
          size: s.size,
          sha256: s.sha256,
          release: raw.declaredReleases.get(s.file) ?? releaseFromFolderManifest(s.file) ?? 'undeclared',
        })),
        files: fileEntries,
        counts: {
          nodes: pick(tableCounts, ['Phenotype', 'Disease', 'Gene', 'Variant', 'MondoConcept']),
          relationships: pick(tableCounts, ['IS_A', 'HAS_PHENOTYPE', 'ASSOCIATED_WITH', 'IN_GENE', 'SAME_AS', 'CLASSIFIED_UNDER']),
          summary: summarise(knowledge, assembled.phenotypes.annotatedDiseases),
        },
        liftover: {
          chain: CHAIN_37_TO_38,
          sourceBuild: assembled.build,
          ...assembled.variants.liftover,
          notInGene: assembled.variants.notInGene,
        },
        geneModels: geneModelFigures,
        skipped: skips.reports(),
      };
      m.buildSeconds = Math.round((Date.now() - started) / 100) / 10;
      await writeManifest(tmp, m);
      // sealed with this installation's key: an edited manifest is refused at open (snapshot-seal.ts)
      sealSnapshot(tmp);
      return m;
    });

    if (options.releaseCheck) {
      const previous = existsSync(join(options.outDir, MANIFEST_FILE)) ? options.outDir : undefined;
      manifest.releaseCheck = await progress.run('release check', (report) => options.releaseCheck!(tmp, previous, report));
      await writeManifest(tmp, manifest);
      sealSnapshot(tmp);
    }

    await swapIntoPlace(tmp, options.outDir);
    return manifest;
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

function pick(counts: Record<string, number>, keys: string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, counts[k] ?? 0]));
}

function makeSnapshotId(dataVersion: string | undefined, hashes: string[]): string {
  const h = createHash('sha256');
  h.update(`schema:${SCHEMA_VERSION}\n`);
  for (const x of [...hashes].sort()) h.update(`${x}\n`);
  const date = /(\d{4}-\d{2}-\d{2})/.exec(dataVersion ?? '')?.[1] ?? 'undated';
  return `hpo-${date}-${h.digest('hex').slice(0, 10)}`;
}

/** The figures a user checks first: terms, diseases by source, genes with diseases, ClinVar P/LP on GRCh38. */
function summarise(k: Knowledge, annotatedDiseases: number): Record<string, number> {
  const annotated = k.diseases.filter((d) => d.phenotypeCount > 0);
  const genesWithDiseases = new Set(k.geneDisease.map((e) => e.gene));
  const plp = k.variants.filter((v) => isPathogenicClass(v.significance as ClinicalSignificance)).length;
  return {
    currentHpoTerms: k.phenotypes.filter((p) => !p.obsolete).length,
    obsoleteHpoTerms: k.phenotypes.filter((p) => p.obsolete).length,
    diseases: k.diseases.length,
    diseasesWithPhenotypes: annotated.length,
    omimWithPhenotypes: annotated.filter((d) => d.source === 'OMIM').length,
    orphaWithPhenotypes: annotated.filter((d) => d.source === 'ORPHA').length,
    diseasesInInformationContent: annotatedDiseases,
    diseasesWithMondo: k.diseases.filter((d) => d.mondo).length,
    genes: k.genes.length,
    genesWithDiseases: genesWithDiseases.size,
    geneLinksStatedByGenePhenotypes: k.geneDisease.filter((e) => e.source === LINK_SOURCE_STATED).length,
    geneLinksInferredFromGenePhenotypes: k.geneDisease.filter((e) => e.source === LINK_SOURCE_INFERRED).length,
    clinvarVariantsGrch38: k.variants.length,
    clinvarPathogenicGrch38: plp,
    phenotypeAnnotations: k.hasPhenotype.length,
    excludedAnnotations: k.hasPhenotype.filter((e) => e.excluded).length,
    annotationsWithFrequency: k.hasPhenotype.filter((e) => e.frequency !== null).length,
  };
}
