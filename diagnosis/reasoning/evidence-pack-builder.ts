import type { GraphSnapshot } from '../../graph-snapshot/query/graph-snapshot.js';
import type { CaseFindings } from '../case-input/case-findings.js';
import { explainCandidate } from '../ranking/explanation.js';
import type { PhenotypeRanker, RankResult } from '../ranking/ranker.js';
import type { DiseaseTextIndex } from './disease-text-index.js';
import { discriminatingFindings } from './discriminating-findings.js';
import type { EvidenceCandidate, EvidenceItem, EvidencePack } from './evidence-pack.js';

export interface PackOptions {
  /** leading candidates of the deterministic ranking (default 8) */
  top?: number;
  /** extra candidates from full-text retrieval that the ranker did not lead with (default 3) */
  textCandidates?: number;
  narrative?: string;
}

/** Evidence lines per candidate kept in the pack (the explanation itself keeps everything). */
const MAX_OBSERVED_LINES = 10;
const MAX_EXCLUDED_LINES = 5;
const MAX_NOT_REPORTED_LINES = 3;

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toPrecision(2));

/**
 * Builds the GraphRAG evidence pack for a ranked case: for the leading candidates, their matched, excluded and
 * unreported phenotypes (with frequencies where known), genes, the patient's variants in them, inheritance, names and
 * synonyms, Orphanet classification; plus candidates found by full-text retrieval over names, synonyms and phenotype
 * labels; plus the discriminating findings computed from the graph. Every item has a stable id.
 */
export async function buildEvidencePack(
  ranker: PhenotypeRanker,
  graph: GraphSnapshot,
  textIndex: DiseaseTextIndex | undefined,
  findings: Pick<CaseFindings, 'sex' | 'ageYears'>,
  result: RankResult,
  options: PackOptions = {},
): Promise<EvidencePack> {
  const started = performance.now();
  const m = ranker.model;
  const top = options.top ?? 8;
  const items = new Map<string, EvidenceItem>();
  const add = (item: EvidenceItem) => {
    items.set(item.id, item);
    return item.id;
  };

  const leading = result.diseases.slice(0, top);
  const candidates: EvidenceCandidate[] = leading.map((d) => ({
    diseaseId: d.id,
    ids: d.ids,
    label: d.label,
    mondo: d.mondo,
    source: 'ranker',
    rank: d.rank,
    probability: d.probability,
    evidenceIds: [],
    explanation: d.explanation ?? explainCandidate(m, ranker, m.diseaseIndex.get(d.id)!, result.present, result.excluded, findings),
  }));

  // Full-text retrieval: diseases whose names or phenotype labels match the patient's terms and narrative.
  if (textIndex && (options.textCandidates ?? 3) > 0) {
    const query = [...result.present.map((q) => q.label), options.narrative?.slice(0, 2000) ?? ''].join(' ');
    const inPack = new Set(leading.flatMap((d) => d.ids));
    const mondoInPack = new Set(leading.map((d) => d.mondo).filter(Boolean));
    let added = 0;
    for (const hit of textIndex.query(query, 40)) {
      if (added >= (options.textCandidates ?? 3)) break;
      const d = m.diseaseIndex.get(hit.id);
      if (d === undefined || inPack.has(hit.id) || (m.diseaseMondo[d] && mondoInPack.has(m.diseaseMondo[d]!))) continue;
      inPack.add(hit.id);
      if (m.diseaseMondo[d]) mondoInPack.add(m.diseaseMondo[d]!);
      const ranked = result.diseases.find((x) => x.ids.includes(hit.id));
      candidates.push({
        diseaseId: hit.id,
        ids: [hit.id],
        label: m.diseaseLabels[d]!,
        mondo: m.diseaseMondo[d]!,
        source: 'text-retrieval',
        rank: ranked?.rank,
        probability: ranked?.probability,
        evidenceIds: [add({ id: `T:${hit.id}`, kind: 'text-match', diseaseId: hit.id, text: `full-text match of the case to ${m.diseaseLabels[d]} (BM25 ${hit.score.toFixed(1)})` })],
        explanation: explainCandidate(m, ranker, d, result.present, result.excluded, findings),
      });
      added += 1;
    }
  }

  const contexts = new Map((await graph.diseaseContexts(candidates.map((c) => c.diseaseId))).map((c) => [c.id, c]));
  for (const c of candidates) {
    const ctx = contexts.get(c.diseaseId);
    c.context = ctx;
    const id = c.diseaseId;
    const ev = c.evidenceIds;
    const names = ctx?.synonyms.length ? `; also called ${ctx.synonyms.slice(0, 4).join('; ')}` : '';
    const rankText = c.rank ? `deterministic rank ${c.rank}, post-test probability ${(100 * (c.probability ?? 0)).toFixed(1)}%` : 'not among the leading deterministic candidates';
    ev.unshift(add({ id: `D:${id}`, kind: 'disease', diseaseId: id, text: `${c.ids.join(', ')}${c.mondo ? `, ${c.mondo}` : ''}${names}; ${rankText}` }));
    // Lines under a candidate do not repeat its name: the prompt lists them under the candidate's heading.
    for (const inh of ctx?.inheritance ?? []) ev.push(add({ id: `I:${id}:${inh.id}`, kind: 'inheritance', diseaseId: id, text: `inheritance: ${inh.label}` }));
    for (const cls of (ctx?.classification ?? []).slice(0, 2)) {
      ev.push(add({ id: `C:${id}:${cls.id}`, kind: 'classification', diseaseId: id, text: `Orphanet group: ${cls.label} (${cls.id})` }));
    }
    const e = c.explanation;
    // The strongest evidence lines only (a typical 8k-token context holds the whole pack); the rest is summarised.
    const observed = [...(e?.observed ?? [])].sort((a, b) => b.lr - a.lr);
    const shownObserved = observed.slice(0, MAX_OBSERVED_LINES);
    if (observed.length > shownObserved.length) {
      const rest = observed.slice(MAX_OBSERVED_LINES);
      const matched = rest.filter((o) => o.lr > 1).length;
      ev.push(add({ id: `R:${id}`, kind: 'observed-term', diseaseId: id, text: `${rest.length} further observed terms: ${matched} weakly supporting (LR > 1), ${rest.length - matched} not matched` }));
    }
    for (const o of shownObserved) {
      const target = o.diseaseTerm && o.match !== 'exact' ? ` via ${o.diseaseTerm.label}` : '';
      const freq = o.frequencyText ? `, frequency ${o.frequencyText}` : '';
      ev.push(add({ id: `P:${id}:${o.id}`, kind: 'observed-term', diseaseId: id, text: `patient ${o.label}: ${o.match}${target}${freq}, LR ${fmt(o.lr)}` }));
    }
    for (const o of (e?.excluded ?? []).filter((x) => x.match !== 'unrelated').slice(0, MAX_EXCLUDED_LINES)) {
      const what = o.match === 'annotated' ? `a feature of this disease${o.frequencyText ? ` (frequency ${o.frequencyText})` : ''}${o.notYetDue ? ', not yet due at this age' : ''}` : 'consistent with this disease';
      ev.push(add({ id: `X:${id}:${o.id}`, kind: 'excluded-term', diseaseId: id, text: `patient lacks ${o.label}: ${what}, LR ${fmt(o.lr)}` }));
    }
    for (const f of (e?.notReported ?? []).slice(0, MAX_NOT_REPORTED_LINES)) {
      ev.push(add({ id: `U:${id}:${f.id}`, kind: 'not-reported', diseaseId: id, text: `feature of the disease not reported in the patient: ${f.label} (frequency ${f.frequencyText}), LR ${fmt(f.lr)}` }));
    }
    const ranked = result.diseases.find((x) => x.id === id);
    const d = m.diseaseIndex.get(id)!;
    for (const g of m.diseaseGenes[d]!.slice(0, 6)) {
      const symbol = m.geneSymbols[g]!;
      ev.push(add({ id: `G:${id}:${symbol}`, kind: 'gene', diseaseId: id, text: `gene ${symbol}` }));
    }
    if (ranked?.genotype) {
      const gt = ranked.genotype;
      ev.push(add({ id: `GT:${id}:${gt.gene}`, kind: 'genotype', diseaseId: id, text: `genotype in ${gt.gene}: ${gt.reason}, inheritance ${gt.mode} ${gt.satisfied ? 'fits' : 'does not fit'}, LR ${fmt(gt.lr)}` }));
      for (const v of gt.variants) {
        const cv = v.clinvar ? `ClinVar ${v.clinvar.significance} ${v.clinvar.stars}★${v.clinvar.hgvsC ? ` ${v.clinvar.hgvsC}` : ''}` : v.assessment.tier;
        ev.push(add({ id: `V:${v.key}`, kind: 'variant', text: `patient variant ${v.key} (GRCh38; input ${v.inputBuild} ${v.inputKey}) in ${gt.gene}, ${v.call.zygosity}, ${cv}` }));
      }
    }
  }

  const mentioned = [...result.present, ...result.excluded].map((q) => q.index);
  const discriminating = discriminatingFindings(
    m,
    candidates.filter((c) => c.source === 'ranker').slice(0, 5).map((c) => ({ index: m.diseaseIndex.get(c.diseaseId)!, id: c.diseaseId, probability: c.probability ?? 0 })),
    mentioned,
    { annotationFrequency: ranker.view(findings.sex).frequencies.annF },
  );
  return {
    snapshotId: m.snapshotId,
    case: {
      sex: findings.sex,
      ageYears: findings.ageYears,
      observed: result.present.map((q) => ({ id: q.id, label: q.label })),
      excluded: result.excluded.map((q) => ({ id: q.id, label: q.label })),
      narrativeExcerpt: options.narrative ? options.narrative.slice(0, 600) : undefined,
      variantsSummary: result.vcf ? `${result.vcf.passed} variants (${result.vcf.build}), ${result.vcf.inGenes} in scored genes` : undefined,
    },
    candidates,
    items: [...items.values()],
    discriminating,
    buildMs: performance.now() - started,
  };
}
