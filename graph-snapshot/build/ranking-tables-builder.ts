import type { Ontology } from '../ontology/ontology.js';
import {
  ANNOTATION_FEMALE,
  ANNOTATION_MALE,
  ANNOTATION_NOT,
  FREQUENCY_CLASSES,
  RANKING_TABLES_FORMAT,
  RANKING_TABLES_VERSION,
  type RankingTables,
} from '../snapshot/ranking-tables.js';
import type { PhenotypeAssembly } from './assemble-phenotypes.js';
import type { Knowledge } from './knowledge.js';
import { normaliseDiseaseName } from '../parsers/clinvar-prevalence.js';

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
  const genes: RankingTables['genes'] = { ncbiIds: [], symbols: [], aliases: [], chrom: [], start: [], end: [], pathogenicVariants: [] };
  const pathogenic = pathogenicCounts(knowledge);
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
      genes.pathogenicVariants.push(pathogenic.get(gd.gene) ?? 0);
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
    annFreqClass: [],
    annFreqN: [],
    annFreqM: [],
    annFlags: [],
    annOnset: [],
    prevalence: [],
    clinvarReports: [],
  };
  const traits = clinvarTraits(knowledge);
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
      const evidence = frequencyEvidence(e.frequencyRaw);
      d.annFreqClass.push(evidence.frequencyClass);
      d.annFreqN.push(evidence.n);
      d.annFreqM.push(evidence.m);
      let flags = e.excluded ? ANNOTATION_NOT : 0;
      // the sex column is written MALE / FEMALE and, in some rows, male / female
      const sexes = e.sex.toUpperCase().split(';');
      if (sexes.includes('MALE')) flags |= ANNOTATION_MALE;
      if (sexes.includes('FEMALE')) flags |= ANNOTATION_FEMALE;
      d.annFlags.push(flags);
      d.annOnset.push(e.onset ? termIndex(e.onset) : -1);
    }
    d.annOffsets.push(d.annTerm.length);
    const names = [disease.label, ...disease.synonyms].map(normaliseDiseaseName);
    let prevalence = -1;
    let reports = 0;
    for (const name of new Set(names)) {
      const t = traits.get(name);
      if (!t) continue;
      reports = Math.max(reports, t.reports);
      if (t.prevalence > prevalence) prevalence = t.prevalence;
    }
    d.prevalence.push(prevalence);
    d.clinvarReports.push(reports);
  }

  const unprofiled = unprofiledDiseases(knowledge, new Set(d.ids), new Set(d.mondo.filter(Boolean)), genesByDisease);

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
    unprofiled,
    genes,
  };
}

/** Orphanet groups and diseases of many genes say too little about any one gene to be shown for it. */
export const MAX_GENES_OF_UNPROFILED = 5;

/**
 * Active diseases with a gene but no phenotype annotation, whose MONDO concept has no annotated entry either, with at
 * most MAX_GENES_OF_UNPROFILED genes and not an Orphanet group.
 */
function unprofiledDiseases(
  k: Knowledge,
  profiled: Set<string>,
  profiledMondo: Set<string>,
  genesByDisease: Map<string, { gene: number; type: string }[]>,
): RankingTables['unprofiled'] {
  const out: RankingTables['unprofiled'] = { ids: [], labels: [], mondo: [], genes: [] };
  const candidates = k.diseases
    .filter((x) => x.active && !profiled.has(x.id) && !(x.mondo && profiledMondo.has(x.mondo)) && x.orphaLevel !== 'Group of disorders')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const x of candidates) {
    const gs = genesByDisease.get(x.id) ?? [];
    if (gs.length === 0 || gs.length > MAX_GENES_OF_UNPROFILED) continue;
    out.ids.push(x.id);
    out.labels.push(x.label);
    out.mondo.push(x.mondo);
    out.genes.push(gs.map((g) => g.gene));
  }
  return out;
}

/**
 * The evidence of an annotation's frequency rows (`frequencyRaw` joins the rows with ';'): the most frequent HPO class
 * given (rows of one link rarely disagree), and the patient counts pooled over the rows that give n/m.
 */
export function frequencyEvidence(raw: string): { frequencyClass: number; n: number; m: number } {
  let frequencyClass = -1;
  let n = 0;
  let m = 0;
  for (const cell of raw.split(';')) {
    const s = cell.trim();
    const c = FREQUENCY_CLASSES.findIndex((x) => x.id === s);
    if (c >= 0 && (frequencyClass < 0 || c < frequencyClass)) frequencyClass = c;
    const ratio = /^(\d+)\s*\/\s*(\d+)$/.exec(s);
    if (ratio && Number(ratio[2]) > 0 && Number(ratio[1]) <= Number(ratio[2])) {
      n += Number(ratio[1]);
      m += Number(ratio[2]);
    }
  }
  return m > 0 ? { frequencyClass, n, m } : { frequencyClass, n: -1, m: -1 };
}

/**
 * ClinVar's traits by normalised name: how many pathogenic / likely pathogenic variants name the trait, and the
 * prevalence its records state most often (records naming one trait only, so the prevalence is that trait's).
 */
function clinvarTraits(knowledge: Knowledge): Map<string, { reports: number; prevalence: number }> {
  const reports = new Map<string, number>();
  const votes = new Map<string, Map<number, number>>();
  for (const v of knowledge.variants) {
    if (v.significance !== 'pathogenic' && v.significance !== 'likely_pathogenic') continue;
    for (const t of v.traits) {
      const name = normaliseDiseaseName(t);
      reports.set(name, (reports.get(name) ?? 0) + 1);
    }
    if (v.traits.length === 1 && v.prevalencePerMillion !== undefined) {
      const name = normaliseDiseaseName(v.traits[0]!);
      const byValue = votes.get(name) ?? votes.set(name, new Map()).get(name)!;
      byValue.set(v.prevalencePerMillion, (byValue.get(v.prevalencePerMillion) ?? 0) + 1);
    }
  }
  const out = new Map<string, { reports: number; prevalence: number }>();
  for (const [name, n] of reports) {
    const byValue = [...(votes.get(name) ?? new Map<number, number>()).entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
    out.set(name, { reports: n, prevalence: byValue[0]?.[0] ?? -1 });
  }
  return out;
}

/** ClinVar pathogenic / likely pathogenic variants per gene (NCBI id), through the variants' IN_GENE edges. */
function pathogenicCounts(knowledge: Knowledge): Map<number, number> {
  const significance = new Map(knowledge.variants.map((v) => [v.key, v.significance]));
  const counts = new Map<number, number>();
  for (const e of knowledge.inGene) {
    const s = significance.get(e.variant) ?? '';
    if (s === 'pathogenic' || s === 'likely_pathogenic') counts.set(e.gene, (counts.get(e.gene) ?? 0) + 1);
  }
  return counts;
}
