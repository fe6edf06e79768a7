import { z } from 'zod';
import { InputError } from '../../common/input-error.js';
import type { Sex } from '../../diagnosis/case-input/case-findings.js';
import { readJsonRecords } from '../../diagnosis/io/jsonl-reader.js';
import { rankedTerms } from '../../diagnosis/pipeline/findings-merge.js';
import type { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { runCase } from '../../diagnosis/pipeline/run-case.js';
import type { CaseRunInputs, RunFinding } from '../../diagnosis/pipeline/run-types.js';
import { rankMetrics, type RankMetrics } from './rank-metrics.js';

/**
 * The clinic-letter benchmark: free-text genetics clinic letters (bench/clinic-letters, written independently of the
 * intake) with gold present / excluded / family HPO terms and the diagnosis. Each letter runs through `runCase` twice:
 * once as a narrative (the intake extracts the findings), once with its gold terms; extraction is scored on exact ids
 * (alt and obsolete ids mapped to the current term) summed over the letters, and the ranking on the diagnosis (its
 * id or the same MONDO concept) at top-1/3/10. The drop from gold to narrative is what the intake costs a diagnosis.
 */

const termSchema = z.object({ id: z.string(), label: z.string().optional() });
const letterSchema = z.object({
  id: z.string(),
  diagnosis: z.string(),
  sex: z.enum(['male', 'female']).optional(),
  ageYears: z.number().nonnegative().optional(),
  text: z.string().min(1),
  present: z.array(termSchema),
  excluded: z.array(termSchema).default([]),
  family: z.array(termSchema).default([]),
  style: z.array(z.string()).default([]),
});
export type ClinicLetter = z.infer<typeof letterSchema>;

/** Reads a letters .jsonl(.gz); a bad line is an InputError naming it. `half` keeps even or odd lines. */
export async function readLetters(path: string, half: 'all' | 'even' | 'odd' = 'all'): Promise<ClinicLetter[]> {
  const out: ClinicLetter[] = [];
  let i = -1;
  for await (const rec of readJsonRecords(path)) {
    i += 1;
    if ((half === 'even' && i % 2 !== 0) || (half === 'odd' && i % 2 !== 1)) continue;
    if (!rec.ok) throw new InputError(path, rec.line, rec.error);
    const parsed = letterSchema.safeParse(rec.value);
    if (!parsed.success) throw new InputError(path, rec.line, parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '));
    out.push(parsed.data);
  }
  return out;
}

export interface ExtractionScores {
  gold: number;
  extracted: number;
  tp: number;
  precision: number;
  recall: number;
  f1: number;
}

export const extractionScores = (gold: number, extracted: number, tp: number): ExtractionScores => {
  const precision = extracted ? tp / extracted : 0;
  const recall = gold ? tp / gold : 0;
  return { gold, extracted, tp, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

export interface LetterError {
  kind: 'missed' | 'added';
  status: 'present' | 'excluded' | 'family';
  id: string;
  label: string;
  /** for an added finding, the words it was found on; for a missed one, what was found on the same id instead */
  text?: string;
}

export interface LetterOutcome {
  id: string;
  goldRank: number;
  narrativeRank: number;
  errors: LetterError[];
}

export interface ClinicLetterFigures {
  letters: number;
  present: ExtractionScores;
  excluded: ExtractionScores;
  family: ExtractionScores;
  gold: RankMetrics;
  narrative: RankMetrics;
  /** percentage points lost from gold terms to extracted findings */
  drop: { top1: number; top3: number; top10: number };
  outcomes: LetterOutcome[];
}

const sexOf = (s: ClinicLetter['sex']): Sex | undefined => (s === 'male' ? 'MALE' : s === 'female' ? 'FEMALE' : undefined);

/** Scores and ranks every letter through runCase (see the module comment). */
export async function runClinicLetterBench(session: KnowledgeSession, letters: readonly ClinicLetter[]): Promise<ClinicLetterFigures> {
  const recognizer = await session.recognizer();
  const model = session.model;
  const canonical = (id: string) => {
    const t = recognizer.dictionary.termIndex(id);
    return t === undefined ? id : recognizer.dictionary.terms[t]!.id;
  };
  const labelOf = (id: string) => {
    const t = recognizer.dictionary.termIndex(id);
    return t === undefined ? '?' : recognizer.dictionary.terms[t]!.label;
  };
  const rankOf = async (inputs: CaseRunInputs, diagnosis: string, extract: boolean) => {
    let run;
    try {
      run = await runCase(session, inputs, { top: 100, explain: 0, extractNarrative: extract });
    } catch (err) {
      if (err instanceof InputError) return { rank: 0, findings: [] as RunFinding[] }; // nothing to rank
      throw err;
    }
    const mondo = model.diseaseMondo[model.diseaseIndex.get(diagnosis) ?? -1] ?? '';
    const rank = run.ranking.diseases.findIndex((d) => d.ids.includes(diagnosis) || (mondo !== '' && d.mondo === mondo)) + 1;
    return { rank, findings: run.findings };
  };

  const t = { p: [0, 0, 0], e: [0, 0, 0], f: [0, 0, 0] };
  const goldRanks: number[] = [];
  const narrativeRanks: number[] = [];
  const outcomes: LetterOutcome[] = [];
  for (const letter of letters) {
    const sex = sexOf(letter.sex);
    const goldPresent = [...new Set(letter.present.map((x) => canonical(x.id)))];
    const goldExcluded = [...new Set(letter.excluded.map((x) => canonical(x.id)))];
    const goldFamily = [...new Set(letter.family.map((x) => canonical(x.id)))];
    const gold = await rankOf(
      {
        caseId: letter.id,
        sex,
        ageYears: letter.ageYears,
        findings: [
          ...goldPresent.map((hpoId) => ({ hpoId, status: 'present' as const, source: 'typed' as const })),
          ...goldExcluded.map((hpoId) => ({ hpoId, status: 'excluded' as const, source: 'typed' as const })),
        ],
      },
      letter.diagnosis,
      false,
    );
    const narrative = await rankOf({ caseId: letter.id, sex, ageYears: letter.ageYears, narrative: letter.text, findings: [] }, letter.diagnosis, true);
    goldRanks.push(gold.rank);
    narrativeRanks.push(narrative.rank);

    const ranked = rankedTerms(narrative.findings);
    const family = [...new Set(narrative.findings.filter((f) => f.status === 'family').map((f) => f.hpoId))];
    const errors: LetterError[] = [];
    const textOf = (id: string, status: string) => narrative.findings.find((f) => f.hpoId === id && f.status === status)?.text;
    const score = (status: LetterError['status'], goldIds: string[], predicted: string[], tally: number[]) => {
      const g = new Set(goldIds);
      const p = new Set(predicted);
      tally[0]! += g.size;
      tally[1]! += p.size;
      for (const id of g) {
        if (p.has(id)) tally[2]! += 1;
        else {
          const other = narrative.findings.find((f) => f.hpoId === id);
          errors.push({ kind: 'missed', status, id, label: labelOf(id), ...(other ? { text: `found ${other.status}: "${other.text ?? ''}"` } : {}) });
        }
      }
      for (const id of p) if (!g.has(id)) errors.push({ kind: 'added', status, id, label: labelOf(id), text: textOf(id, status) });
    };
    score('present', goldPresent, ranked.present, t.p);
    score('excluded', goldExcluded, ranked.excluded, t.e);
    score('family', goldFamily, family, t.f);
    outcomes.push({ id: letter.id, goldRank: gold.rank, narrativeRank: narrative.rank, errors });
  }
  const goldMetrics = rankMetrics(goldRanks);
  const narrativeMetrics = rankMetrics(narrativeRanks);
  return {
    letters: letters.length,
    present: extractionScores(t.p[0]!, t.p[1]!, t.p[2]!),
    excluded: extractionScores(t.e[0]!, t.e[1]!, t.e[2]!),
    family: extractionScores(t.f[0]!, t.f[1]!, t.f[2]!),
    gold: goldMetrics,
    narrative: narrativeMetrics,
    drop: {
      top1: 100 * (goldMetrics.top1 - narrativeMetrics.top1),
      top3: 100 * (goldMetrics.top3 - narrativeMetrics.top3),
      top10: 100 * (goldMetrics.top10 - narrativeMetrics.top10),
    },
    outcomes,
  };
}
