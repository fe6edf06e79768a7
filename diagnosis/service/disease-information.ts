import { ApiCallError } from '../contract/api.js';
import type { DiseaseInfo } from '../contract/api-schemas.js';
import { orderDiseaseIds } from '../contract/disease-ids.js';
import type { KnowledgeSession } from '../pipeline/knowledge-session.js';
import { estimateFrequency } from '../ranking/annotation-frequency.js';
import { knowledgeSources } from './knowledge-sources.js';

/**
 * What the snapshot says about one disease concept (all its OMIM / ORPHA entries through MONDO), for the panel beside
 * a candidate: names, Orphanet classification, inheritance, genes, the annotated features with how often they occur
 * (the same frequency model and wording as the ranker's explanations), onset and course, and the sources' releases.
 */
export async function diseaseInformation(session: KnowledgeSession, id: string, featureLimit = 15): Promise<DiseaseInfo> {
  const m = session.model;
  return session.use(async () => {
    const twins = await session.graph.equivalentDiseases(id);
    const ids = orderDiseaseIds(twins.filter((x) => m.diseaseIndex.has(x) || x === id));
    const contexts = await session.graph.diseaseContexts(ids);
    if (contexts.length === 0) throw new ApiCallError(`no disease ${id} in the knowledge snapshot`, 'not-found');
    const shown = ids.find((x) => contexts.some((c) => c.id === x)) ?? contexts[0]!.id;
    const main = contexts.find((c) => c.id === shown)!;

    const names = new Map<string, string>();
    for (const c of contexts) for (const s of [c.label, ...c.synonyms]) if (s && !names.has(s.toLowerCase())) names.set(s.toLowerCase(), s);
    names.delete(main.label.toLowerCase());
    const unique = <T extends { id: string }>(list: T[]) => [...new Map(list.map((x) => [x.id, x])).values()];

    const genes = new Map<string, { symbol: string; ncbiGeneId: number; association?: string }>();
    for (const x of ids) {
      for (const g of await session.graph.genesForDisease(x)) {
        if (!genes.has(g.symbol)) genes.set(g.symbol, { symbol: g.symbol, ncbiGeneId: g.ncbiId, ...(g.associationType ? { association: g.associationType } : {}) });
      }
    }

    // Features: each term once (its best-documented annotation over the concept's entries); phenotypic abnormalities
    // only: inheritance and clinical course are listed apart.
    const p = session.ranker.parameters;
    const byTerm = new Map<number, { known: boolean; frequency: number; text: string; onset: string | undefined }>();
    const course = new Map<string, { id: string; label: string }>();
    for (const x of ids) {
      const d = m.diseaseIndex.get(x);
      if (d === undefined) continue;
      for (let a = m.annOffsets[d]!; a < m.annOffsets[d + 1]!; a += 1) {
        if (m.isNegative(a)) continue;
        const t = m.annTerm[a]!;
        const aspect = m.termAspects[t];
        if (aspect === 'C') course.set(m.termIds[t]!, { id: m.termIds[t]!, label: m.termLabels[t]! });
        if (aspect !== 'P') continue;
        const est = estimateFrequency(m.frequencyEvidence(a), p);
        const known = est.basis !== 'unknown';
        const onset = m.annOnset[a]! >= 0 ? m.termLabels[m.annOnset[a]!] : undefined;
        const kept = byTerm.get(t);
        if (!kept || (known && (!kept.known || est.estimate > kept.frequency))) byTerm.set(t, { known, frequency: est.estimate, text: known ? est.text : 'frequency not given by the source', onset });
      }
    }
    // most frequent first; without frequencies (as in these sources), the most specific first
    const features = [...byTerm.entries()]
      .sort(([ta, a], [tb, b]) => Number(b.known) - Number(a.known) || (a.known && b.known ? b.frequency - a.frequency : 0) || m.ic[tb]! - m.ic[ta]! || ta - tb)
      .slice(0, featureLimit)
      .map(([t, f]) => ({ id: m.termIds[t]!, label: m.termLabels[t]!, ...(f.known ? { frequency: f.frequency } : {}), frequencyText: f.text, ...(f.onset ? { onset: f.onset } : {}) }));

    return {
      id: shown,
      ids,
      label: main.label,
      ...(main.mondo ? { mondo: main.mondo } : {}),
      synonyms: [...names.values()],
      classification: unique(contexts.flatMap((c) => c.classification)),
      inheritance: unique(contexts.flatMap((c) => c.inheritance)),
      genes: [...genes.values()],
      features,
      featureCount: byTerm.size,
      onset: [...course.values()],
      sources: knowledgeSources(session.manifest),
    };
  });
}
