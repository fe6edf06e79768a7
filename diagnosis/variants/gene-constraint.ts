import type { ConstraintColumns } from '../../graph-snapshot/snapshot/gene-models.js';

/** gnomAD constraint of a gene; a missing value is unknown (the table is incomplete), never "unconstrained". */
export interface GeneConstraintValues {
  pli?: number;
  loeuf?: number;
  misZ?: number;
}

/**
 * gnomAD v4's recommended threshold for loss-of-function intolerance (LOEUF < 0.6; v2's 0.35 was for its smaller
 * sample), and the classic missense-constraint threshold (Z ≥ 3.09, Samocha et al. 2014: p < 10⁻³).
 */
export const LOF_INTOLERANT_LOEUF = 0.6;
export const MISSENSE_CONSTRAINED_Z = 3.09;

export const isLofIntolerant = (c: GeneConstraintValues | undefined) => c?.loeuf !== undefined && c.loeuf < LOF_INTOLERANT_LOEUF;
export const isMissenseConstrained = (c: GeneConstraintValues | undefined) => c?.misZ !== undefined && c.misZ >= MISSENSE_CONSTRAINED_Z;

/** Constraint by NCBI gene id. */
export class GeneConstraintTable {
  private readonly byId = new Map<number, GeneConstraintValues>();

  constructor(c: ConstraintColumns) {
    c.ncbiIds.forEach((id, i) => {
      const v: GeneConstraintValues = {};
      if (c.pli[i] !== null && c.pli[i] !== undefined) v.pli = c.pli[i]!;
      if (c.loeuf[i] !== null && c.loeuf[i] !== undefined) v.loeuf = c.loeuf[i]!;
      if (c.misZ[i] !== null && c.misZ[i] !== undefined) v.misZ = c.misZ[i]!;
      this.byId.set(id, v);
    });
  }

  of(ncbiGeneId: number): GeneConstraintValues | undefined {
    return this.byId.get(ncbiGeneId);
  }

  get size(): number {
    return this.byId.size;
  }
}
