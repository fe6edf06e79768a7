import { GraphSnapshot } from '../../graph-snapshot/query/graph-snapshot.js';
import type { CaseFindings } from '../case/case-findings.js';
import { PhenotypeModel } from '../ranking/phenotype-model.js';
import { PhenotypeRanker, type RankOptions, type RankResult } from '../ranking/ranker.js';
import type { RankerParameters } from '../ranking/ranker-parameters.js';
import { ClinVarIndex } from '../variants/clinvar-index.js';
import { loadPatientVariants, type PatientVariants } from '../variants/patient-variants.js';
import { VariantAnnotator } from '../variants/variant-annotator.js';
import type { VcfReadOptions } from '../variants/vcf-reader.js';

/**
 * The engine of one snapshot: the phenotype ranker (loaded at open) and, on first use of a VCF, the variant annotator
 * (ClinVar index and liftover). Everything here runs without Electron.
 */
export class DiagnosisEngine {
  private annotatorPromise: Promise<VariantAnnotator> | undefined;

  private constructor(
    readonly snapshotDir: string,
    readonly ranker: PhenotypeRanker,
  ) {}

  static async open(snapshotDir: string, parameters: Partial<RankerParameters> = {}): Promise<DiagnosisEngine> {
    const snap = await GraphSnapshot.open(snapshotDir);
    try {
      const model = new PhenotypeModel(await snap.loadRankingTables());
      return new DiagnosisEngine(snapshotDir, new PhenotypeRanker(model, parameters));
    } finally {
      await snap.close();
    }
  }

  get snapshotId(): string {
    return this.ranker.model.snapshotId;
  }

  /** The variant annotator, loaded once (≈0.3 s: ClinVar index and chain). */
  annotator(): Promise<VariantAnnotator> {
    this.annotatorPromise ??= (async () => {
      const snap = await GraphSnapshot.open(this.snapshotDir);
      try {
        return new VariantAnnotator(this.ranker.model, new ClinVarIndex(await snap.loadVariantIndex()), await snap.liftover37to38());
      } finally {
        await snap.close();
      }
    })();
    return this.annotatorPromise;
  }

  async readVariants(vcfPath: string, options: VcfReadOptions = {}): Promise<PatientVariants> {
    return loadPatientVariants(vcfPath, options, await this.annotator());
  }

  rank(findings: Pick<CaseFindings, 'present' | 'excluded' | 'sex'>, options: RankOptions = {}): RankResult {
    return this.ranker.rank(findings, options);
  }
}
