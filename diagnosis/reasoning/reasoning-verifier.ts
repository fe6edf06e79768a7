import type { PhenotypeModel } from '../ranking/phenotype-model.js';
import type { EvidencePack } from './evidence-pack.js';
import type { ReasoningAnswer } from './reasoning-schema.js';

export interface Rejection {
  where: string;
  value: string;
  reason: string;
}

export interface VerifiedAnswer {
  differential: { diseaseId: string; label: string; rank: number; confidence: number; rationale: string; evidenceIds: string[] }[];
  discriminatingFindings: string[];
  nextSteps: string[];
  caveats: string[];
  rejected: Rejection[];
}

const HPO = /HP:\d{7}/g;
const DISEASE = /\b(?:OMIM|ORPHA|MONDO):\d+/g;

/**
 * Checks the model's answer against the evidence pack and the ontology: a disease outside the candidate set, an
 * evidence id the pack does not contain, an HPO id that is not a real term, and a disease id mentioned in free text
 * that the pack does not contain are removed, and every removal is reported. Ranks are renumbered 1..n.
 */
export function verifyAnswer(answer: ReasoningAnswer, pack: EvidencePack, model: PhenotypeModel): VerifiedAnswer {
  const rejected: Rejection[] = [];
  const candidates = new Map(pack.candidates.map((c) => [c.diseaseId, c]));
  const candidateIds = new Set(pack.candidates.flatMap((c) => [c.diseaseId, ...c.ids, c.mondo].filter(Boolean)));
  const evidence = new Set(pack.items.map((i) => i.id));

  const cleanText = (where: string, text: string): string => {
    let out = text;
    for (const id of text.match(HPO) ?? []) {
      if (!model.resolveTerm(id)) {
        rejected.push({ where, value: id, reason: 'not a real HPO term' });
        out = out.split(id).join('[removed: unknown HPO id]');
      }
    }
    for (const id of text.match(DISEASE) ?? []) {
      if (!candidateIds.has(id)) {
        rejected.push({ where, value: id, reason: 'disease not in the evidence pack' });
        out = out.split(id).join('[removed: disease not in evidence]');
      }
    }
    return out;
  };

  const seen = new Set<string>();
  const differential: VerifiedAnswer['differential'] = [];
  [...answer.differential]
    .sort((a, b) => a.rank - b.rank)
    .forEach((entry, i) => {
      const where = `differential[${i}]`;
      const cand = candidates.get(entry.diseaseId);
      if (!cand) {
        rejected.push({ where, value: entry.diseaseId, reason: 'disease outside the candidate set' });
        return;
      }
      if (seen.has(entry.diseaseId)) {
        rejected.push({ where, value: entry.diseaseId, reason: 'listed twice' });
        return;
      }
      seen.add(entry.diseaseId);
      const evidenceIds: string[] = [];
      for (const id of entry.evidenceIds) {
        if (evidence.has(id)) {
          if (!evidenceIds.includes(id)) evidenceIds.push(id);
        } else rejected.push({ where: `${where}.evidenceIds`, value: id, reason: 'evidence id not in the pack' });
      }
      const confidence = Number.isFinite(entry.confidence) ? Math.min(1, Math.max(0, entry.confidence)) : 0;
      differential.push({
        diseaseId: entry.diseaseId,
        label: cand.label,
        rank: differential.length + 1,
        confidence,
        rationale: cleanText(`${where}.rationale`, entry.rationale),
        evidenceIds,
      });
    });
  const cleanList = (name: string, list: string[]) => list.map((t, i) => cleanText(`${name}[${i}]`, t));
  return {
    differential,
    discriminatingFindings: cleanList('discriminatingFindings', answer.discriminatingFindings),
    nextSteps: cleanList('nextSteps', answer.nextSteps),
    caveats: cleanList('caveats', answer.caveats),
    rejected,
  };
}
