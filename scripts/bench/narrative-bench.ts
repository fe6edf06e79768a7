import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { Sex } from '../../diagnosis/case-input/case-findings.js';
import { durationToYears } from '../../diagnosis/case-input/iso8601-duration.js';
import type { ConceptRecognizer } from '../../diagnosis/intake/concept-recognizer.js';
import { readJsonRecords } from '../../diagnosis/io/jsonl-reader.js';
import { InputError } from '../../common/input-error.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { runCase } from '../../diagnosis/pipeline/run-case.js';
import { runInputsOfFindings } from '../../diagnosis/pipeline/run-inputs.js';
import type { LexiconEntry } from '../../graph-snapshot/query/graph-snapshot.js';
import { packageRoot } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { formatTable } from '../cli/format-table.js';
import { readLetters, runClinicLetterBench, type ClinicLetterFigures, type ExtractionScores } from './clinic-letter-bench.js';
import { resolveSnapshot, snapshotOptionHelp } from '../cli/snapshot-options.js';
import { truthOf, type Truth } from './phenopacket-truth.js';
import { rankMetrics, type RankMetrics } from './rank-metrics.js';
import { seededRandom } from './stats.js';
import { checkHalf } from '../cli/param-options.js';

/**
 * End-to-end narrative benchmark: for each development phenopacket, a short clinical narrative is written
 * programmatically from its phenotypic features (present and excluded), read back with the narrative intake, and
 * the extracted findings are ranked; the same case ranked from its curated (gold) terms gives the reference. The
 * drop between the two is what the intake costs the diagnosis.
 *
 * The generator knows the HPO lexicon only (labels, EXACT and layperson synonyms, PhenoTagger text variants), never
 * the recognizer's dictionary: each term's wording is drawn uniformly from its names with a per-case seeded RNG, so
 * the narrative is not written to suit the matcher.
 */

// ---------------------------------------------------------------------------------------------------------------
// The narrative generator
// ---------------------------------------------------------------------------------------------------------------

/** One phenotypic feature of a case as the generator reads it. */
export interface NarrativeFeature {
  id: string;
  /** the phenopacket's label, used when the lexicon does not know the id */
  label: string;
  excluded: boolean;
  /** ISO 8601 age or an HPO onset label ("Congenital onset") */
  onset?: string;
}

export interface NarrativeCase {
  id: string;
  sex?: Sex;
  ageYears?: number;
  features: NarrativeFeature[];
}

/** The surface forms the generator may use for each HPO id (alt and obsolete ids resolve to their current term). */
export interface PhraseBook {
  phrasings(id: string): readonly string[];
}

/**
 * A phrase book from the snapshot's phenotype lexicon: a term's label, its EXACT synonyms (layperson ones included)
 * and its PhenoTagger text variants, written as a clinician would type them. Variants are PhenoTagger's tokenised,
 * partly lemmatised forms: spacing around punctuation is undone ("wide - set eyes" → "wide-set eyes"), and a
 * variant that is only the uninflected copy of another name of the term ("increase distance between eye socket"
 * beside "increased distance between eye sockets", "pe planus" beside "pes planus") is left out, as no one writes
 * it. Names with a comma or brackets ("Developmental delay, global", "... (finding)") are inverted or annotated
 * index forms and are only used when the term has nothing else. BROAD, NARROW and RELATED synonyms are not names of
 * the term and are never used.
 */
export function lexiconPhraseBook(lexicon: readonly LexiconEntry[]): PhraseBook {
  const byId = new Map<string, string[]>();
  const current = new Map<string, LexiconEntry>();
  for (const e of lexicon) if (!e.obsolete) current.set(e.id, e);
  for (const e of current.values()) {
    const names = phrasingsOf(e);
    byId.set(e.id, names);
    for (const alt of e.altIds) if (!byId.has(alt)) byId.set(alt, names);
  }
  for (const e of lexicon) {
    if (!e.obsolete || byId.has(e.id)) continue;
    const to = byId.get(e.replacedBy);
    if (to) byId.set(e.id, to);
  }
  return { phrasings: (id) => byId.get(id) ?? [] };
}

/** Undoes PhenoTagger's tokenisation: "wide - set eyes" → "wide-set eyes", "broad , arched" → "broad, arched". */
export function detokenize(name: string): string {
  return name
    .replace(/^obsolete\s+/i, '')
    .replace(/\s+-\s+/g, '-')
    .replace(/\s+([,;:)\]])/g, '$1')
    .replace(/([([])\s+/g, '$1')
    .replace(/\s+\/\s+/g, '/')
    .replace(/\s+'\s*s\b/g, "'s")
    .replace(/\s+/g, ' ')
    .trim();
}

function phrasingsOf(e: LexiconEntry): string[] {
  const raw = [e.label];
  e.synonyms.forEach((s, i) => {
    if ((e.synonymScopes[i] ?? 'EXACT').toUpperCase().startsWith('EXACT')) raw.push(s);
  });
  const variants = e.textVariants.map(detokenize);
  const seen = new Set<string>();
  const names: string[] = [];
  for (const n of [...raw.map((x) => x.trim()), ...variants]) {
    const k = n.toLowerCase();
    if (!n || seen.has(k)) continue;
    seen.add(k);
    names.push(n);
  }
  const words = names.map((n) => n.toLowerCase().split(/[\s-]+/));
  const kept = names.filter((n, i) => {
    if (i === 0) return true; // the label
    const w = words[i]!;
    // An uninflected copy of another name: every word a prefix of the other's word at the same place.
    return !words.some((o, j) => j !== i && o.length === w.length && o.join(' ') !== w.join(' ') && o.every((x, k) => x.startsWith(w[k]!)));
  });
  const plain = kept.filter((n) => !/[,()[\]]/.test(n));
  return plain.length > 0 ? plain : kept;
}

/** FNV-1a of a string: the per-case seed. */
export function caseSeed(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Mid-sentence form of a name: "Global developmental delay" → "global developmental delay"; "GDD", "IgA ..." kept. */
export function inSentence(name: string): string {
  const first = /^\S+/.exec(name)?.[0] ?? '';
  return /^[A-Z][a-z]*$/.test(first.replace(/[^A-Za-z]/g, '')) && !/[A-Z]/.test(first.slice(1)) ? name[0]!.toLowerCase() + name.slice(1) : name;
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** "a", "a and b", "a, b and c" (or "or"). */
const list = (xs: readonly string[], conj: 'and' | 'or') => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} ${conj} ${xs[xs.length - 1]!}`);

const ONSET_PHRASES: Readonly<Record<string, string>> = {
  'congenital onset': 'at birth',
  'neonatal onset': 'in the neonatal period',
  'infantile onset': 'in infancy',
  'childhood onset': 'in childhood',
  'juvenile onset': 'in adolescence',
  'young adult onset': 'in early adulthood',
  'early young adult onset': 'in early adulthood',
  'late young adult onset': 'in early adulthood',
  'adult onset': 'in adulthood',
  'middle age onset': 'in middle age',
  'late onset': 'late in life',
  'fetal onset': 'prenatally',
  'antenatal onset': 'prenatally',
  'embryonal onset': 'prenatally',
  'late first trimester onset': 'on prenatal ultrasound',
  'second trimester onset': 'on prenatal ultrasound',
  'third trimester onset': 'on prenatal ultrasound',
};

/** "at age 3", "at 6 months of age", "at birth" ... from an ISO age or an onset label; undefined if unknown. */
export function onsetPhrase(onset: string | undefined): string | undefined {
  if (!onset) return undefined;
  if (onset.startsWith('P')) {
    const y = durationToYears(onset);
    if (y === undefined) return undefined;
    if (y < 1 / 12) return 'shortly after birth';
    if (y < 2) return `at ${Math.max(1, Math.round(y * 12))} months of age`;
    return `at age ${Math.floor(y)}`;
  }
  return ONSET_PHRASES[onset.toLowerCase()];
}

/** "Abnormality of the kidney" → "kidney", "Abnormal heart morphology" → "heart": what "normal ..." can say. */
export function normalSubject(label: string): string | undefined {
  const m = /^abnormal(?:ity of (?:the )?| )(.+?)(?: (?:morphology|physiology))?$/i.exec(label.trim());
  const x = m?.[1];
  if (!x || /\b(of|and|or|with|to|in)\b/i.test(x) || x.split(' ').length > 3) return undefined;
  return x.toLowerCase();
}

interface Pronouns {
  subject: string;
  possessive: string;
  noun: string;
}

function pronouns(sex: Sex | undefined, ageYears: number | undefined): Pronouns {
  const adult = ageYears !== undefined && ageYears >= 18;
  if (sex === 'FEMALE') return { subject: 'she', possessive: 'her', noun: adult ? 'woman' : 'girl' };
  if (sex === 'MALE') return { subject: 'he', possessive: 'his', noun: adult ? 'man' : 'boy' };
  return { subject: 'the patient', possessive: 'the patient\'s', noun: adult ? 'adult' : 'child' };
}

function opening(c: NarrativeCase, p: Pronouns): string {
  const y = c.ageYears;
  const article = (n: number) => (n === 11 || n === 18 || String(n).startsWith('8') ? 'an' : 'a');
  if (y === undefined) return `The proband is a ${p.noun === 'child' ? 'patient' : p.noun} referred to the genetics clinic.`;
  if (y < 1) {
    const months = Math.max(1, Math.round(y * 12));
    return `The proband is ${article(months)} ${months}-month-old ${p.noun === 'child' ? 'infant' : p.noun} referred to the genetics clinic.`;
  }
  return `The proband is ${article(Math.floor(y))} ${Math.floor(y)}-year-old ${p.noun} referred to the genetics clinic.`;
}

/** A name whose head noun looks plural ("flat feet", "fallen arches"; not "ptosis", "hypertrichosis", "nevus"). */
export function looksPlural(name: string): boolean {
  const last = (/[A-Za-z]+$/.exec(name)?.[0] ?? '').toLowerCase();
  if (last === 'feet' || last === 'teeth') return true;
  return /s$/.test(last) && !/(ss|us|is|ys|ous)$/.test(last);
}

/** Takes 1..max items off the front of a queue (at least one). */
function take<T>(queue: T[], rng: () => number, max: number): T[] {
  const k = Math.min(queue.length, 1 + Math.floor(rng() * max));
  return queue.splice(0, k);
}

const pick = <T>(xs: readonly T[], rng: () => number): T => xs[Math.floor(rng() * xs.length)]!;

function shuffle<T>(xs: T[], rng: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/**
 * A short clinical narrative of the case, deterministic for a given case id: an opening line, the present features
 * in varied templates ("She has X.", "Examination showed X and Y.", "X was noted at age 3.", ...), and the excluded
 * ones with varied negations ("There was no X.", "She denies X.", "X was ruled out.", "without X", "negative for
 * X", "normal Y" for "Abnormality of Y"), sometimes in one sentence with a present feature ("She has X but no Y.").
 * Each feature's wording is drawn uniformly from the phrase book.
 */
export function writeNarrative(c: NarrativeCase, book: PhraseBook, seed = caseSeed(c.id)): string {
  return composeNarrative(c, book, seed).text;
}

/** The narrative and, for failure analysis, the words chosen for each feature. */
export function composeNarrative(c: NarrativeCase, book: PhraseBook, seed = caseSeed(c.id)): { text: string; wordings: { feature: NarrativeFeature; words: string }[] } {
  const rng = seededRandom(seed);
  const p = pronouns(c.sex, c.ageYears);
  const S = capitalize(p.subject);
  const wordings: { feature: NarrativeFeature; words: string }[] = [];
  const wording = (f: NarrativeFeature) => {
    const names = book.phrasings(f.id);
    const words = inSentence(names.length > 0 ? pick(names, rng) : f.label);
    wordings.push({ feature: f, words });
    return words;
  };
  const present = shuffle(c.features.filter((f) => !f.excluded), rng);
  const excluded = shuffle(c.features.filter((f) => f.excluded), rng);
  const sentences = [opening(c, p)];
  const be = (xs: readonly string[]) => (xs.length > 1 || looksPlural(xs[0] ?? '') ? 'were' : 'was');

  while (present.length > 0) {
    const r = rng();
    if (r < 0.15) {
      sentences.push(`${S} has ${wording(present.shift()!)}.`);
    } else if (r < 0.3) {
      sentences.push(`${S} presented with ${list(take(present, rng, 3).map(wording), 'and')}.`);
    } else if (r < 0.45) {
      sentences.push(`Examination showed ${list(take(present, rng, 3).map(wording), 'and')}.`);
    } else if (r < 0.6) {
      const f = present.shift()!;
      const when = onsetPhrase(f.onset) ?? pick(['at birth', 'in infancy', `at age ${1 + Math.floor(rng() * Math.max(1, Math.min(15, c.ageYears ?? 5)))}`], rng);
      const x = wording(f);
      sentences.push(`${capitalize(x)} ${be([x])} noted ${when}.`);
    } else if (r < 0.72) {
      const xs = take(present, rng, 3).map(wording);
      sentences.push(`${capitalize(list(xs, 'and'))} ${be(xs)} also observed.`);
    } else if (r < 0.82) {
      sentences.push(`${capitalize(p.possessive)} history is notable for ${list(take(present, rng, 3).map(wording), 'and')}.`);
    } else if (r < 0.9 && excluded.length > 0) {
      sentences.push(`${S} has ${wording(present.shift()!)} but no ${wording(excluded.shift()!)}.`);
    } else {
      sentences.push(`On examination, ${p.subject} had ${list(take(present, rng, 2).map(wording), 'and')}.`);
    }
  }

  while (excluded.length > 0) {
    const r = rng();
    const normal = normalSubject(excluded[0]!.label);
    if (normal && r < 0.2) {
      const be1 = looksPlural(normal) ? 'were' : 'was';
      const sentence = rng() < 0.5 ? `The ${normal} ${be1} normal.` : `${capitalize(p.possessive)} ${normal} appeared normal.`;
      wordings.push({ feature: excluded.shift()!, words: sentence });
      sentences.push(sentence);
    } else if (r < 0.3) {
      const xs = take(excluded, rng, 3).map(wording);
      sentences.push(`There ${be(xs)} no ${list(xs, 'or')}.`);
    } else if (r < 0.42) {
      sentences.push(`${S} denies ${list(take(excluded, rng, 2).map(wording), 'or')}.`);
    } else if (r < 0.54) {
      const x = wording(excluded.shift()!);
      sentences.push(`${capitalize(x)} ${be([x])} ruled out.`);
    } else if (r < 0.66) {
      sentences.push(`The examination was otherwise without ${list(take(excluded, rng, 3).map(wording), 'or')}.`);
    } else if (r < 0.78) {
      sentences.push(`${S} was negative for ${list(take(excluded, rng, 3).map(wording), 'and')}.`);
    } else if (r < 0.9) {
      const xs = take(excluded, rng, 2).map(wording);
      sentences.push(`No ${list(xs, 'or')} ${be(xs)} observed.`);
    } else {
      sentences.push(`${S} does not have ${wording(excluded.shift()!)}.`);
    }
  }
  return { text: sentences.join(' '), wordings };
}

// ---------------------------------------------------------------------------------------------------------------
// The benchmark
// ---------------------------------------------------------------------------------------------------------------

export interface NarrativeBenchOptions {
  /** phenopackets to write narratives from; none: the clinic letters only */
  input?: string;
  /** clinic letters with gold terms (bench/clinic-letters format); none: the phenopackets only */
  letters?: string;
  snapshot: string;
  half: 'all' | 'even' | 'odd';
  limit?: number;
  json: boolean;
  /** print this many generated narratives with what the intake missed or added (failure analysis) */
  show: number;
  /** print the n most frequent missed and added terms, with the words the narrative used */
  errors?: number;
}

interface PacketFeature {
  type?: { id?: string; label?: string };
  excluded?: boolean;
  onset?: { age?: { iso8601duration?: string }; ontologyClass?: { label?: string } };
}

interface Packet {
  id?: string;
  subject?: { sex?: Sex; timeAtLastEncounter?: { age?: { iso8601duration?: string } } };
  phenotypicFeatures?: PacketFeature[];
  interpretations?: Parameters<typeof truthOf>[0]['interpretations'];
}

/** The generator's view of a phenopacket (the truth is read separately, by the benchmark only). */
export function narrativeCaseOf(packet: Packet, fallbackId: string): NarrativeCase {
  const age = packet.subject?.timeAtLastEncounter?.age?.iso8601duration;
  return {
    id: packet.id ?? fallbackId,
    sex: packet.subject?.sex,
    ageYears: age ? durationToYears(age) : undefined,
    features: (packet.phenotypicFeatures ?? [])
      .filter((f) => f.type?.id)
      .map((f) => ({
        id: f.type!.id!,
        label: f.type!.label ?? f.type!.id!,
        excluded: !!f.excluded,
        onset: f.onset?.age?.iso8601duration ?? f.onset?.ontologyClass?.label,
      })),
  };
}

export interface SetScores {
  gold: number;
  extracted: number;
  tp: number;
  /** gold terms extracted with the other status (present as excluded or the reverse) */
  wrongStatus: number;
  precision: number;
  recall: number;
}

/** Phenopackets written as narratives, extracted and ranked. */
export interface PhenopacketNarrativeFigures {
  input: string;
  cases: number;
  gold: RankMetrics;
  narrative: RankMetrics;
  /** percentage points lost from gold to narrative */
  drop: { top1: number; top3: number; top10: number };
  present: SetScores;
  excluded: SetScores;
  narrativeWords: number;
  casesPerSecond: number;
}

export interface NarrativeBenchFigures {
  half: string;
  phenopackets?: PhenopacketNarrativeFigures;
  letters?: ClinicLetterFigures & { input: string };
}

class Tally {
  private readonly counts = new Map<string, number>();
  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  lines(n: number): string {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, n)
      .map(([k, c]) => `${String(c).padStart(5)}  ${k}`)
      .join('\n');
  }
}

const setScores = (gold: number, extracted: number, tp: number, wrongStatus: number): SetScores => ({
  gold,
  extracted,
  tp,
  wrongStatus,
  precision: extracted ? tp / extracted : 0,
  recall: gold ? tp / gold : 0,
});

/** The clinic letters shipped with the project (bench/clinic-letters). */
export const defaultLetters = () => join(packageRoot(), 'bench', 'clinic-letters', 'letters-dev.jsonl');

export function registerNarrativeBench(bench: Command): void {
  bench
    .command('narratives')
    .description(
      'end to end: clinic letters and narratives written from phenopackets, extracted with the intake and ranked through runCase; top-1/3/10 versus their gold terms, extraction P/R/F1',
    )
    .option('--input <file>', 'phenopackets .jsonl / .jsonl.gz (wrappers with a "phenopacket" field accepted) to write narratives from')
    .option('--letters <file>', 'clinic letters .jsonl with gold present/excluded/family terms', defaultLetters())
    .option('--no-letters', 'skip the clinic letters')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--half <which>', 'all, even or odd cases and letters by line order (tune on one half, check on the other)', 'all')
    .option('--limit <n>', 'stop after n phenopacket cases')
    .option('--show <n>', 'print n generated narratives with the terms the intake missed or added', '0')
    .option('--errors <n>', 'print the n most frequent missed and added terms (with the words used)', '0')
    .option('--json', 'print the figures as JSON')
    .action(async (opts: { input?: string; letters: string | false; snapshot?: string; half: string; limit?: string; show: string; errors: string; json?: boolean }) => {
      const half = checkHalf(opts.half);
      const limit = opts.limit === undefined ? undefined : Number(opts.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new InvalidArgumentError(`--limit must be a positive integer, not ${opts.limit}`);
      if (!opts.input && !opts.letters) throw new InvalidArgumentError('nothing to run: give --input, or keep the clinic letters');
      await runNarrativeBench({
        input: opts.input ? resolve(opts.input) : undefined,
        letters: opts.letters ? resolve(opts.letters) : undefined,
        snapshot: await resolveSnapshot({ snapshot: opts.snapshot }),
        half,
        limit,
        json: !!opts.json,
        show: Math.max(0, Number(opts.show) || 0),
        errors: Math.max(0, Number(opts.errors) || 0),
      });
    });
}

export async function runNarrativeBench(opts: NarrativeBenchOptions): Promise<NarrativeBenchFigures> {
  const session = await KnowledgeSession.open(opts.snapshot);
  const figures: NarrativeBenchFigures = { half: opts.half };
  try {
    if (opts.letters) {
      const letters = await readLetters(opts.letters, opts.half);
      figures.letters = { input: opts.letters, ...(await runClinicLetterBench(session, letters)) };
      if (!opts.json) printLetterFigures(figures.letters, opts.errors ?? 0);
    }
    if (opts.input) {
      figures.phenopackets = await phenopacketNarratives(session, { ...opts, input: opts.input });
    }
  } finally {
    await session.close();
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  return figures;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const pts = (x: number) => (Math.abs(x) < 0.05 ? '0.0' : x.toFixed(1));
const rankRow = (name: string, s: RankMetrics) => [name, s.n, pct(s.top1), pct(s.top3), pct(s.top10), s.mrr.toFixed(3)];

function printLetterFigures(f: ClinicLetterFigures, errors: number): void {
  const row = (name: string, s: ExtractionScores) => [name, s.gold, s.extracted, s.tp, s.precision.toFixed(3), s.recall.toFixed(3), s.f1.toFixed(3)];
  process.stdout.write(
    `clinic letters (${f.letters})\n${formatTable(
      ['ranked from', 'letters', 'top-1', 'top-3', 'top-10', 'MRR'],
      [rankRow('gold terms', f.gold), rankRow('letter (intake)', f.narrative), ['drop (points)', '', pts(f.drop.top1), pts(f.drop.top3), pts(f.drop.top10), (f.gold.mrr - f.narrative.mrr).toFixed(3)]],
      ['l', 'r', 'r', 'r', 'r', 'r'],
    )}\n\n${formatTable(
      ['extraction', 'gold terms', 'extracted', 'TP', 'precision', 'recall', 'F1'],
      [row('present', f.present), row('excluded', f.excluded), row('family', f.family)],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    )}\ntargets: present F1 >= 0.80, excluded F1 >= 0.70, top-10 drop <= 5 points\n\n`,
  );
  if (errors > 0) {
    const missed = new Tally();
    const added = new Tally();
    for (const o of f.outcomes) {
      for (const e of o.errors) (e.kind === 'missed' ? missed : added).add(`${e.status.padEnd(8)} ${e.id} ${e.label}${e.text ? ` ← ${e.text}` : ''}  [${o.id}]`);
    }
    process.stdout.write(`letters: missed gold terms:\n${missed.lines(errors)}\n\nletters: added terms:\n${added.lines(errors)}\n\n`);
  }
}

async function phenopacketNarratives(session: KnowledgeSession, opts: NarrativeBenchOptions & { input: string }): Promise<PhenopacketNarrativeFigures> {
  const cases: { c: NarrativeCase; truth: Truth }[] = [];
  let index = -1;
  for await (const rec of readJsonRecords(opts.input)) {
    index += 1;
    if ((opts.half === 'even' && index % 2 !== 0) || (opts.half === 'odd' && index % 2 !== 1)) continue;
    if (opts.limit !== undefined && cases.length >= opts.limit) break;
    if (!rec.ok) throw new Error(`${opts.input}: line ${rec.line}: ${rec.error}`);
    const w = rec.value as { phenopacket?: Packet } & Packet;
    const packet = w.phenopacket ?? w;
    cases.push({ c: narrativeCaseOf(packet, `line ${rec.line}`), truth: truthOf(packet) });
  }

  const book = lexiconPhraseBook(await session.lexicon());
  const recognizer: ConceptRecognizer = await session.recognizer();
  const model = session.model;
  const canonical = (id: string) => {
    const t = recognizer.dictionary.termIndex(id);
    return t === undefined ? id : recognizer.dictionary.terms[t]!.id;
  };

  const rankOf = async (present: string[], excluded: string[], sex: Sex | undefined, truth: Truth) => {
    let result;
    try {
      result = (await runCase(session, runInputsOfFindings({ id: 'narrative', present, excluded, sex }), { top: 100, explain: 0 })).ranking;
    } catch (err) {
      if (err instanceof InputError) return 0; // no usable present term: nothing ranked
      throw err;
    }
    const truthMondo = new Set(truth.diseases.map((id) => model.diseaseMondo[model.diseaseIndex.get(id) ?? -1] ?? '').filter(Boolean));
    return result.diseases.findIndex((d) => d.ids.some((id) => truth.diseases.includes(id)) || (d.mondo !== '' && truthMondo.has(d.mondo))) + 1;
  };

  const goldRanks: number[] = [];
  const narrativeRanks: number[] = [];
  const tally = { pGold: 0, pExtracted: 0, pTp: 0, pWrong: 0, eGold: 0, eExtracted: 0, eTp: 0, eWrong: 0 };
  let words = 0;
  let shown = 0;
  const missed = new Tally();
  const added = new Tally();
  const labelOf = (id: string) => {
    const t = recognizer.dictionary.termIndex(id);
    return t === undefined ? '?' : recognizer.dictionary.terms[t]!.label;
  };
  const started = process.hrtime.bigint();
  for (const { c, truth } of cases) {
    const { text, wordings } = composeNarrative(c, book);
    words += text.split(/\s+/).length;
    const findings = recognizer.extract(text);
    // As the workstation does (diagnose-case.ts): present wins over excluded; uncertain and family not used.
    const present = [...new Set(findings.filter((f) => f.status === 'present').map((f) => f.hpoId))];
    const excluded = [...new Set(findings.filter((f) => f.status === 'excluded').map((f) => f.hpoId))].filter((id) => !present.includes(id));
    const goldPresent = [...new Set(c.features.filter((f) => !f.excluded).map((f) => canonical(f.id)))];
    const goldExcluded = [...new Set(c.features.filter((f) => f.excluded).map((f) => canonical(f.id)))].filter((id) => !goldPresent.includes(id));

    const p = new Set(present);
    const e = new Set(excluded);
    tally.pGold += goldPresent.length;
    tally.pExtracted += present.length;
    tally.pTp += goldPresent.filter((id) => p.has(id)).length;
    tally.pWrong += goldPresent.filter((id) => e.has(id)).length;
    tally.eGold += goldExcluded.length;
    tally.eExtracted += excluded.length;
    tally.eTp += goldExcluded.filter((id) => e.has(id)).length;
    tally.eWrong += goldExcluded.filter((id) => p.has(id)).length;

    if (opts.errors) {
      for (const { feature, words } of wordings) {
        const id = canonical(feature.id);
        const found = feature.excluded ? e.has(id) : p.has(id);
        if (found) continue;
        const other = feature.excluded ? (p.has(id) ? ' (found present)' : '') : e.has(id) ? ' (found excluded)' : '';
        missed.add(`${feature.excluded ? 'excluded' : 'present '} ${id} ${feature.label} ← "${words}"${other}`);
      }
      const gp = new Set(goldPresent);
      const ge = new Set(goldExcluded);
      for (const id of present) if (!gp.has(id) && !ge.has(id)) added.add(`present  ${id} ${labelOf(id)}`);
      for (const id of excluded) if (!ge.has(id) && !gp.has(id)) added.add(`excluded ${id} ${labelOf(id)}`);
    }

    goldRanks.push(await rankOf(goldPresent, goldExcluded, c.sex, truth));
    narrativeRanks.push(await rankOf(present, excluded, c.sex, truth));

    if (shown < opts.show) {
      shown += 1;
      const label = (id: string) => {
        const t = recognizer.dictionary.termIndex(id);
        return `${id} ${t === undefined ? '?' : recognizer.dictionary.terms[t]!.label}`;
      };
      const gp = new Set(goldPresent);
      const ge = new Set(goldExcluded);
      process.stderr.write(
        `\n# ${c.id} (rank gold ${goldRanks.at(-1)}, narrative ${narrativeRanks.at(-1)})\n${text}\n` +
          `  missed present:  ${goldPresent.filter((id) => !p.has(id)).map(label).join('; ') || '-'}\n` +
          `  added present:   ${present.filter((id) => !gp.has(id)).map(label).join('; ') || '-'}\n` +
          `  missed excluded: ${goldExcluded.filter((id) => !e.has(id)).map(label).join('; ') || '-'}\n` +
          `  added excluded:  ${excluded.filter((id) => !ge.has(id)).map(label).join('; ') || '-'}\n`,
      );
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const gold = rankMetrics(goldRanks);
  const narrative = rankMetrics(narrativeRanks);
  const figures: PhenopacketNarrativeFigures = {
    input: opts.input,
    cases: cases.length,
    gold,
    narrative,
    drop: { top1: 100 * (gold.top1 - narrative.top1), top3: 100 * (gold.top3 - narrative.top3), top10: 100 * (gold.top10 - narrative.top10) },
    present: setScores(tally.pGold, tally.pExtracted, tally.pTp, tally.pWrong),
    excluded: setScores(tally.eGold, tally.eExtracted, tally.eTp, tally.eWrong),
    narrativeWords: cases.length ? words / cases.length : 0,
    casesPerSecond: cases.length / seconds,
  };

  if (!opts.json) {
    const row = rankRow;
    const setRow = (name: string, s: SetScores) => [name, s.gold, s.extracted, s.tp, s.wrongStatus, s.precision.toFixed(3), s.recall.toFixed(3)];
    process.stdout.write(
      `phenopacket narratives (${cases.length})\n${formatTable(
        ['ranked from', 'cases', 'top-1', 'top-3', 'top-10', 'MRR'],
        [row('gold terms', gold), row('narrative (intake)', narrative), ['drop (points)', '', pts(figures.drop.top1), pts(figures.drop.top3), pts(figures.drop.top10), (gold.mrr - narrative.mrr).toFixed(3)]],
        ['l', 'r', 'r', 'r', 'r', 'r'],
      )}\n\n` +
        `${formatTable(
          ['extraction', 'gold terms', 'extracted', 'TP', 'wrong status', 'precision', 'recall'],
          [setRow('present', figures.present), setRow('excluded', figures.excluded)],
          ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
        )}\n\n` +
        `half: ${opts.half}; ${cases.length} cases, ${figures.narrativeWords.toFixed(0)} words per narrative on average; ` +
        `${figures.casesPerSecond.toFixed(0)} cases/s (generate, extract, rank twice; one thread)\n` +
        `target: drop <= 5 points at top-1 and top-10\n`,
    );
    if (opts.errors) {
      process.stdout.write(`\nmost frequent misses (gold feature not extracted with its status):\n${missed.lines(opts.errors)}\n`);
      process.stdout.write(`\nmost frequent additions (extracted, not a gold feature):\n${added.lines(opts.errors)}\n`);
    }
  }
  return figures;
}
