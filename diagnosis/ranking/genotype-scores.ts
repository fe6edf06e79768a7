import type { Sex } from '../case-input/case-findings.js';
import { familyGenotypeLR } from '../family/family-genotype.js';
import { genotypeLR, genotypeParameters, type GenotypeCheck } from '../variants/genotype-likelihood.js';
import { SYNDROME_NOT_CALLED_LR } from '../variants/contiguous-syndromes.js';
import { modesOf, type InheritanceMode } from '../variants/inheritance-modes.js';
import type { PatientVariants } from '../variants/patient-variants.js';
import type { PhenotypeModel } from './phenotype-model.js';

export interface GeneCheck {
  /** ranker gene number; -1 when the evidence is a contiguous-gene syndrome's critical region */
  gene: number;
  /** with gene -1: what the region rests on ("cytoband 17q11.2") */
  region?: string;
  check: GenotypeCheck;
}

/**
 * Genotype evidence for every disease: the best of its genes' genotype likelihood ratios under the disease's modes of
 * inheritance. A disease with no known gene gets LR 1 (the VCF says nothing about it); a disease whose genes carry no
 * qualifying variant is lowered (genotype-likelihood.ts).
 */
export class GenotypeScores {
  private readonly best = new Map<number, GeneCheck>();
  /** ln LR per disease */
  readonly lnLR: Float64Array;
  /** per gene: checks by mode-set id (diseases share a handful of mode sets) */
  private readonly perGene = new Map<number, (GenotypeCheck | undefined)[]>();
  private readonly noVariant: GenotypeCheck;

  constructor(
    private readonly model: PhenotypeModel,
    private readonly variants: PatientVariants,
    private readonly sex: Sex | undefined,
    private readonly modes: DiseaseModes,
  ) {
    const n = model.diseaseCount;
    this.lnLR = new Float64Array(n);
    this.noVariant = genotypeLR([], [], sex);
    if (variants.listed) this.noVariant = { ...this.noVariant, lr: notListedLR(model, variants.byGene.size), reason: 'not on the candidate list' };
    if (variants.named) this.noVariant = { ...this.noVariant, lr: 1, reason: 'no variant named for the gene in the narrative (no VCF or list was given)' };
    // copy-number calls alone say nothing of a gene's small variants: a gene without a call is not lowered
    if (variants.copyNumberOnly) this.noVariant = { ...this.noVariant, lr: 1, reason: 'no copy-number call in the gene (no small variants were given)' };
    for (let d = 0; d < n; d += 1) {
      const genes = model.diseaseGenes[d]!;
      let best: GeneCheck | undefined;
      for (const g of genes) {
        const check = this.checkGene(g, d);
        if (!best || check.lr > best.check.lr) best = { gene: g, check };
      }
      const region = this.regionCheck(d, best);
      if (region) best = region;
      if (!best) continue;
      this.best.set(d, best);
      this.lnLR[d] = Math.log(best.check.lr);
    }
  }

  /**
   * A contiguous-gene syndrome (contiguous-syndromes.ts): a call over its critical region is its evidence when
   * stronger than its best gene's; with a copy-number call set and no call over the region, its genes' evidence (1
   * when it has none) times SYNDROME_NOT_CALLED_LR. `gene` is -1: the evidence rests on the region.
   */
  private regionCheck(d: number, best: GeneCheck | undefined): GeneCheck | undefined {
    const match = this.variants.syndromes?.get(d);
    if (match) {
      if (best && best.check.lr >= match.lr) return undefined;
      const covered = `${Math.round(100 * match.covered)} %`;
      return { gene: -1, region: match.region.basis, check: { mode: 'dominant', satisfied: true, lr: match.lr, variants: [match.variant], reason: `${match.region.change} covering ${covered} of the critical region (${match.region.basis})` } };
    }
    if (this.variants.copyNumberCalled && this.variants.syndromeDiseases?.has(d)) {
      const base = best?.check.lr ?? 1;
      return {
        gene: best?.gene ?? -1,
        check: { ...(best?.check ?? { mode: 'none', satisfied: false, variants: [] }), lr: base * SYNDROME_NOT_CALLED_LR, reason: `${best ? `${best.check.reason}; ` : ''}no copy-number call over the critical region` },
      };
    }
    return undefined;
  }

  /** The genotype check of gene `g` for disease `d` (cached per gene and mode set). */
  checkGene(g: number, d: number): GenotypeCheck {
    const variants = this.variants.byGene.get(g);
    if (!variants || variants.length === 0) return this.noVariant;
    const set = this.modes.setOf[d]!;
    let cache = this.perGene.get(g);
    if (!cache) {
      cache = [];
      this.perGene.set(g, cache);
    }
    let check = cache[set];
    if (!check) {
      const modes = this.modes.sets[set]!;
      // a sequenced family: the same check, each candidate weighed by what the family says of it (diagnosis/family)
      check = this.variants.family ? familyGenotypeLR(variants, modes, this.sex, this.variants.family) : genotypeLR(variants, modes, this.sex);
      cache[set] = check;
    }
    return check;
  }

  bestFor(d: number): GeneCheck | undefined {
    return this.best.get(d);
  }
}

/** The LR of a gene a lab's candidate list does not name (genotypeParameters.listMissRate: why). */
function notListedLR(model: PhenotypeModel, listedGenes: number): number {
  const diseaseGenes = new Set(model.diseaseGenes.flat()).size;
  const miss = genotypeParameters.listMissRate;
  return (miss * Math.max(1, listedGenes)) / ((1 - miss) * Math.max(1, diseaseGenes));
}

/** Modes of inheritance per disease (from its HPO inheritance annotations), as ids into a few distinct sets. */
export interface DiseaseModes {
  sets: InheritanceMode[][];
  setOf: Int32Array;
}

/**
 * A disease without inheritance annotations (every ORPHA entry in the sources here) takes the modes of the OMIM
 * entries of the same MONDO concept, else of the other diseases of its genes; only then is the mode left open.
 * Otherwise a carrier of cystic fibrosis would "satisfy" ORPHA's cystic fibrosis as if it were dominant.
 */
export function diseaseModes(model: PhenotypeModel): DiseaseModes {
  const sets: InheritanceMode[][] = [];
  const ids = new Map<string, number>();
  const setOf = new Int32Array(model.diseaseCount);
  const byMondo = new Map<string, number[]>();
  model.diseaseMondo.forEach((mondo, d) => {
    if (mondo) (byMondo.get(mondo) ?? byMondo.set(mondo, []).get(mondo)!).push(d);
  });
  const byGene = new Map<number, number[]>();
  model.diseaseGenes.forEach((genes, d) => genes.forEach((g) => (byGene.get(g) ?? byGene.set(g, []).get(g)!).push(d)));
  const inheritanceIds = (d: number) => model.inheritance[d]!.map((t) => model.termIds[t]!);
  model.inheritance.forEach((terms, d) => {
    let source = inheritanceIds(d);
    if (source.length === 0 && model.diseaseMondo[d]) source = (byMondo.get(model.diseaseMondo[d]!) ?? []).flatMap(inheritanceIds);
    if (source.length === 0) source = model.diseaseGenes[d]!.flatMap((g) => (byGene.get(g) ?? []).flatMap(inheritanceIds));
    void terms;
    const modes = modesOf(source).sort();
    const key = modes.join(',');
    let id = ids.get(key);
    if (id === undefined) {
      id = sets.length;
      sets.push(modes);
      ids.set(key, id);
    }
    setOf[d] = id;
  });
  return { sets, setOf };
}
