import { describe, expect, it } from 'vitest';
import { inferGeneLinks } from '../../../graph-snapshot/build/infer-gene-links.js';
import type { GeneDiseaseRow } from '../../../graph-snapshot/parsers/genes-to-disease-parser.js';
import type { GenePhenotypeRow } from '../../../graph-snapshot/parsers/genes-to-phenotype-parser.js';

const g2p = (gene: number, terms: string[], diseaseId?: string): GenePhenotypeRow[] => terms.map((hpoId, i) => ({ ncbiGeneId: gene, symbol: `G${gene}`, hpoId, diseaseId, line: i + 2 }));
const g2d = (gene: number, diseaseId: string): GeneDiseaseRow => ({ ncbiGeneId: gene, symbol: `G${gene}`, associationType: 'MENDELIAN', diseaseId, source: '', line: 2 });
const T = (n: number) => `HP:${String(n).padStart(7, '0')}`;
const terms = (...n: number[]) => new Set(n.map(T));

describe("gene–disease links from HPO's gene → phenotype file", () => {
  const diseaseTerms = new Map<string, Set<string>>([
    ['OMIM:1', terms(1, 2, 3, 4)], // gene 10's known disease
    ['OMIM:2', terms(5, 6, 7)], // no gene: explains the rest of gene 10's links
    ['OMIM:3', terms(5, 6, 8)], // no gene, but term 8 is not among gene 10's links
    ['OMIM:4', terms(5, 6)], // too few terms to stand for a gene
    ['OMIM:5', terms(11, 12, 13, 14)], // no gene: all of gene 20's links
    ['OMIM:6', terms(11, 12, 13)], // also fits gene 20, but OMIM:5 already explains every link
  ]);
  const current = (id: string) => id;

  it("links a disease without a gene whose annotations explain what the gene's known diseases do not", () => {
    const links = inferGeneLinks([...g2p(10, [1, 2, 3, 4, 5, 6, 7].map(T)), ...g2p(20, [11, 12, 13, 14].map(T))], [g2d(10, 'OMIM:1')], diseaseTerms, current);
    expect(links).toEqual([
      { ncbiGeneId: 10, symbol: 'G10', diseaseId: 'OMIM:2', basis: 'inferred' },
      { ncbiGeneId: 20, symbol: 'G20', diseaseId: 'OMIM:5', basis: 'inferred' },
    ]);
  });

  it('infers nothing when the known diseases explain every link; takes a stated disease_id as it is', () => {
    expect(inferGeneLinks(g2p(10, [1, 2, 3].map(T)), [g2d(10, 'OMIM:1')], diseaseTerms, current)).toEqual([]);
    expect(inferGeneLinks(g2p(30, [T(5)], 'OMIM:3'), [], diseaseTerms, current)).toEqual([{ ncbiGeneId: 30, symbol: 'G30', diseaseId: 'OMIM:3', basis: 'stated' }]);
    // a stated link genes_to_disease already has is not repeated
    expect(inferGeneLinks(g2p(10, [T(1)], 'OMIM:1'), [g2d(10, 'OMIM:1')], diseaseTerms, current)).toEqual([]);
  });
});
