import { discordant } from './vignette-comparison.js';
import type { Vignette, VignetteOutcome } from './vignette.js';

/** Ranks vignettes by every version under study: outcomes[vignette][version], in the vignettes' order. */
export type RankVignettes = (vignettes: Vignette[], onRanked: (count: number) => void) => Promise<VignetteOutcome[][]>;

/** Draws vignette `index` of a disease (undefined when no version has a profile for it). */
export type DrawVignette = (diseaseId: string, index: number) => Vignette | undefined;

export interface StudyOptions {
  /** vignettes per disease */
  perDisease: number;
  /** with two versions: fresh vignettes for each disease whose screening vignettes were discordant at k (0: none) */
  confirm: number;
  k: number;
  onProgress?: (fraction: number, step: string) => void;
}

export interface DiseaseStudy {
  diseaseId: string;
  /** outcomes[vignette][version] of the screening vignettes (numbers 0 .. perDisease − 1) */
  screen: VignetteOutcome[][];
  /** of the confirming vignettes (numbers perDisease ..), empty when not confirmed */
  confirm: VignetteOutcome[][];
}

/**
 * Vignettes of every disease ranked by one or two versions (the same vignettes for both, which makes the comparison
 * paired). With two versions, diseases whose screening vignettes disagree get `confirm` fresh vignettes each, for a
 * paired test with power (vignette-comparison.ts). The confirming stage's size is known only after screening, so
 * progress runs to 80 % on screening, then to 100 %.
 */
export async function runVignetteStudy(diseases: readonly string[], draw: DrawVignette, rank: RankVignettes, versions: number, o: StudyOptions): Promise<DiseaseStudy[]> {
  const stage = async (ids: readonly string[], from: number, count: number, span: readonly [number, number], step: string) => {
    const vignettes: Vignette[] = [];
    for (const id of ids) for (let i = from; i < from + count; i += 1) {
      const v = draw(id, i);
      if (v) vignettes.push(v);
    }
    let done = 0;
    o.onProgress?.(span[0], step);
    const outcomes = await rank(vignettes, (n) => {
      done += n;
      o.onProgress?.(span[0] + (span[1] - span[0]) * (done / Math.max(1, vignettes.length)), step);
    });
    const byDisease = new Map<string, VignetteOutcome[][]>();
    vignettes.forEach((v, i) => (byDisease.get(v.diseaseId) ?? byDisease.set(v.diseaseId, []).get(v.diseaseId)!).push(outcomes[i]!));
    return byDisease;
  };
  const confirming = versions === 2 && o.confirm > 0;
  const screen = await stage(diseases, 0, o.perDisease, [0, confirming ? 0.8 : 1], `${diseases.length.toLocaleString('en-US')} diseases × ${o.perDisease} vignettes`);
  const studies: DiseaseStudy[] = diseases.filter((id) => screen.has(id)).map((id) => ({ diseaseId: id, screen: screen.get(id)!, confirm: [] }));
  if (confirming) {
    const pairs = (s: VignetteOutcome[][]) => s.map((x) => [x[0]!.rank, x[1]!.rank] as const);
    const toConfirm = studies.filter((s) => discordant(pairs(s.screen), o.k));
    const more = await stage(toConfirm.map((s) => s.diseaseId), o.perDisease, o.confirm, [0.8, 1], `confirming ${toConfirm.length.toLocaleString('en-US')} diseases × ${o.confirm} vignettes`);
    for (const s of toConfirm) s.confirm = more.get(s.diseaseId) ?? [];
  }
  o.onProgress?.(1, 'done');
  return studies;
}
