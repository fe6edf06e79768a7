import { describe, expect, it } from 'vitest';
import { PhenotypeModel } from '../../../diagnosis/ranking/phenotype-model.js';
import { PhenotypeRanker } from '../../../diagnosis/ranking/ranker.js';
import { UnprofiledDiseases } from '../../../diagnosis/ranking/unprofiled-diseases.js';
import { describeRankResult } from '../../../scripts/cli/describe-rank-result.js';
import { T, termIds, tinyTables } from '../../helpers/tiny-tables.js';

describe('diseases without a curated phenotype profile', () => {
  const tables = tinyTables();
  // OMIM:9 has gene GENE4 (as OMIM:4 does) and no annotation; OMIM:8 has GENE1 (OMIM:1 and ORPHA:3); OMIM:7 a gene with none
  tables.genes.ncbiIds.push(77);
  tables.genes.symbols.push('GENE7');
  tables.genes.aliases.push([]);
  tables.genes.chrom.push('3');
  tables.genes.start.push(1);
  tables.genes.end.push(2);
  tables.genes.pathogenicVariants.push(0);
  tables.unprofiled = { ids: ['OMIM:7', 'OMIM:8', 'OMIM:9'], labels: ['Seven', 'Eight', 'Nine'], mondo: ['', '', ''], genes: [[3], [0], [2]] };
  const model = new PhenotypeModel(tables);
  const unprofiled = new UnprofiledDiseases(tables.unprofiled, model);
  const ranker = new PhenotypeRanker(model, {}, unprofiled);

  it('borrows the score of its genes\' annotated diseases: their log-mean-exp, never above the best', () => {
    expect([...unprofiled.borrowed[1]!]).toEqual([0, 2]);
    const scores = Float64Array.from([Math.log(8), 0, Math.log(2), 0]);
    const noPrior = new Float64Array(4);
    expect(unprofiled.score(1, scores, noPrior, 0)).toBeCloseTo(Math.log(5), 12);
    expect(unprofiled.score(2, scores, noPrior, 0)).toBe(0);
    expect(unprofiled.score(0, scores, noPrior, 0)).toBe(-Infinity);
    // its own prior replaces the borrowed diseases' priors
    const priors = Float64Array.from([Math.log(4), 0, 0, 0]);
    expect(unprofiled.score(1, scores, priors, Math.log(0.5))).toBeCloseTo(Math.log((8 / 4 + 2) / 2) + Math.log(0.5), 12);
  });

  it('is listed after the diseases it borrows from, flagged, with their ids; one without borrowed evidence is not listed', () => {
    const r = ranker.rank({ present: [termIds[T.B]!], excluded: [] }, { top: 10 });
    const ids = r.diseases.map((d) => d.id);
    expect(ids).toContain('OMIM:9');
    expect(ids).not.toContain('OMIM:7');
    expect(ids.indexOf('OMIM:9')).toBeGreaterThan(ids.indexOf('OMIM:4'));
    const nine = r.diseases.find((d) => d.id === 'OMIM:9')!;
    expect(nine).toMatchObject({ profile: { curated: false, borrowedFrom: ['OMIM:4'] }, genes: [{ symbol: 'GENE4', ncbiGeneId: 44 }] });
    // OMIM:4's score without its prior (ClinVar knows it), with OMIM:9's own (nothing known)
    const four = r.diseases.find((d) => d.id === 'OMIM:4')!;
    expect(nine.score).toBeCloseTo(four.score - four.parts.prior + nine.parts.prior, 12);
    expect(r.diseases.map((d) => d.rank)).toEqual(r.diseases.map((_, i) => i + 1));
    expect(r.diseases.find((d) => d.id === 'OMIM:4')!.profile).toBeUndefined();
  });

  it('is flagged in the CLI table', () => {
    const r = ranker.rank({ present: [termIds[T.B]!], excluded: [] }, { top: 10 });
    const text = describeRankResult(r, 10);
    expect(text).toMatch(/OMIM:9\s+Nine \*/);
    expect(text).toContain('* no curated phenotype profile');
  });

  it('changes nothing when the ranker has none', () => {
    const plain = new PhenotypeRanker(model, {});
    const r = plain.rank({ present: [termIds[T.B]!], excluded: [] }, { top: 10 });
    expect(r.diseases.every((d) => d.profile === undefined)).toBe(true);
  });
});
