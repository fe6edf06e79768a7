import type { Ontology } from '../ontology/ontology.js';
import {
  ANNOTATION_FEMALE,
  ANNOTATION_MALE,
  ANNOTATION_NOT,
  RANKING_TABLES_FORMAT,
  RANKING_TABLES_VERSION,
  type RankingTables,
} from '../snapshot/ranking-tables.js';
import type { PhenotypeAssembly } from './assemble-phenotypes.js';
import type { Knowledge } from './knowledge.js';

/**
 * Projects the knowledge onto the ranker's tables. Diseases enter when they have at least one phenotypic or
 * clinical-course annotation; their genes are every gene associated with them.
 */
export function buildRankingTables(
  snapshotId: string,
  ontology: Ontology,
  phenotypes: PhenotypeAssembly,
  knowledge: Knowledge,
): RankingTables {
  const closure = ontology.closure();
  const closureOffsets = [0];
  const closureFlat: number[] = [];
  for (const c of closure) {
    for (const a of c) closureFlat.push(a);
    closureOffsets.push(closureFlat.length);
  }
  const termIndex = (id: string) => ontology.index(id) ?? -1;
  const aspectByTerm = new Map(knowledge.phenotypes.map((p) => [p.id, p.aspect]));

  const edgesByDisease = new Map<string, Knowledge['hasPhenotype']>();
  for (const e of knowledge.hasPhenotype) {
    if (e.aspect !== 'P' && e.aspect !== 'C') continue;
    const list = edgesByDisease.get(e.disease);
    if (list) list.push(e);
    else edgesByDisease.set(e.disease, [e]);
  }
  const geneIndex = new Map<number, number>();
  const genes: RankingTables['genes'] = { ncbiIds: [], symbols: [], aliases: [], chrom: [], start: [], end: [] };
  const genesByDisease = new Map<string, { gene: number; type: string }[]>();
  const geneNode = new Map(knowledge.genes.map((g) => [g.ncbiId, g]));
  for (const gd of knowledge.geneDisease) {
    let gi = geneIndex.get(gd.gene);
    if (gi === undefined) {
      gi = genes.ncbiIds.length;
      geneIndex.set(gd.gene, gi);
      const node = geneNode.get(gd.gene);
      genes.ncbiIds.push(gd.gene);
      genes.symbols.push(node?.symbol ?? '');
      genes.aliases.push(node?.aliases ?? []);
      genes.chrom.push(node?.chrom ?? '');
      genes.start.push(node?.startPos ?? 0);
      genes.end.push(node?.endPos ?? 0);
    }
    const list = genesByDisease.get(gd.disease) ?? [];
    list.push({ gene: gi, type: gd.associationType });
    genesByDisease.set(gd.disease, list);
  }

  const d: RankingTables['diseases'] = {
    ids: [],
    labels: [],
    mondo: [],
    inheritance: [],
    genes: [],
    geneAssociation: [],
    annOffsets: [0],
    annTerm: [],
    annFreq: [],
    annFlags: [],
    annOnset: [],
  };
  const diseases = [...knowledge.diseases].filter((x) => x.active && edgesByDisease.has(x.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const disease of diseases) {
    d.ids.push(disease.id);
    d.labels.push(disease.label);
    d.mondo.push(disease.mondo);
    d.inheritance.push(disease.inheritance.map(termIndex).filter((i) => i >= 0));
    const gs = genesByDisease.get(disease.id) ?? [];
    d.genes.push(gs.map((g) => g.gene));
    d.geneAssociation.push(gs.map((g) => g.type));
    const edges = [...edgesByDisease.get(disease.id)!].sort((a, b) => termIndex(a.phenotype) - termIndex(b.phenotype));
    for (const e of edges) {
      const t = termIndex(e.phenotype);
      if (t < 0 || (aspectByTerm.get(e.phenotype) !== 'P' && aspectByTerm.get(e.phenotype) !== 'C')) continue;
      d.annTerm.push(t);
      d.annFreq.push(e.frequency ?? -1);
      let flags = e.excluded ? ANNOTATION_NOT : 0;
      const sexes = e.sex.split(';');
      if (sexes.includes('MALE')) flags |= ANNOTATION_MALE;
      if (sexes.includes('FEMALE')) flags |= ANNOTATION_FEMALE;
      d.annFlags.push(flags);
      d.annOnset.push(e.onset ? termIndex(e.onset) : -1);
    }
    d.annOffsets.push(d.annTerm.length);
  }

  const redirects: Record<string, string> = {};
  const replacements: Record<string, string> = {};
  for (const [from, res] of ontology.redirectEntries()) {
    if (res.via === 'replaced_by') replacements[from] = res.id;
    else redirects[from] = res.id;
  }

  return {
    format: RANKING_TABLES_FORMAT,
    version: RANKING_TABLES_VERSION,
    snapshotId,
    terms: {
      ids: ontology.terms.map((t) => t.id),
      labels: ontology.terms.map((t) => t.name),
      aspects: ontology.terms.map((t) => aspectByTerm.get(t.id) ?? ''),
      parents: ontology.parents.map((p) => [...p]),
      closureOffsets,
      closure: closureFlat,
      diseaseCount: [...phenotypes.counts],
      ic: [...phenotypes.ic].map((x) => Math.round(x * 1e6) / 1e6),
      depth: [...ontology.depths()],
    },
    annotatedDiseases: phenotypes.annotatedDiseases,
    redirects,
    replacements,
    diseases: d,
    genes,
  };
}
