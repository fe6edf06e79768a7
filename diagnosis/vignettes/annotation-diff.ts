import { estimateFrequency } from '../ranking/annotation-frequency.js';
import type { PhenotypeModel } from '../ranking/phenotype-model.js';
import { defaultRankerParameters } from '../ranking/ranker-parameters.js';

export interface FeatureChange {
  hpoId: string;
  label: string;
  /** the frequency estimate before and after (annotation-frequency.ts, before the floor); null when not annotated */
  before: number | null;
  after: number | null;
  /** the annotation says NOT (the disease lacks the feature) */
  notBefore: boolean;
  notAfter: boolean;
}

export interface AnnotationDiff {
  added: FeatureChange[];
  removed: FeatureChange[];
  /** frequency changed by at least REFREQUENCED, or gained / lost its frequency, or its NOT qualifier */
  refrequenced: FeatureChange[];
}

/** A change of frequency estimate this large counts as a change (a class moving by one step moves it more). */
const REFREQUENCED = 0.1;

interface Annotated {
  frequency: number;
  known: boolean;
  not: boolean;
  label: string;
}

function annotationsOf(m: PhenotypeModel | undefined, diseaseId: string): Map<string, Annotated> {
  const out = new Map<string, Annotated>();
  const d = m?.diseaseIndex.get(diseaseId);
  if (!m || d === undefined) return out;
  for (let a = m.annOffsets[d]!; a < m.annOffsets[d + 1]!; a += 1) {
    const t = m.annTerm[a]!;
    if (m.termAspects[t] !== 'P') continue;
    const e = estimateFrequency(m.frequencyEvidence(a), defaultRankerParameters);
    out.set(m.termIds[t]!, { frequency: e.estimate, known: e.basis !== 'unknown', not: m.isNegative(a), label: m.termLabels[t]! });
  }
  return out;
}

/**
 * What changed in one disease's phenotypic annotations between two knowledge versions, matched by HPO id (the two
 * snapshots' term indexes differ): features added, removed, and given another frequency or qualifier. This is what a
 * clinician can check when a disease got harder or easier to find. Largest changes first.
 */
export function annotationDiff(base: PhenotypeModel | undefined, candidate: PhenotypeModel | undefined, diseaseId: string): AnnotationDiff {
  const before = annotationsOf(base, diseaseId);
  const after = annotationsOf(candidate, diseaseId);
  const change = (id: string, x: Annotated | undefined, y: Annotated | undefined): FeatureChange => ({
    hpoId: id,
    label: (y ?? x)!.label,
    before: x && x.known ? round(x.frequency) : null,
    after: y && y.known ? round(y.frequency) : null,
    notBefore: x?.not ?? false,
    notAfter: y?.not ?? false,
  });
  const diff: AnnotationDiff = { added: [], removed: [], refrequenced: [] };
  for (const [id, y] of after) {
    const x = before.get(id);
    if (!x) diff.added.push(change(id, undefined, y));
    else if (x.not !== y.not || x.known !== y.known || Math.abs(x.frequency - y.frequency) >= REFREQUENCED) diff.refrequenced.push(change(id, x, y));
  }
  for (const [id, x] of before) if (!after.has(id)) diff.removed.push(change(id, x, undefined));
  const weight = (c: FeatureChange) => Math.abs((c.after ?? (c.notAfter ? 0 : 0.5)) - (c.before ?? (c.notBefore ? 0 : 0.5))) + (c.before === null || c.after === null ? 0.5 : 0);
  for (const list of [diff.added, diff.removed, diff.refrequenced]) list.sort((a, b) => weight(b) - weight(a) || (a.hpoId < b.hpoId ? -1 : 1));
  return diff;
}

/** The number of changed features. */
export const diffSize = (d: AnnotationDiff) => d.added.length + d.removed.length + d.refrequenced.length;

/** A short line: "+12 features (Seizure 90 %, ...), −3, 5 refrequenced (Ataxia 50 % → 10 %, ...)". */
export function describeDiff(d: AnnotationDiff, examples = 3): string {
  const pct = (x: number | null, not: boolean) => (not ? 'NOT' : x === null ? '?' : `${Math.round(100 * x)} %`);
  const list = (xs: FeatureChange[], f: (c: FeatureChange) => string) => xs.slice(0, examples).map(f).join(', ') + (xs.length > examples ? ', ...' : '');
  const parts: string[] = [];
  if (d.added.length) parts.push(`+${d.added.length} (${list(d.added, (c) => `${c.label} ${pct(c.after, c.notAfter)}`)})`);
  if (d.removed.length) parts.push(`−${d.removed.length} (${list(d.removed, (c) => `${c.label} ${pct(c.before, c.notBefore)}`)})`);
  if (d.refrequenced.length) parts.push(`${d.refrequenced.length} refrequenced (${list(d.refrequenced, (c) => `${c.label} ${pct(c.before, c.notBefore)} → ${pct(c.after, c.notAfter)}`)})`);
  return parts.join('; ') || 'no change to its own annotations';
}

const round = (x: number) => Math.round(x * 1000) / 1000;
