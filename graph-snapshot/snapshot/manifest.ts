import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { describeFsError } from '../io/line-reader.js';
import { InputError } from '../../common/input-error.js';
import { releaseCheckSchema } from './release-check-record.js';

export const MANIFEST_FILE = 'manifest.json';
export const GRAPH_FILE = 'graph.kuzu';
export const RANKING_TABLES_FILE = 'ranking-tables.json';
export const VARIANT_INDEX_FILE = 'variant-index.json';
export const GENE_MODELS_FILE = 'gene-models.json';
export const LIFTOVER_DIR = 'liftover';
export const CHAIN_37_TO_38 = 'liftover/hg19ToHg38.over.chain.gz';
export const CHAIN_38_TO_37 = 'liftover/hg38ToHg19.over.chain.gz';

const fileEntry = z.object({ name: z.string(), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

const buildModels = z.object({
  origin: z.string(),
  transcripts: z.number(),
  coding: z.number(),
  genes: z.number(),
  unmatched: z.number(),
  unlifted: z.number().optional(),
  unliftedByReason: z.record(z.string(), z.number()).optional(),
});

export const manifestSchema = z.object({
  format: z.literal('rarediag-snapshot'),
  snapshotId: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  builtAt: z.string(),
  buildSeconds: z.number().nonnegative(),
  builder: z.object({ program: z.string(), version: z.string(), node: z.string() }),
  sourcesRoot: z.string(),
  sources: z.array(
    z.object({
      role: z.string(),
      path: z.string(),
      size: z.number().int().nonnegative(),
      sha256: z.string(),
      release: z.string(),
    }),
  ),
  files: z.array(fileEntry),
  counts: z.object({
    nodes: z.record(z.string(), z.number()),
    relationships: z.record(z.string(), z.number()),
    summary: z.record(z.string(), z.number()),
  }),
  liftover: z.object({
    chain: z.string(),
    sourceBuild: z.string(),
    records: z.number(),
    lifted: z.number(),
    unlifted: z.number(),
    unliftedByReason: z.record(z.string(), z.number()),
    minusStrand: z.number(),
    duplicateKeys: z.number(),
    notInGene: z.number(),
  }),
  /** transcript models per assembly and gene constraint (gene-models.json); absent in snapshots of older builds */
  geneModels: z
    .object({
      GRCh37: buildModels,
      GRCh38: buildModels,
      constraint: z.object({ genes: z.number(), matched: z.number(), unmatched: z.number() }),
    })
    .optional(),
  skipped: z.array(z.object({ reason: z.string(), count: z.number(), examples: z.array(z.string()) })),
  /** synthetic-vignette release check against the previous snapshot, when the build or import ran one */
  releaseCheck: releaseCheckSchema.optional(),
});

export type SnapshotManifest = z.infer<typeof manifestSchema>;

export async function readManifest(dir: string): Promise<SnapshotManifest> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(path, undefined, `${describeFsError(err)}: no snapshot here`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(path, undefined, `manifest is not valid JSON (${(err as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(path, undefined, `manifest field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export async function writeManifest(dir: string, manifest: SnapshotManifest): Promise<void> {
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifestSchema.parse(manifest), null, 2)}\n`);
}
