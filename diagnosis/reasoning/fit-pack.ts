import type { EvidenceKind, EvidencePack } from './evidence-pack.js';
import { SYSTEM_PROMPT, reasoningPrompt } from './reasoning-prompt.js';

/** Evidence kinds dropped first when a prompt does not fit, least informative first. */
const dropOrder: EvidenceKind[] = ['classification', 'not-reported', 'excluded-term', 'text-match', 'inheritance', 'gene'];

/**
 * Shrinks an evidence pack until the prompt fits the model's context with room for the answer: first whole kinds of
 * secondary evidence (classification, unreported features, ...), then the weakest candidates from the bottom (never
 * fewer than two), then the observed-term lines of the remaining candidates beyond their strongest few. What was dropped is
 * recorded in `trimmed` so the user knows the model saw less than the full pack.
 */
export function fitPackToContext(
  pack: EvidencePack,
  countTokens: (text: string) => number,
  budgetTokens: number,
): { pack: EvidencePack; promptTokens: number; trimmed: string[] } {
  const trimmed: string[] = [];
  let current = pack;
  const size = (p: EvidencePack) => countTokens(SYSTEM_PROMPT) + countTokens(reasoningPrompt(p)) + 32;
  let tokens = size(current);
  const without = (p: EvidencePack, keep: (id: string) => boolean): EvidencePack => ({
    ...p,
    items: p.items.filter((i) => keep(i.id)),
    candidates: p.candidates.map((c) => ({ ...c, evidenceIds: c.evidenceIds.filter(keep) })),
  });
  for (const kind of dropOrder) {
    if (tokens <= budgetTokens) break;
    const ids = new Set(current.items.filter((i) => i.kind === kind).map((i) => i.id));
    if (ids.size === 0) continue;
    current = without(current, (id) => !ids.has(id));
    trimmed.push(`${ids.size} ${kind} item(s)`);
    tokens = size(current);
  }
  while (tokens > budgetTokens && current.candidates.length > 2) {
    const last = current.candidates[current.candidates.length - 1]!;
    const ids = new Set(last.evidenceIds);
    current = { ...without(current, (id) => !ids.has(id) || current.candidates.slice(0, -1).some((c) => c.evidenceIds.includes(id))), candidates: current.candidates.slice(0, -1) };
    trimmed.push(`candidate ${last.diseaseId}`);
    tokens = size(current);
  }
  for (let keepTerms = 4; tokens > budgetTokens && keepTerms >= 0; keepTerms -= 1) {
    const keep = new Set(current.candidates.flatMap((c) => c.evidenceIds.filter((id) => !id.startsWith('P:')).concat(c.evidenceIds.filter((id) => id.startsWith('P:')).slice(0, keepTerms))));
    const before = current.items.length;
    current = without(current, (id) => keep.has(id));
    if (current.items.length < before) trimmed.push(`observed-term lines beyond ${keepTerms} per candidate`);
    tokens = size(current);
  }
  if (tokens > budgetTokens && current.discriminating.length) {
    current = { ...current, discriminating: [] };
    trimmed.push('the discriminating findings');
    tokens = size(current);
  }
  // Last resort for very small contexts: the case section itself.
  if (tokens > budgetTokens && current.case.narrativeExcerpt) {
    current = { ...current, case: { ...current.case, narrativeExcerpt: undefined } };
    trimmed.push('the narrative excerpt');
    tokens = size(current);
  }
  for (let keep = 20; tokens > budgetTokens && keep >= 2 && current.case.observed.length > keep; keep = Math.floor(keep / 2)) {
    current = { ...current, case: { ...current.case, observed: current.case.observed.slice(0, keep), excluded: current.case.excluded.slice(0, keep) } };
    trimmed.push(`the case's terms beyond the first ${keep}`);
    tokens = size(current);
  }
  return { pack: current, promptTokens: size(current), trimmed };
}
