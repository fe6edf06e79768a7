import type { Ontology } from '../ontology/ontology.js';
import { informationContent } from '../ontology/information-content.js';
import type { Knowledge, PhenotypeNode } from './knowledge.js';

/** Top-level HPO branches and the phenotype.hpoa aspect letter used for each. */
export const branchAspects: Readonly<Record<string, string>> = {
  'HP:0000118': 'P',
  'HP:0000005': 'I',
  'HP:0031797': 'C',
  'HP:0012823': 'M',
  'HP:0040279': 'F',
  'HP:0032443': 'H',
  'HP:0032223': 'B',
};

export interface PhenotypeAssembly {
  nodes: PhenotypeNode[];
  isA: Knowledge['isA'];
  /** IC and annotation counts by term index */
  ic: Float64Array;
  counts: Int32Array;
  annotatedDiseases: number;
}

/**
 * Phenotype nodes with their precomputed ranking features (closure, depth, IC). `diseaseTerms` lists, per
 * annotated disease, the term indexes of its positive phenotypic annotations.
 */
export function assemblePhenotypes(
  ontology: Ontology,
  diseaseTerms: readonly number[][],
  textVariants: Map<string, string[]>,
): PhenotypeAssembly {
  const closure = ontology.closure();
  const depth = ontology.depths();
  const { counts, ic, annotatedDiseases } = informationContent(ontology.size, closure, diseaseTerms);
  const altIdsByTarget = new Map<string, string[]>();
  for (const [from, res] of ontology.redirectEntries()) {
    if (res.via !== 'alt_id') continue;
    const list = altIdsByTarget.get(res.id) ?? [];
    list.push(from);
    altIdsByTarget.set(res.id, list);
  }
  const branchIndex = new Map<number, string>();
  for (const [id, aspect] of Object.entries(branchAspects)) {
    const i = ontology.index(id);
    if (i !== undefined) branchIndex.set(i, aspect);
  }
  const nodes: PhenotypeNode[] = ontology.terms.map((t, i) => {
    const anc = closure[i]!;
    // the nearest branch wins: in current releases Clinical course (onset, C) sits under Clinical modifier (M), and an
    // onset term must stay C or the onset annotations never reach the ranking tables
    let aspect = '';
    let aspectDepth = -1;
    for (const a of anc) {
      const b = branchIndex.get(a);
      if (b !== undefined && depth[a]! > aspectDepth) {
        aspect = b;
        aspectDepth = depth[a]!;
      }
    }
    const known = new Set([t.name.toLowerCase(), ...t.synonyms.map((s) => s.text.toLowerCase())]);
    return {
      id: t.id,
      label: t.name,
      definition: t.definition ?? '',
      synonyms: t.synonyms.map((s) => s.text),
      synonymScopes: t.synonyms.map((s) => (s.type ? `${s.scope}:${s.type}` : s.scope)),
      textVariants: (textVariants.get(t.id) ?? []).filter((v) => !known.has(v.toLowerCase())),
      altIds: [...new Set([...t.altIds, ...(altIdsByTarget.get(t.id) ?? [])])].sort(),
      xrefs: t.xrefs,
      aspect,
      obsolete: false,
      replacedBy: '',
      ic: ic[i]!,
      diseaseCount: counts[i]!,
      depth: depth[i]!,
      ancestors: [...anc].filter((a) => a !== i).map((a) => ontology.terms[a]!.id),
    };
  });
  for (const t of ontology.obsolete) {
    nodes.push({
      id: t.id,
      label: t.name,
      definition: t.definition ?? '',
      synonyms: [],
      synonymScopes: [],
      textVariants: [],
      altIds: t.altIds,
      xrefs: t.xrefs,
      aspect: '',
      obsolete: true,
      replacedBy: ontology.resolve(t.id)?.id ?? t.replacedBy ?? '',
      ic: 0,
      diseaseCount: 0,
      depth: 0,
      ancestors: [],
    });
  }
  const isA: Knowledge['isA'] = [];
  ontology.parents.forEach((ps, c) => ps.forEach((p) => isA.push({ child: ontology.terms[c]!.id, parent: ontology.terms[p]!.id })));
  return { nodes, isA, ic, counts, annotatedDiseases };
}

/** PhenoTagger names per current term, alt-id keys folded onto their primary term. */
export function collectTextVariants(ontology: Ontology, wordMap: Record<string, string[]> | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!wordMap) return out;
  for (const [id, names] of Object.entries(wordMap)) {
    const target = ontology.resolve(id);
    if (!target) continue;
    const set = new Set(out.get(target.id) ?? []);
    for (const n of names) if (n.trim()) set.add(n.trim());
    out.set(target.id, [...set]);
  }
  return out;
}
