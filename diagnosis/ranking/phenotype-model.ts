import {
  ANNOTATION_FEMALE,
  ANNOTATION_MALE,
  ANNOTATION_NOT,
  FREQUENCY_CLASSES,
  type RankingTables,
} from '../../graph-snapshot/snapshot/ranking-tables.js';
import type { FrequencyEvidence } from './annotation-frequency.js';

/** The HPO class "Excluded" (0 %): the disease is annotated as lacking the feature, like a NOT row. */
const EXCLUDED_CLASS = FREQUENCY_CLASSES.findIndex((c) => c.id === 'HP:0040285');

export type TermResolution = { index: number; id: string; via: 'primary' | 'alt_id' | 'replaced_by' };

/**
 * The ranker's in-memory model, built once from a snapshot's ranking tables: typed arrays for the ontology closure,
 * background frequencies, disease annotations, and an inverted index from each term to the diseases annotated with
 * it or a descendant (annotation propagation), which is what makes scoring a case a handful of array scans.
 */
export class PhenotypeModel {
  readonly snapshotId: string;
  readonly termIds: string[];
  readonly termLabels: string[];
  readonly termAspects: string[];
  private readonly termIndex = new Map<string, number>();
  private readonly redirects: Map<string, string>;
  private readonly replacements: Map<string, string>;
  readonly closureOffsets: Int32Array;
  readonly closure: Int32Array;
  /** share of annotated diseases having the term (propagated); never 0 */
  readonly share: Float64Array;
  readonly ic: Float64Array;
  readonly annotatedDiseases: number;

  readonly diseaseIds: string[];
  readonly diseaseLabels: string[];
  readonly diseaseMondo: string[];
  readonly diseaseIndex = new Map<string, number>();
  readonly annOffsets: Int32Array;
  readonly annTerm: Int32Array;
  /** the rows' point estimate of the annotation's frequency, NaN when unknown (see annotation-frequency.ts for the model) */
  readonly annFreq: Float64Array;
  /** HPO frequency class (-1 none) and pooled patient counts (-1 none) behind it */
  readonly annFreqClass: Int8Array;
  readonly annFreqN: Int32Array;
  readonly annFreqM: Int32Array;
  /** onset term of the annotated feature, -1 when the source gives none */
  readonly annOnset: Int32Array;
  readonly annFlags: Uint8Array;
  readonly inheritance: number[][];
  readonly diseaseGenes: number[][];
  readonly geneSymbols: string[];
  readonly geneIds: number[];
  readonly geneAliases: string[][];
  /** GRCh38 spans ('' / 0 when unknown) */
  readonly geneChrom: string[];
  readonly geneStart: number[];
  readonly geneEnd: number[];
  /** ClinVar pathogenic / likely pathogenic variants per gene */
  readonly genePathogenicVariants: number[];
  /** per disease: the prevalence per million ClinVar states for it (NaN unknown), and the P/LP variants naming it */
  readonly diseasePrevalence: Float64Array;
  readonly diseaseClinvarReports: Int32Array;

  /** propagated index: for term t, entries [propOffsets[t], propOffsets[t+1]) */
  readonly propOffsets: Int32Array;
  readonly propDisease: Int32Array;
  /** 1 if the disease is annotated with t itself */
  readonly propDirect: Uint8Array;
  /**
   * For each positive annotation a, the propagated entries it reaches (one per term of its closure):
   * annSlots[annSlotOffsets[a] .. annSlotOffsets[a+1]). Frequency tables fold annotation frequencies into entries with it.
   */
  readonly annSlotOffsets: Int32Array;
  readonly annSlots: Int32Array;
  /** NOT index: for term t, diseases explicitly annotated as lacking t */
  readonly notOffsets: Int32Array;
  readonly notDisease: Int32Array;

  private readonly bySpecificity: (Int32Array | undefined)[];

  /**
   * @param pseudocount added to every term's disease count before taking shares, so that one match on a term
   * annotated to a single disease cannot outweigh everything else (LR of an exact match is at most N / pseudocount)
   */
  constructor(t: RankingTables, readonly pseudocount = 0.5) {
    this.snapshotId = t.snapshotId;
    this.termIds = t.terms.ids;
    this.termLabels = t.terms.labels;
    this.termAspects = t.terms.aspects;
    t.terms.ids.forEach((id, i) => this.termIndex.set(id, i));
    this.redirects = new Map(Object.entries(t.redirects));
    this.replacements = new Map(Object.entries(t.replacements));
    this.closureOffsets = Int32Array.from(t.terms.closureOffsets);
    this.closure = Int32Array.from(t.terms.closure);
    this.annotatedDiseases = Math.max(1, t.annotatedDiseases);
    const nTerms = t.terms.ids.length;
    this.share = new Float64Array(nTerms);
    this.ic = new Float64Array(nTerms);
    for (let i = 0; i < nTerms; i += 1) {
      this.share[i] = Math.min(1, (t.terms.diseaseCount[i]! + pseudocount) / this.annotatedDiseases);
      this.ic[i] = -Math.log(this.share[i]!);
    }
    this.bySpecificity = new Array(nTerms);

    const d = t.diseases;
    this.diseaseIds = d.ids;
    this.diseaseLabels = d.labels;
    this.diseaseMondo = d.mondo;
    d.ids.forEach((id, i) => this.diseaseIndex.set(id, i));
    this.annOffsets = Int32Array.from(d.annOffsets);
    this.annTerm = Int32Array.from(d.annTerm);
    this.annFreq = Float64Array.from(d.annFreq, (f) => (f < 0 ? NaN : f));
    this.annFreqClass = Int8Array.from(d.annFreqClass);
    this.annFreqN = Int32Array.from(d.annFreqN);
    this.annFreqM = Int32Array.from(d.annFreqM);
    this.annOnset = Int32Array.from(d.annOnset);
    this.annFlags = Uint8Array.from(d.annFlags);
    this.inheritance = d.inheritance;
    this.diseaseGenes = d.genes;
    this.geneSymbols = t.genes.symbols;
    this.geneIds = t.genes.ncbiIds;
    this.geneAliases = t.genes.aliases;
    this.geneChrom = t.genes.chrom;
    this.geneStart = t.genes.start;
    this.geneEnd = t.genes.end;
    this.genePathogenicVariants = t.genes.pathogenicVariants;
    this.diseasePrevalence = Float64Array.from(d.prevalence, (x) => (x < 0 ? NaN : x));
    this.diseaseClinvarReports = Int32Array.from(d.clinvarReports);

    const index = this.buildPropagatedIndex();
    this.propOffsets = index.offsets;
    this.propDisease = index.disease;
    this.propDirect = index.direct;
    this.annSlotOffsets = index.annSlotOffsets;
    this.annSlots = index.annSlots;
    const not = this.buildNotIndex();
    this.notOffsets = not.offsets;
    this.notDisease = not.disease;
  }

  get diseaseCount(): number {
    return this.diseaseIds.length;
  }

  get termCount(): number {
    return this.termIds.length;
  }

  /**
   * An annotation counts against a term when it says NOT, or gives the class "Excluded" (0 %) without counts. A count
   * of 0/m is a low frequency from m patients, not a statement that the disease lacks the feature.
   */
  isNegative(annotation: number): boolean {
    return (this.annFlags[annotation]! & ANNOTATION_NOT) !== 0 || (this.annFreqClass[annotation] === EXCLUDED_CLASS && this.annFreqM[annotation]! <= 0);
  }

  /** The source's evidence of the annotation's frequency (annotation-frequency.ts turns it into a probability). */
  frequencyEvidence(annotation: number): FrequencyEvidence {
    return { frequencyClass: this.annFreqClass[annotation]!, n: this.annFreqN[annotation]!, m: this.annFreqM[annotation]!, point: this.annFreq[annotation]! };
  }

  /** Whether the annotation applies to a patient of this sex (sex-specific annotations when the source has them). */
  appliesToSex(annotation: number, sex: string | undefined): boolean {
    const f = this.annFlags[annotation]!;
    if (sex === 'MALE' && (f & ANNOTATION_FEMALE) && !(f & ANNOTATION_MALE)) return false;
    if (sex === 'FEMALE' && (f & ANNOTATION_MALE) && !(f & ANNOTATION_FEMALE)) return false;
    return true;
  }

  /** How specific a term is, in [0, 1]: its information content over that of a term of a single disease. */
  specificity(term: number): number {
    return Math.min(1, this.ic[term]! / Math.log(this.annotatedDiseases));
  }

  /** Current term for any id: primary, alt_id, or obsolete with replaced_by. */
  resolveTerm(id: string): TermResolution | undefined {
    const direct = this.termIndex.get(id);
    if (direct !== undefined) return { index: direct, id, via: 'primary' };
    const alt = this.redirects.get(id);
    const replaced = alt === undefined ? this.replacements.get(id) : undefined;
    const target = alt ?? replaced;
    const i = target === undefined ? undefined : this.termIndex.get(target);
    if (i === undefined) return undefined;
    return { index: i, id: target!, via: alt !== undefined ? 'alt_id' : 'replaced_by' };
  }

  isAncestorOrSelf(ancestor: number, term: number): boolean {
    const lo = this.closureOffsets[term]!;
    const hi = this.closureOffsets[term + 1]!;
    // closure lists are sorted ascending: binary search
    let a = lo;
    let b = hi - 1;
    while (a <= b) {
      const m = (a + b) >> 1;
      const v = this.closure[m]!;
      if (v === ancestor) return true;
      if (v < ancestor) a = m + 1;
      else b = m - 1;
    }
    return false;
  }

  /** The term's ancestors including itself, most specific (highest IC) first, ties by index. Cached. */
  ancestorsBySpecificity(term: number): Int32Array {
    const cached = this.bySpecificity[term];
    if (cached) return cached;
    const list = this.closure.slice(this.closureOffsets[term]!, this.closureOffsets[term + 1]!);
    const sorted = Int32Array.from(list).sort();
    const arr = Array.from(sorted).sort((x, y) => (x === term ? -1 : y === term ? 1 : this.ic[y]! - this.ic[x]! || x - y));
    const out = Int32Array.from(arr);
    this.bySpecificity[term] = out;
    return out;
  }

  private buildPropagatedIndex() {
    const nTerms = this.termCount;
    const nDis = this.diseaseCount;
    const counts = new Int32Array(nTerms + 1);
    const stamp = new Int32Array(nTerms).fill(-1);
    // pass 1: count (term, disease) pairs
    for (let d = 0; d < nDis; d += 1) {
      for (let a = this.annOffsets[d]!; a < this.annOffsets[d + 1]!; a += 1) {
        if (this.isNegative(a)) continue;
        const t = this.annTerm[a]!;
        for (let k = this.closureOffsets[t]!; k < this.closureOffsets[t + 1]!; k += 1) {
          const x = this.closure[k]!;
          if (stamp[x] !== d) {
            stamp[x] = d;
            counts[x + 1]! += 1;
          }
        }
      }
    }
    const offsets = new Int32Array(nTerms + 1);
    for (let i = 0; i < nTerms; i += 1) offsets[i + 1] = offsets[i]! + counts[i + 1]!;
    const total = offsets[nTerms]!;
    const disease = new Int32Array(total);
    const direct = new Uint8Array(total);
    const cursor = offsets.slice(0, nTerms);
    const slot = new Int32Array(nTerms);
    const nAnn = this.annTerm.length;
    const annSlotOffsets = new Int32Array(nAnn + 1);
    for (let a = 0; a < nAnn; a += 1) {
      const t = this.annTerm[a]!;
      annSlotOffsets[a + 1] = annSlotOffsets[a]! + (this.isNegative(a) ? 0 : this.closureOffsets[t + 1]! - this.closureOffsets[t]!);
    }
    const annSlots = new Int32Array(annSlotOffsets[nAnn]!);
    stamp.fill(-1);
    // pass 2: fill, recording for each annotation the entries it reaches and whether the term is itself annotated
    for (let d = 0; d < nDis; d += 1) {
      for (let a = this.annOffsets[d]!; a < this.annOffsets[d + 1]!; a += 1) {
        if (this.isNegative(a)) continue;
        const t = this.annTerm[a]!;
        let out = annSlotOffsets[a]!;
        for (let k = this.closureOffsets[t]!; k < this.closureOffsets[t + 1]!; k += 1) {
          const x = this.closure[k]!;
          let s: number;
          if (stamp[x] !== d) {
            stamp[x] = d;
            s = cursor[x]!;
            cursor[x] = s + 1;
            slot[x] = s;
            disease[s] = d;
          } else {
            s = slot[x]!;
          }
          annSlots[out] = s;
          out += 1;
          if (x === t) direct[s] = 1;
        }
      }
    }
    return { offsets, disease, direct, annSlotOffsets, annSlots };
  }

  private buildNotIndex() {
    const nTerms = this.termCount;
    const lists: number[][] = Array.from({ length: nTerms }, () => []);
    for (let d = 0; d < this.diseaseCount; d += 1) {
      for (let a = this.annOffsets[d]!; a < this.annOffsets[d + 1]!; a += 1) {
        if (this.isNegative(a)) lists[this.annTerm[a]!]!.push(d);
      }
    }
    const offsets = new Int32Array(nTerms + 1);
    for (let i = 0; i < nTerms; i += 1) offsets[i + 1] = offsets[i]! + lists[i]!.length;
    const disease = new Int32Array(offsets[nTerms]!);
    lists.forEach((l, i) => disease.set(l, offsets[i]!));
    return { offsets, disease };
  }
}
