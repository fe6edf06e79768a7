import type { GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import type { SyndromeRegionTable } from '../variants/contiguous-syndromes.js';
import { regionsForBuild } from './syndrome-regions.js';
import type { Liftover } from '../../graph-snapshot/liftover/liftover.js';
import { GraphSnapshot, type LexiconEntry } from '../../graph-snapshot/query/graph-snapshot.js';
import type { SnapshotManifest } from '../../graph-snapshot/snapshot/manifest.js';
import type { RankingTables } from '../../graph-snapshot/snapshot/ranking-tables.js';
import { ConceptRecognizer } from '../intake/concept-recognizer.js';
import { TermHierarchy } from '../intake/term-hierarchy.js';
import { PhenotypeModel } from '../ranking/phenotype-model.js';
import { PhenotypeRanker } from '../ranking/ranker.js';
import type { RankerParameters } from '../ranking/ranker-parameters.js';
import { UnprofiledDiseases } from '../ranking/unprofiled-diseases.js';
import { DiseaseTextIndex } from '../reasoning/disease-text-index.js';
import { TermSearch } from '../terms/term-search.js';
import { ClinVarIndex } from '../variants/clinvar-index.js';
import { GeneConstraintTable } from '../variants/gene-constraint.js';
import { TranscriptIndex } from '../variants/transcript-index.js';
import { VariantAnnotator } from '../variants/variant-annotator.js';

export interface SessionOptions {
  /** ranker parameters other than the defaults (benchmarks, parameter fitting) */
  parameters?: Partial<RankerParameters>;
}

/** Everything derived from the snapshot that is built on first use and then shared by every run of the session. */
interface Derived {
  lexicon?: Promise<LexiconEntry[]>;
  recognizer?: Promise<ConceptRecognizer>;
  termSearch?: Promise<TermSearch>;
  textIndex?: Promise<DiseaseTextIndex>;
  annotator?: Promise<VariantAnnotator>;
  liftover38to37?: Promise<Liftover>;
  syndromes?: Partial<Record<GenomeBuild, Promise<SyndromeRegionTable>>>;
  cytobands?: Promise<Map<number, string>>;
}

/**
 * One open knowledge snapshot and everything derived from it: the graph (read-only, kept open for the evidence pack),
 * the ranking engine (loaded at open, ≈0.3 s), and, built lazily on first use, the concept recognizer, the term search,
 * the disease full-text index and the variant annotator (ClinVar index and liftover). One per process (per worker
 * thread in a batch), opened by the entry point and passed to `runCase`; nobody else opens the snapshot.
 *
 * Runs hold the session with `use()`, so `close()` (e.g. when the app swaps in a rebuilt snapshot) waits for the runs
 * in flight instead of pulling the graph from under them.
 */
export class KnowledgeSession {
  private users = 0;
  private closing: Promise<void> | undefined;
  private idle: (() => void) | undefined;
  /** set on a view with other parameters: the parent owns the graph, and runs hold the parent open */
  private parent: KnowledgeSession | undefined;

  private constructor(
    readonly snapshotDir: string,
    readonly graph: GraphSnapshot,
    private readonly tables: RankingTables,
    readonly ranker: PhenotypeRanker,
    private readonly shared: Derived,
  ) {}

  static async open(snapshotDir: string, options: SessionOptions = {}): Promise<KnowledgeSession> {
    const graph = await GraphSnapshot.open(snapshotDir);
    try {
      const tables = await graph.loadRankingTables();
      const model = new PhenotypeModel(tables);
      const ranker = new PhenotypeRanker(model, options.parameters ?? {}, new UnprofiledDiseases(tables.unprofiled, model));
      return new KnowledgeSession(snapshotDir, graph, tables, ranker, {});
    } catch (err) {
      await graph.close();
      throw err;
    }
  }

  get snapshotId(): string {
    return this.graph.snapshotId;
  }

  get manifest(): SnapshotManifest {
    return this.graph.manifest;
  }

  get model(): PhenotypeModel {
    return this.ranker.model;
  }

  /** The name of a disease entry (OMIM:..., ORPHA:...) in this snapshot; undefined when it has none. */
  diseaseLabel = (id: string): string | undefined => {
    const m = this.ranker.model;
    const i = m.diseaseIndex.get(id);
    return i === undefined ? undefined : m.diseaseLabels[i];
  };

  /**
   * The same knowledge with other ranker parameters (parameter sweeps, ablations): shares the graph, the model and
   * every derived index; runs on it hold the parent open, and closing it closes nothing (the parent owns the graph).
   */
  withParameters(parameters: Partial<RankerParameters>): KnowledgeSession {
    const view = new KnowledgeSession(this.snapshotDir, this.graph, this.tables, new PhenotypeRanker(this.model, parameters, this.ranker.unprofiled), this.shared);
    view.parent = this;
    return view;
  }

  /** Every current HPO term with its names (one graph query, ≈0.6 s, once). */
  lexicon(): Promise<LexiconEntry[]> {
    const d = this.shared;
    d.lexicon ??= this.graph.phenotypeLexicon();
    return d.lexicon;
  }

  /** The concept recognizer of the narrative intake (the dictionary compiles in a few hundred milliseconds, once). */
  recognizer(): Promise<ConceptRecognizer> {
    const d = this.shared;
    d.recognizer ??= this.lexicon().then((lexicon) => ConceptRecognizer.fromLexicon(lexicon, new TermHierarchy(this.tables.terms), { genes: this.tables.genes }));
    return d.recognizer;
  }

  /** Autocomplete over HPO names for the term picker and the grounding of LLM proposals. */
  termSearch(): Promise<TermSearch> {
    const d = this.shared;
    d.termSearch ??= this.lexicon().then((lexicon) => new TermSearch(lexicon, this.tables.terms));
    return d.termSearch;
  }

  /** Full-text retrieval over disease names and phenotype labels (in-memory FTS5, 0.4-0.8 s to build, once). */
  diseaseTextIndex(): Promise<DiseaseTextIndex> {
    const d = this.shared;
    d.textIndex ??= this.graph.diseaseTexts().then((texts) => new DiseaseTextIndex(texts, this.model));
    return d.textIndex;
  }

  /** The variant annotator: ClinVar index, GRCh37 → GRCh38 chain, transcript models of both assemblies, gene constraint (≈0.5 s, once). */
  variantAnnotator(): Promise<VariantAnnotator> {
    const d = this.shared;
    d.annotator ??= (async () => {
      const models = await this.graph.loadGeneModels();
      return new VariantAnnotator(this.model, new ClinVarIndex(await this.graph.loadVariantIndex()), await this.graph.liftover37to38(), {
        transcripts: { GRCh37: new TranscriptIndex(models.transcripts.GRCh37), GRCh38: new TranscriptIndex(models.transcripts.GRCh38) },
        constraint: new GeneConstraintTable(models.constraint),
      });
    })();
    return d.annotator;
  }

  /**
   * The contiguous-gene syndromes' critical regions in an assembly (syndrome-regions.ts): read when a case first has
   * copy-number calls (the genes' bands are one graph query, ≈1 s, once).
   */
  syndromeRegions(build: GenomeBuild): Promise<SyndromeRegionTable> {
    const d = this.shared;
    d.cytobands ??= this.graph.geneCytobands().then((rows) => new Map(rows.map((r) => [r.ncbiId, r.cytoband])));
    d.syndromes ??= {};
    d.syndromes[build] ??= (async () => regionsForBuild(this.model, (await this.variantAnnotator()).transcriptIndex(build), await d.cytobands!, build))();
    return d.syndromes[build]!;
  }

  /** GRCh38 → GRCh37 (benchmarks place GRCh38 variants into a GRCh37 exome). */
  liftover38to37(): Promise<Liftover> {
    const d = this.shared;
    d.liftover38to37 ??= this.graph.liftover38to37();
    return d.liftover38to37;
  }

  /** Runs `work` holding the session open: a concurrent `close()` waits for it. */
  async use<T>(work: () => Promise<T>): Promise<T> {
    if (this.parent) return this.parent.use(work);
    if (this.closing) throw new Error(`the knowledge session of ${this.snapshotDir} is closed`);
    this.users += 1;
    try {
      return await work();
    } finally {
      this.users -= 1;
      if (this.users === 0) this.idle?.();
    }
  }

  /** Closes the graph and the text index once every run using the session has finished. Idempotent. */
  close(): Promise<void> {
    if (this.parent) return Promise.resolve();
    this.closing ??= (async () => {
      if (this.users > 0) await new Promise<void>((resolve) => (this.idle = resolve));
      const index = this.shared.textIndex;
      if (index) (await index.catch(() => undefined))?.close();
      await this.graph.close();
    })();
    return this.closing;
  }
}
