import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../../common/input-error.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { runCase } from '../../diagnosis/pipeline/run-case.js';
import { runInputsOfFindings } from '../../diagnosis/pipeline/run-inputs.js';
import type { RankerParameters } from '../../diagnosis/ranking/ranker-parameters.js';
import { formatTable } from '../cli/format-table.js';

const term = z.object({ id: z.string(), label: z.string() });
const presentation = z.object({ present: z.array(term), excluded: z.array(term).optional() });
const suiteSchema = z.object({
  syndromes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      omim: z.string(),
      acceptable: z.array(z.string()),
      ageYears: z.number(),
      sex: z.enum(['MALE', 'FEMALE', 'UNKNOWN']),
      short: presentation,
      full: presentation,
    }),
  ),
});
const letterSchema = z.object({ id: z.string(), diagnosis: z.string(), sex: z.string().optional(), ageYears: z.number().optional(), present: z.array(term), excluded: z.array(term) });

export type ClassicCase = { id: string; name: string; truth: string[]; ageYears?: number; sex?: 'MALE' | 'FEMALE'; present: string[]; excluded: string[] };

export interface ClassicOutcome {
  id: string;
  name: string;
  rank: number;
  probability: number;
  top: string;
  topProbability: number;
}

export interface ClassicsFigures {
  short: ClassicOutcome[];
  full: ClassicOutcome[];
  letters: ClassicOutcome[];
}

/** The classic-presentation suite (tests/fixtures/classics): short (cardinal features) and full (with excluded) cases. */
export function readClassicSuite(file: string): { short: ClassicCase[]; full: ClassicCase[] } {
  let parsed;
  try {
    parsed = suiteSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new InputError(file, undefined, err instanceof Error ? err.message.split('\n')[0]! : String(err));
  }
  const of = (s: (typeof parsed.syndromes)[number], p: z.infer<typeof presentation>): ClassicCase => ({
    id: s.id,
    name: s.name,
    truth: [s.omim, ...s.acceptable],
    ageYears: s.ageYears,
    sex: s.sex === 'UNKNOWN' ? undefined : s.sex,
    present: p.present.map((t) => t.id),
    excluded: (p.excluded ?? []).map((t) => t.id),
  });
  return { short: parsed.syndromes.map((s) => of(s, s.short)), full: parsed.syndromes.map((s) => of(s, s.full)) };
}

/** Clinic letters with gold terms (bench/clinic-letters): their curated findings, as a clinical-style ranking set. */
export function readLetterGold(file: string): ClassicCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = letterSchema.safeParse(JSON.parse(l));
      if (!r.success) throw new InputError(file, i + 1, r.error.issues[0]!.message);
      const x = r.data;
      return { id: x.id, name: x.diagnosis, truth: [x.diagnosis], ageYears: x.ageYears, sex: x.sex === 'MALE' || x.sex === 'FEMALE' ? x.sex : undefined, present: x.present.map((t) => t.id), excluded: x.excluded.map((t) => t.id) };
    });
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Ranks each case through runCase. A hit is a truth id, any id of the same MONDO concept, or a disease with the same
 * name as a truth (Orphanet's entry of the clinical entity that Mondo maps to a grouping concept: "Noonan syndrome").
 */
export async function rankClassicCases(session: KnowledgeSession, cases: ClassicCase[]): Promise<ClassicOutcome[]> {
  const m = session.model;
  const byName = new Map<string, string[]>();
  m.diseaseIds.forEach((id, d) => {
    const k = norm(m.diseaseLabels[d]!);
    (byName.get(k) ?? byName.set(k, []).get(k)!).push(id);
  });
  const out: ClassicOutcome[] = [];
  for (const given of cases) {
    const sameName = given.truth.flatMap((id) => byName.get(norm(m.diseaseLabels[m.diseaseIndex.get(id) ?? -1] ?? '')) ?? []);
    const c = { ...given, truth: [...new Set([...given.truth, ...sameName])] };
    const inputs = runInputsOfFindings({ id: c.id, present: c.present, excluded: c.excluded, sex: c.sex, ageYears: c.ageYears });
    const { ranking } = await runCase(session, inputs, { top: 100, explain: 0 });
    const mondo = new Set(c.truth.map((id) => m.diseaseMondo[m.diseaseIndex.get(id) ?? -1] ?? '').filter(Boolean));
    const hit = ranking.diseases.find((d) => d.ids.some((id) => c.truth.includes(id)) || (d.mondo !== '' && mondo.has(d.mondo)));
    out.push({ id: c.id, name: c.name, rank: hit?.rank ?? 0, probability: hit?.probability ?? 0, top: ranking.diseases[0]?.label ?? '', topProbability: ranking.diseases[0]?.probability ?? 0 });
  }
  return out;
}

export const within = (o: ClassicOutcome[], k: number) => o.filter((x) => x.rank > 0 && x.rank <= k).length / Math.max(1, o.length);

/**
 * `rarediag bench classics`: the classic-presentation suite, short cases (4-5 cardinal features: right disease in the
 * top 3?) and full cases (8-12 features with pertinent negatives: right disease first?), optionally the clinic
 * letters' gold terms; each list split in its even and odd halves, so a change can be judged on one and checked on
 * the other.
 */
export async function runClassicsBench(o: { suite: string; letters?: string; snapshot: string; parameters?: Partial<RankerParameters>; json: boolean; cases: boolean }): Promise<ClassicsFigures> {
  const suite = readClassicSuite(o.suite);
  const session = await KnowledgeSession.open(o.snapshot, { parameters: o.parameters });
  let figures: ClassicsFigures;
  try {
    figures = {
      short: await rankClassicCases(session, suite.short),
      full: await rankClassicCases(session, suite.full),
      letters: o.letters ? await rankClassicCases(session, readLetterGold(o.letters)) : [],
    };
  } finally {
    await session.close();
  }
  const halves = (list: ClassicOutcome[], k: number) => {
    const even = list.filter((_, i) => i % 2 === 0);
    const odd = list.filter((_, i) => i % 2 === 1);
    return `${pct(within(list, k))} (${pct(within(even, k))} / ${pct(within(odd, k))})`;
  };
  const meanTrueP = (list: ClassicOutcome[]) => list.reduce((s, x) => s + x.probability, 0) / Math.max(1, list.length);
  if (o.json) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return figures;
  }
  const rows = [
    ['short (cardinal features)', String(figures.short.length), halves(figures.short, 1), halves(figures.short, 3), halves(figures.short, 10), pct(meanTrueP(figures.short)), 'top-3 ≥ 95 %'],
    ['full (with pertinent negatives)', String(figures.full.length), halves(figures.full, 1), halves(figures.full, 3), halves(figures.full, 10), pct(meanTrueP(figures.full)), 'top-1 ≥ 90 %'],
  ];
  if (figures.letters.length) rows.push(['clinic letters, gold terms', String(figures.letters.length), halves(figures.letters, 1), halves(figures.letters, 3), halves(figures.letters, 10), pct(meanTrueP(figures.letters)), '']);
  process.stdout.write(`${formatTable(['set', 'n', 'top-1 (even / odd)', 'top-3', 'top-10', 'mean P(truth)', 'target'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'l'])}\n`);
  if (o.cases) {
    const list = (name: string, xs: ClassicOutcome[]) =>
      `\n${name}\n${formatTable(['case', 'rank', 'P(truth)', 'first candidate', 'P'], xs.map((x) => [x.id, x.rank || '>100', pct(x.probability), x.top.slice(0, 50), pct(x.topProbability)]), ['l', 'r', 'r', 'l', 'r'])}\n`;
    process.stdout.write(list('short', figures.short) + list('full', figures.full) + (figures.letters.length ? list('letters', figures.letters) : ''));
  }
  return figures;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
