import type { GenerationChunk, ModelRuntime, OutputJsonSchema } from '../../native-models/runtime/model-runtime.js';
import type { TermSearch } from '../terms/term-search.js';
import type { ConceptRecognizer } from './concept-recognizer.js';

/** One finding the model proposed, and what grounding made of it. */
export interface LlmProposal {
  /** the words the model quoted or wrote */
  phrase: string;
  status: 'present' | 'excluded';
  /** the HPO term it was grounded to (absent when it was dropped) */
  hpoId?: string;
  label?: string;
  groundedBy?: 'dictionary' | 'label-search';
  /** where the phrase occurs in the text, when it does verbatim */
  start?: number;
  end?: number;
  /** why it was dropped */
  dropped?: string;
}

export interface LlmIntakeResult {
  accepted: LlmProposal[];
  dropped: LlmProposal[];
  modelId: string;
  error?: string;
}

const SYSTEM = [
  'You extract clinical findings (signs, symptoms, abnormal test results) about the patient from a clinical text.',
  'Quote each finding with the words of the text. Mark it excluded when the text says the patient does not have it.',
  'Do not add findings of relatives, and do not invent findings that are not in the text.',
].join(' ');

const schema = {
  type: 'object',
  properties: {
    findings: {
      type: 'array',
      maxItems: 40,
      items: { type: 'object', properties: { phrase: { type: 'string' }, status: { enum: ['present', 'excluded'] } } },
    },
  },
} as const;

/**
 * The optional LLM pass of the intake: the local model proposes findings as phrases; every proposal must be grounded
 * to a real HPO term, first by the dictionary (the recognizer run on the phrase, most specific match), else by a
 * label search over HPO names whose words all occur in the phrase. Proposals that ground to nothing are dropped and
 * reported; the model never supplies an HPO id itself.
 */
export async function proposeFindings(
  runtime: ModelRuntime,
  recognizer: ConceptRecognizer,
  terms: TermSearch | undefined,
  text: string,
  options: { maxTokens?: number; signal?: AbortSignal; timeoutMs?: number; onChunk?: (c: GenerationChunk) => void } = {},
): Promise<LlmIntakeResult> {
  const modelId = runtime.loadedModel?.id ?? 'none';
  let raw: { findings: { phrase: string; status: 'present' | 'excluded' }[] };
  try {
    const result = await runtime.generateJson(
      { system: SYSTEM, prompt: `TEXT:\n${text.slice(0, 6000)}\n\nList the findings as JSON.`, maxTokens: options.maxTokens ?? 512, schema: schema as unknown as OutputJsonSchema },
      { signal: options.signal, timeoutMs: options.timeoutMs, onChunk: options.onChunk },
    );
    raw = result.value as unknown as typeof raw;
  } catch (err) {
    return { accepted: [], dropped: [], modelId, error: err instanceof Error ? err.message : String(err) };
  }
  const accepted: LlmProposal[] = [];
  const dropped: LlmProposal[] = [];
  const lowerText = text.toLowerCase();
  for (const p of raw.findings ?? []) {
    const phrase = (p.phrase ?? '').trim();
    const proposal: LlmProposal = { phrase, status: p.status };
    if (!phrase) {
      dropped.push({ ...proposal, dropped: 'empty phrase' });
      continue;
    }
    const at = lowerText.indexOf(phrase.toLowerCase());
    if (at >= 0) Object.assign(proposal, { start: at, end: at + phrase.length });
    const byDictionary = recognizer
      .extract(phrase)
      .filter((f) => f.status !== 'family')
      .sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    if (byDictionary) {
      accepted.push({ ...proposal, hpoId: byDictionary.hpoId, label: byDictionary.label, groundedBy: 'dictionary' });
      continue;
    }
    const words = phrase.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2);
    const hit = terms?.search(phrase, 5).find((h) => h.label.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2).every((w) => words.some((x) => x.startsWith(w.slice(0, 5)))));
    if (hit) {
      accepted.push({ ...proposal, hpoId: hit.id, label: hit.label, groundedBy: 'label-search' });
      continue;
    }
    dropped.push({ ...proposal, dropped: 'no HPO term matches the phrase' });
  }
  return { accepted, dropped, modelId };
}
