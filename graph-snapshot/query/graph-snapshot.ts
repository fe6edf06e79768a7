import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import kuzu from 'kuzu';
import { SCHEMA_VERSION } from '../build/kuzu-schema.js';
import { InputError } from '../../common/input-error.js';
import { CHAIN_37_TO_38, CHAIN_38_TO_37, GENE_MODELS_FILE, GRAPH_FILE, MANIFEST_FILE, RANKING_TABLES_FILE, VARIANT_INDEX_FILE, readManifest, type SnapshotManifest } from '../snapshot/manifest.js';
import { checkGeneModels, type GeneModels } from '../snapshot/gene-models.js';
import { checkContent, checkSizes } from '../snapshot/snapshot-integrity.js';
import { checkSeal } from '../snapshot/snapshot-seal.js';
import { checkRankingTables, type RankingTables } from '../snapshot/ranking-tables.js';
import { checkVariantIndex, type VariantIndexTables } from '../snapshot/variant-index.js';
import { parseChainFile } from '../liftover/chain-parser.js';
import { Liftover } from '../liftover/liftover.js';

type Row = Record<string, kuzu.KuzuValue>;

export interface PhenotypeRecord {
  id: string;
  label: string;
  definition: string;
  synonyms: string[];
  altIds: string[];
  /** cross-references from the ontology (UMLS, SNOMED CT, MeSH ...) */
  xrefs: string[];
  aspect: string;
  obsolete: boolean;
  replacedBy: string;
  ic: number;
  diseaseCount: number;
  ancestors: string[];
}

/** What text matching needs about every phenotype term (current and obsolete). */
export interface LexiconEntry {
  id: string;
  label: string;
  synonyms: string[];
  /** EXACT / BROAD / NARROW / RELATED, optionally ":type" (e.g. "EXACT:layperson"), parallel to synonyms */
  synonymScopes: string[];
  /** extra lower-cased names from PhenoTagger's dictionary */
  textVariants: string[];
  altIds: string[];
  /** P, I, C, M, F, H, B or '' */
  aspect: string;
  obsolete: boolean;
  replacedBy: string;
  ic: number;
}

/** What the evidence pack says about a disease beyond the ranker's tables. */
export interface DiseaseContext {
  id: string;
  label: string;
  synonyms: string[];
  mondo: string;
  /** HPO mode-of-inheritance ids and labels */
  inheritance: { id: string; label: string }[];
  /** Orphanet classification parents (of the entry or of its ORPHA twin through MONDO) */
  classification: { id: string; label: string }[];
}

export interface DiseaseText {
  id: string;
  label: string;
  synonyms: string[];
}

export interface DiseaseHit {
  id: string;
  label: string;
  mondo: string;
  /** which of the queried terms the disease is annotated with */
  matched: string[];
}

export interface VariantRecord {
  key: string;
  key37: string;
  significance: string;
  significanceRaw: string;
  reviewStatus: string;
  stars: number;
  clinvarId: string;
  geneSymbol: string;
  hgvsC: string;
  hgvsP: string;
  traits: string[];
  gene?: { ncbiId: number; symbol: string };
}

export interface OpenOptions {
  /** Kuzu buffer pool in bytes (default 256 MiB: the whole graph fits, and many readers can coexist) */
  bufferPoolBytes?: number;
}

/**
 * The read-only query API over a snapshot. Every Cypher query of the application lives behind this class, so the
 * graph engine (Kuzu 0.11, archived upstream) can be replaced without touching the rest.
 */
export class GraphSnapshot {
  private readonly statements = new Map<string, Promise<kuzu.PreparedStatement>>();

  private constructor(
    readonly dir: string,
    readonly manifest: SnapshotManifest,
    private readonly db: kuzu.Database,
    private readonly conn: kuzu.Connection,
  ) {}

  /**
   * Opens a snapshot read-only. Several processes may hold the same snapshot open at once. The manifest must carry this
   * installation's seal and every file its recorded size (snapshot-integrity.ts): an IntegrityError names the file
   * otherwise.
   */
  static async open(dir: string, options: OpenOptions = {}): Promise<GraphSnapshot> {
    const manifest = await readManifest(dir);
    checkSeal(dir, await readFile(join(dir, MANIFEST_FILE)));
    checkSizes(dir, manifest);
    if (manifest.schemaVersion !== SCHEMA_VERSION) {
      throw new InputError(join(dir, 'manifest.json'), undefined, `snapshot schema ${manifest.schemaVersion}, this program reads ${SCHEMA_VERSION}: rebuild it with \`rarediag snapshot build\``);
    }
    const graph = join(dir, GRAPH_FILE);
    if (!existsSync(graph)) throw new InputError(graph, undefined, 'graph file missing: run `rarediag snapshot verify`');
    let db: kuzu.Database;
    try {
      db = new kuzu.Database(graph, options.bufferPoolBytes ?? 256 * 1024 * 1024, true, true);
      await db.init();
    } catch (err) {
      throw new InputError(graph, undefined, `cannot open the graph: ${(err as Error).message}`, { cause: err });
    }
    const conn = new kuzu.Connection(db, 1);
    return new GraphSnapshot(dir, manifest, db, conn);
  }

  get snapshotId(): string {
    return this.manifest.snapshotId;
  }

  async close(): Promise<void> {
    await this.conn.close();
    await this.db.close();
  }

  /** A snapshot file's bytes, refused unless they hash to what the manifest records. */
  private async readVerified(name: string): Promise<Buffer> {
    const path = join(this.dir, name);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (err) {
      throw new InputError(path, undefined, `cannot read: ${(err as Error).message}`, { cause: err });
    }
    checkContent(this.dir, this.manifest, name, bytes);
    return bytes;
  }

  /** The path of a snapshot file after checking its content against the manifest (for parsers that read a path). */
  private async verified(name: string): Promise<string> {
    await this.readVerified(name);
    return join(this.dir, name);
  }

  /** A JSON sidecar, verified against the manifest and checked for the format this program reads. */
  private async readSidecar(name: string, check: (v: unknown) => string | undefined): Promise<unknown> {
    const path = join(this.dir, name);
    const bytes = await this.readVerified(name);
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (err) {
      throw new InputError(path, undefined, `cannot read: ${(err as Error).message}`, { cause: err });
    }
    const problem = check(value);
    if (problem) throw new InputError(path, undefined, `${problem} (rebuild the snapshot with \`rarediag snapshot build\`)`);
    return value;
  }

  private async rows(query: string, params: Record<string, kuzu.KuzuValue> = {}): Promise<Row[]> {
    let ps = this.statements.get(query);
    if (!ps) {
      ps = this.conn.prepare(query);
      this.statements.set(query, ps);
    }
    const prepared = await ps;
    if (!prepared.isSuccess()) throw new Error(`query failed to prepare: ${prepared.getErrorMessage()}`);
    const r = await this.conn.execute(prepared, params);
    const result = Array.isArray(r) ? r[0]! : r;
    const rows = await result.getAll();
    result.close();
    return rows;
  }

  /** Loads the ranker's precomputed tables (one JSON read; see ranking-tables.ts). */
  async loadRankingTables(): Promise<RankingTables> {
    return this.readSidecar(RANKING_TABLES_FILE, checkRankingTables) as Promise<RankingTables>;
  }

  /** Loads the ClinVar variant columns (see variant-index.ts). */
  async loadVariantIndex(): Promise<VariantIndexTables> {
    return this.readSidecar(VARIANT_INDEX_FILE, checkVariantIndex) as Promise<VariantIndexTables>;
  }

  /** Transcript models of both assemblies and gene constraint (see gene-models.ts). */
  async loadGeneModels(): Promise<GeneModels> {
    return this.readSidecar(GENE_MODELS_FILE, checkGeneModels) as Promise<GeneModels>;
  }

  /** The snapshot's GRCh38 → GRCh37 liftover, when the build had that chain (benchmarks spike GRCh38 variants into GRCh37 VCFs). */
  async liftover38to37(): Promise<Liftover> {
    return new Liftover(await parseChainFile(await this.verified(CHAIN_38_TO_37)));
  }

  /** The snapshot's GRCh37 → GRCh38 liftover (UCSC chain copied into the snapshot). */
  async liftover37to38(): Promise<Liftover> {
    return new Liftover(await parseChainFile(await this.verified(CHAIN_37_TO_38)));
  }

  async phenotype(id: string): Promise<PhenotypeRecord | undefined> {
    const rows = await this.rows(
      `MATCH (p:Phenotype) WHERE p.id = $id RETURN p.id AS id, p.label AS label, p.definition AS definition,
       p.synonyms AS synonyms, p.altIds AS altIds, p.xrefs AS xrefs, p.aspect AS aspect, p.obsolete AS obsolete, p.replacedBy AS replacedBy,
       p.ic AS ic, p.diseaseCount AS diseaseCount, p.ancestors AS ancestors`,
      { id },
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      id: String(r['id']),
      label: String(r['label'] ?? ''),
      definition: String(r['definition'] ?? ''),
      synonyms: (r['synonyms'] as string[] | null) ?? [],
      altIds: (r['altIds'] as string[] | null) ?? [],
      xrefs: (r['xrefs'] as string[] | null) ?? [],
      aspect: String(r['aspect'] ?? ''),
      obsolete: Boolean(r['obsolete']),
      replacedBy: String(r['replacedBy'] ?? ''),
      ic: Number(r['ic'] ?? 0),
      diseaseCount: Number(r['diseaseCount'] ?? 0),
      ancestors: (r['ancestors'] as string[] | null) ?? [],
    };
  }

  /** Every phenotype term with its names, for building a text-matching dictionary (one query, ~0.5 s). */
  async phenotypeLexicon(): Promise<LexiconEntry[]> {
    const rows = await this.rows(
      `MATCH (p:Phenotype) RETURN p.id AS id, p.label AS label, p.synonyms AS synonyms, p.synonymScopes AS scopes,
       p.textVariants AS variants, p.altIds AS altIds, p.aspect AS aspect, p.obsolete AS obsolete,
       p.replacedBy AS replacedBy, p.ic AS ic`,
    );
    return rows.map((r) => ({
      id: String(r['id']),
      label: String(r['label'] ?? ''),
      synonyms: (r['synonyms'] as string[] | null) ?? [],
      synonymScopes: (r['scopes'] as string[] | null) ?? [],
      textVariants: (r['variants'] as string[] | null) ?? [],
      altIds: (r['altIds'] as string[] | null) ?? [],
      aspect: String(r['aspect'] ?? ''),
      obsolete: Boolean(r['obsolete']),
      replacedBy: String(r['replacedBy'] ?? ''),
      ic: Number(r['ic'] ?? 0),
    }));
  }

  /** Ancestors of a term from the precomputed closure (self excluded). */
  async ancestors(id: string): Promise<string[]> {
    const rows = await this.rows('MATCH (p:Phenotype) WHERE p.id = $id RETURN p.ancestors AS a', { id });
    return (rows[0]?.['a'] as string[] | null) ?? [];
  }

  /** Ancestors of a term by walking IS_A edges in the graph (for checking the precomputed closure). */
  async ancestorsByTraversal(id: string): Promise<string[]> {
    const rows = await this.rows(
      'MATCH (p:Phenotype)-[:IS_A*1..30]->(a:Phenotype) WHERE p.id = $id RETURN DISTINCT a.id AS id',
      { id },
    );
    return rows.map((r) => String(r['id'])).sort();
  }

  /** Diseases with a positive annotation to any of the given terms (exact term, no propagation). */
  async diseasesWithAnyPhenotype(ids: string[]): Promise<DiseaseHit[]> {
    const rows = await this.rows(
      `MATCH (d:Disease)-[h:HAS_PHENOTYPE]->(p:Phenotype) WHERE p.id IN $ids AND NOT h.excluded
       RETURN d.id AS id, d.label AS label, d.mondo AS mondo, collect(p.id) AS matched ORDER BY size(matched) DESC, id`,
      { ids },
    );
    return rows.map((r) => ({
      id: String(r['id']),
      label: String(r['label'] ?? ''),
      mondo: String(r['mondo'] ?? ''),
      matched: (r['matched'] as string[]) ?? [],
    }));
  }

  /** A ClinVar variant by its GRCh38 key `chrom:pos:ref:alt` (chromosome without "chr"). */
  async variant(key: string): Promise<VariantRecord | undefined> {
    const rows = await this.rows(
      `MATCH (v:Variant) WHERE v.key = $key OPTIONAL MATCH (v)-[:IN_GENE]->(g:Gene)
       RETURN v.key AS key, v.key37 AS key37, v.significance AS significance, v.significanceRaw AS significanceRaw,
       v.reviewStatus AS reviewStatus, v.stars AS stars, v.clinvarId AS clinvarId, v.geneSymbol AS geneSymbol,
       v.hgvsC AS hgvsC, v.hgvsP AS hgvsP, v.traits AS traits, g.ncbiId AS ncbiId, g.symbol AS symbol`,
      { key },
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      key: String(r['key']),
      key37: String(r['key37'] ?? ''),
      significance: String(r['significance'] ?? ''),
      significanceRaw: String(r['significanceRaw'] ?? ''),
      reviewStatus: String(r['reviewStatus'] ?? ''),
      stars: Number(r['stars'] ?? 0),
      clinvarId: String(r['clinvarId'] ?? ''),
      geneSymbol: String(r['geneSymbol'] ?? ''),
      hgvsC: String(r['hgvsC'] ?? ''),
      hgvsP: String(r['hgvsP'] ?? ''),
      traits: (r['traits'] as string[] | null) ?? [],
      gene: r['ncbiId'] === null || r['ncbiId'] === undefined ? undefined : { ncbiId: Number(r['ncbiId']), symbol: String(r['symbol']) },
    };
  }

  /** Up to `limit` variant keys, in storage order (benchmarks and tests sample real keys with this). */
  async variantKeys(limit: number): Promise<string[]> {
    const rows = await this.rows('MATCH (v:Variant) RETURN v.key AS key LIMIT $limit', { limit });
    return rows.map((r) => String(r['key']));
  }

  /** Names, synonyms, inheritance and Orphanet classification of a few diseases (evidence packs). */
  async diseaseContexts(ids: string[]): Promise<DiseaseContext[]> {
    if (ids.length === 0) return [];
    const rows = await this.rows(
      `MATCH (d:Disease) WHERE d.id IN $ids
       OPTIONAL MATCH (d)-[:SAME_AS]->(:MondoConcept)<-[:SAME_AS]-(twin:Disease)
       OPTIONAL MATCH (x:Disease)-[:CLASSIFIED_UNDER]->(parent:Disease) WHERE x.id = d.id OR x.id = twin.id
       RETURN d.id AS id, d.label AS label, d.synonyms AS synonyms, d.mondo AS mondo, d.inheritance AS inheritance,
              collect(DISTINCT {id: parent.id, label: parent.label}) AS parents, collect(DISTINCT twin.id) AS twins`,
      { ids },
    );
    const inheritanceIds = [...new Set(rows.flatMap((r) => (r['inheritance'] as string[] | null) ?? []))];
    const labels = new Map<string, string>();
    if (inheritanceIds.length) {
      const t = await this.rows('MATCH (p:Phenotype) WHERE p.id IN $ids RETURN p.id AS id, p.label AS label', { ids: inheritanceIds });
      for (const r of t) labels.set(String(r['id']), String(r['label']));
    }
    const byId = new Map(
      rows.map((r) => {
        const twins = new Set(((r['twins'] as (string | null)[] | null) ?? []).filter((x): x is string => !!x));
        twins.add(String(r['id']));
        const parents = (r['parents'] as { id: string | null; label: string | null }[] | null) ?? [];
        // the disease's own twins (its ORPHA entry, ORPHA subtypes of the same concept) are not its classification
        const keep = parents.filter((x) => !!x.id && !twins.has(x.id));
        const ctx: DiseaseContext = {
          id: String(r['id']),
          label: String(r['label'] ?? ''),
          synonyms: (r['synonyms'] as string[] | null) ?? [],
          mondo: String(r['mondo'] ?? ''),
          inheritance: ((r['inheritance'] as string[] | null) ?? []).map((id) => ({ id, label: labels.get(id) ?? id })),
          classification: keep.map((x) => ({ id: x.id!, label: x.label ?? x.id! })),
        };
        return [ctx.id, ctx];
      }),
    );
    return ids.map((id) => byId.get(id)).filter((x): x is DiseaseContext => !!x);
  }

  /** Every active disease's names, for a full-text index. */
  async diseaseTexts(): Promise<DiseaseText[]> {
    const rows = await this.rows('MATCH (d:Disease) WHERE d.active RETURN d.id AS id, d.label AS label, d.synonyms AS synonyms');
    return rows.map((r) => ({ id: String(r['id']), label: String(r['label'] ?? ''), synonyms: (r['synonyms'] as string[] | null) ?? [] }));
  }

  /** Disease ids that are the same MONDO concept as the given one (itself included). */
  async equivalentDiseases(id: string): Promise<string[]> {
    const rows = await this.rows(
      `MATCH (d:Disease)-[:SAME_AS]->(m:MondoConcept)<-[:SAME_AS]-(e:Disease) WHERE d.id = $id RETURN DISTINCT e.id AS id`,
      { id },
    );
    const ids = rows.map((r) => String(r['id']));
    return ids.length ? ids.sort() : [id];
  }

  /** Genes associated with a disease. */
  async genesForDisease(id: string): Promise<{ ncbiId: number; symbol: string; associationType: string }[]> {
    const rows = await this.rows(
      `MATCH (g:Gene)-[a:ASSOCIATED_WITH]->(d:Disease) WHERE d.id = $id
       RETURN g.ncbiId AS ncbiId, g.symbol AS symbol, a.associationType AS t ORDER BY symbol`,
      { id },
    );
    return rows.map((r) => ({ ncbiId: Number(r['ncbiId']), symbol: String(r['symbol']), associationType: String(r['t']) }));
  }

  /**
   * Every gene's NCBI cytoband (`17q11.2`) by NCBI id, for the critical regions of contiguous-gene syndromes named by
   * their band (diagnosis/variants/contiguous-syndromes.ts). Read once, only when a case has copy-number calls
   * (about 60 k rows: a second or so through the Kuzu binding, so not worth a sidecar).
   */
  async geneCytobands(): Promise<{ ncbiId: number; cytoband: string }[]> {
    const rows = await this.rows(`MATCH (g:Gene) WHERE g.cytoband <> '' RETURN g.ncbiId AS id, g.cytoband AS band`);
    return rows.map((r) => ({ ncbiId: Number(r['id']), cytoband: String(r['band']) }));
  }
}
