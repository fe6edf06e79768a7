import type { EvidencePack } from './evidence-pack.js';

export const SYSTEM_PROMPT = [
  'You are assisting a clinical geneticist with a rare-disease differential diagnosis.',
  'Use ONLY the evidence listed in the user message. Every statement must be supported by evidence ids given in square brackets.',
  'Never name a disease, gene, variant or HPO term that is not in the evidence. If the evidence is insufficient, say so in caveats.',
  'Rank only the candidate diseases listed. Be concise.',
].join(' ');

/** The user message: the case, the candidates with their evidence (each line prefixed by its id), the computed discriminating findings. */
export function reasoningPrompt(pack: EvidencePack): string {
  const c = pack.case;
  const lines: string[] = ['CASE'];
  const demo = [c.sex && c.sex !== 'UNKNOWN_SEX' ? c.sex.toLowerCase() : '', c.ageYears !== undefined ? `${c.ageYears.toFixed(1)} years` : ''].filter(Boolean).join(', ');
  if (demo) lines.push(`Patient: ${demo}`);
  lines.push(`Observed: ${c.observed.map((t) => `${t.label} (${t.id})`).join('; ') || 'none'}`);
  if (c.excluded.length) lines.push(`Excluded: ${c.excluded.map((t) => `${t.label} (${t.id})`).join('; ')}`);
  if (c.variantsSummary) lines.push(`Sequencing: ${c.variantsSummary}`);
  if (c.narrativeExcerpt) lines.push(`Narrative (excerpt): ${c.narrativeExcerpt.replace(/\s+/g, ' ')}`);
  lines.push('', 'CANDIDATES AND EVIDENCE');
  const byId = new Map(pack.items.map((i) => [i.id, i]));
  for (const cand of pack.candidates) {
    lines.push(`- ${cand.diseaseId}: ${cand.label}`);
    for (const id of cand.evidenceIds) lines.push(`  [${id}] ${byId.get(id)?.text ?? ''}`);
  }
  if (pack.discriminating.length) {
    lines.push('', 'FINDINGS THAT WOULD SEPARATE THE LEADING CANDIDATES (computed from the knowledge graph)');
    for (const f of pack.discriminating) lines.push(`- ${f.label} (${f.hpoId}): present in ${f.presentIn.join(', ')}; not in ${f.absentIn.join(', ')}`);
  }
  lines.push(
    '',
    'Answer in JSON: differential (up to 5 of the candidates above, each with diseaseId, rank, confidence 0-1, a short rationale citing ids, evidenceIds), discriminatingFindings (phrase the computed findings above), nextSteps, caveats.',
  );
  return lines.join('\n');
}
