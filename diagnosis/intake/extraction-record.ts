import { z } from 'zod';
import type { JsonLine } from '../io/jsonl-reader.js';
import type { ConceptRecognizer } from './concept-recognizer.js';
import type { ExtractedFinding } from './finding.js';
import { extractFromText } from './text-intake.js';
import type { CandidateVariant } from './variant-mentions.js';

/** One finding of `rarediag extract` output (the command-line contract); `historical` and `evidence` only when set. */
export interface OutputFinding {
  hpoId: string;
  label: string;
  status: ExtractedFinding['status'];
  start: number;
  end: number;
  text: string;
  confidence: number;
  historical?: true;
  evidence?: ExtractedFinding['evidence'];
}

export type ExtractOutputLine = { id: string | number; findings: OutputFinding[]; variants?: CandidateVariant[] } | { id: string | number | null; error: string };

const idSchema = z.union([z.string(), z.number()]);
const recordSchema = z.object({ id: idSchema.optional(), pmid: idSchema.optional(), text: z.string() });

export function outputFinding(f: ExtractedFinding): OutputFinding {
  const o: OutputFinding = { hpoId: f.hpoId, label: f.label, status: f.status, start: f.start, end: f.end, text: f.text, confidence: f.confidence };
  if (f.historical) o.historical = true;
  if (f.evidence) o.evidence = f.evidence;
  return o;
}

/**
 * One input line `{"id", "text"}` (or `{"pmid", "text"}`) to one output line. A line that is not JSON, has no id
 * or no text becomes an `error` line naming the input line, so one bad record never stops a batch.
 */
export function extractRecord(recognizer: ConceptRecognizer, rec: JsonLine): ExtractOutputLine {
  if (!rec.ok) return { id: null, error: `line ${rec.line}: ${rec.error}` };
  const v = rec.value as { id?: unknown; pmid?: unknown } | null;
  const rawId = v && typeof v === 'object' ? (v.id ?? v.pmid) : undefined;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
  const parsed = recordSchema.safeParse(rec.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return { id, error: `line ${rec.line}: ${where}${issue?.message ?? 'not an object with "id" and "text"'}` };
  }
  if (id === null) return { id: null, error: `line ${rec.line}: no "id" (or "pmid")` };
  const result = extractFromText(recognizer, parsed.data.text);
  // genetic results named in the text, only when there are some (the line stays as it was otherwise)
  return { id, findings: result.findings.map(outputFinding), ...(result.variants.length ? { variants: result.variants } : {}) };
}
