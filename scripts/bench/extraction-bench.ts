import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Command } from 'commander';
import { readJsonRecords } from '../../diagnosis/io/jsonl-reader.js';
import type { ConceptRecognizer } from '../../diagnosis/intake/concept-recognizer.js';
import { documentFindings } from '../../diagnosis/intake/document-findings.js';
import type { ExtractedFinding } from '../../diagnosis/intake/finding.js';
import { withSession } from '../cli/with-session.js';
import { packageRoot } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { formatTable } from '../cli/format-table.js';
import { resolveSnapshot, snapshotOptionHelp, sourcesOptionHelp } from '../cli/snapshot-options.js';
import { checkHalf } from '../cli/param-options.js';

/**
 * Concept-recognition benchmark on the development halves of GSC+ (abstracts, every HPO mention annotated with
 * offsets) and the JAX case reports (full texts, the patient's HPO terms per document). Exact HPO ids after mapping
 * alt and obsolete ids to the current term on both sides.
 *
 * Which findings count:
 * - GSC+ annotates phenotype *mentions* whatever is said about them (its abstracts are about diseases, not one
 *   patient; "without family history of this syndrome" and negated mentions are annotated alike), nested ones
 *   included ("hearing loss" inside "sensorineural hearing loss"), so every finding named in the text counts,
 *   whatever its status, with the nested mentions the recognizer reports when asked (`nestedMentions`). Findings inferred from a normal statement ("normal
 *   hearing" → hearing impairment excluded) are not mentions of the term and are left out.
 * - JAX lists the findings of the patient the report is about: the document's present findings as the intake
 *   gives them for a case (document-findings.ts: present status, historical included, from the patient's own
 *   sections of the report, most specific terms); excluded, uncertain and family findings are not the patient's.
 */
export interface ExtractionBenchOptions {
  gscplus: string;
  jax: string;
  snapshot: string;
  half: 'all' | 'even' | 'odd';
  /** print the most frequent false positives and negatives (failure analysis) */
  errors: number;
  json: boolean;
  /** minimum seconds of repeated extraction for the throughput figure */
  seconds: number;
  /** worker threads for the throughput figure (default: up to 2, the cores of the target machine) */
  workers?: number;
}

export interface Scores {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

interface GscDoc {
  pmid: string;
  text: string;
  mentions: { start: number; end: number; hpo: string; mention: string }[];
}

interface JaxDoc {
  pmid: string;
  text: string;
  hpo: string[];
}

const defaultBench = (file: string) => join(packageRoot(), '..', 'shared', 'bench', file);

export function registerExtractionBench(bench: Command): void {
  bench
    .command('extraction')
    .description('concept recognition on GSC+ (mention and document level) and JAX case reports (document level): P/R/F1, abstracts/s')
    .option('--gscplus <file>', 'GSC+ .jsonl(.gz) with mentions', defaultBench('gscplus-dev.jsonl.gz'))
    .option('--jax <file>', 'JAX case reports .jsonl(.gz) with document HPO sets', defaultBench('jax-case-reports-dev.jsonl.gz'))
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--sources <dir>', sourcesOptionHelp)
    .option('--half <which>', 'all, even or odd documents by line order (tune on one half, check on the other)', 'all')
    .option('--errors <n>', 'print the n most frequent false positives and false negatives', '0')
    .option('--seconds <s>', 'minimum duration of the throughput measurement', '3')
    .option('--workers <n>', 'worker threads for the throughput measurement (default: up to 2)')
    .option('--json', 'print the figures as JSON')
    .action(async (opts: { gscplus: string; jax: string; snapshot?: string; sources?: string; half: string; errors: string; seconds: string; workers?: string; json?: boolean }) => {
      const half = checkHalf(opts.half);
      await runExtractionBench({
        gscplus: resolve(opts.gscplus),
        jax: resolve(opts.jax),
        snapshot: await resolveSnapshot(opts),
        half,
        errors: Math.max(0, Number(opts.errors) || 0),
        json: !!opts.json,
        seconds: Math.max(0.1, Number(opts.seconds) || 3),
        workers: opts.workers ? Math.max(1, Number(opts.workers) || 1) : undefined,
      });
    });
}

async function readDocs<T>(path: string, half: 'all' | 'even' | 'odd'): Promise<T[]> {
  const out: T[] = [];
  let i = -1;
  for await (const rec of readJsonRecords(path)) {
    i += 1;
    if ((half === 'even' && i % 2 !== 0) || (half === 'odd' && i % 2 !== 1)) continue;
    if (!rec.ok) throw new Error(`${path}: line ${rec.line}: ${rec.error}`);
    out.push(rec.value as T);
  }
  return out;
}

const scores = (tp: number, fp: number, fn: number, tpGold = tp): Scores => {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tpGold + fn ? tpGold / (tpGold + fn) : 0;
  return { tp, fp, fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

class Tally {
  readonly counts = new Map<string, number>();
  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  top(n: number): [string, number][] {
    return [...this.counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
  }
}

export async function runExtractionBench(opts: ExtractionBenchOptions) {
  const loadStarted = process.hrtime.bigint();
  const recognizer = await withSession(opts.snapshot, (session) => session.recognizer());
  const loadSeconds = Number(process.hrtime.bigint() - loadStarted) / 1e9;
  const canonical = (id: string) => {
    const t = recognizer.dictionary.termIndex(id);
    return t === undefined ? id : recognizer.dictionary.terms[t]!.id;
  };
  const label = (id: string) => {
    const t = recognizer.dictionary.termIndex(id);
    return t === undefined ? '?' : recognizer.dictionary.terms[t]!.label;
  };

  const gsc = await readDocs<GscDoc>(opts.gscplus, opts.half);
  const jax = await readDocs<JaxDoc>(opts.jax, opts.half);
  const fpTally = new Tally();
  const fnTally = new Tally();

  // GSC+: mention level (overlapping span and same id) and document level (id sets).
  let mTpPred = 0;
  let mFp = 0;
  let mTpGold = 0;
  let mFn = 0;
  let dTp = 0;
  let dFp = 0;
  let dFn = 0;
  for (const doc of gsc) {
    const predicted = recognizer.extract(doc.text, { nestedMentions: true }).filter((f) => f.basis !== 'normal-statement');
    const gold = doc.mentions.map((m) => ({ ...m, hpo: canonical(m.hpo) }));
    const overlaps = (f: ExtractedFinding, m: { start: number; end: number }) => f.start < m.end && m.start < f.end;
    for (const f of predicted) {
      if (gold.some((m) => m.hpo === f.hpoId && overlaps(f, m))) mTpPred += 1;
      else {
        mFp += 1;
        fpTally.add(`gsc mention  ${f.hpoId} ${f.label} ← "${f.text}"`);
      }
    }
    for (const m of gold) {
      if (predicted.some((f) => f.hpoId === m.hpo && overlaps(f, m))) mTpGold += 1;
      else {
        mFn += 1;
        const near = predicted.find((f) => overlaps(f, m));
        fnTally.add(`gsc mention  ${m.hpo} ${label(m.hpo)} ← "${m.mention}"${near ? ` (found ${near.hpoId} ${near.label})` : ''}`);
      }
    }
    const p = new Set(predicted.map((f) => f.hpoId));
    const g = new Set(gold.map((m) => m.hpo));
    for (const id of p) if (g.has(id)) dTp += 1;
    else dFp += 1;
    for (const id of g) if (!p.has(id)) dFn += 1;
  }
  const gscMention = scores(mTpPred, mFp, mFn, mTpGold);
  const gscDocument = scores(dTp, dFp, dFn);

  // JAX: document level, the patient's present findings.
  let jTp = 0;
  let jFp = 0;
  let jFn = 0;
  for (const doc of jax) {
    const predicted = new Set(documentFindings(doc.text, recognizer.extract(doc.text), recognizer.hierarchy).present);
    const gold = new Set(doc.hpo.map(canonical));
    for (const id of predicted) {
      if (gold.has(id)) jTp += 1;
      else {
        jFp += 1;
        fpTally.add(`jax document ${id} ${label(id)}`);
      }
    }
    for (const id of gold) {
      if (!predicted.has(id)) {
        jFn += 1;
        fnTally.add(`jax document ${id} ${label(id)}`);
      }
    }
  }
  const jaxDocument = scores(jTp, jFp, jFn);

  // Throughput: the GSC+ abstracts, then the JAX full texts, extracted repeatedly on one thread and on the
  // worker threads together (each worker loads its own recognizer first; loading is not timed).
  const workers = opts.workers ?? Math.min(2, availableParallelism());
  const gscRate = throughput(recognizer, gsc.map((d) => d.text), opts.seconds);
  const jaxRate = throughput(recognizer, jax.map((d) => d.text), opts.seconds);
  const gscParallel = workers > 1 ? await parallelThroughput(opts.snapshot, gsc.map((d) => d.text), opts.seconds, workers) : gscRate;
  const jaxParallel = workers > 1 ? await parallelThroughput(opts.snapshot, jax.map((d) => d.text), opts.seconds, workers) : jaxRate;

  const figures = {
    snapshot: opts.snapshot,
    half: opts.half,
    loadSeconds,
    gscplus: { documents: gsc.length, mentions: gsc.reduce((s, d) => s + d.mentions.length, 0), mention: gscMention, document: gscDocument },
    jax: { documents: jax.length, document: jaxDocument },
    throughput: {
      oneThread: { gscplusAbstractsPerSecond: gscRate.docsPerSecond, gscplusMegabytesPerSecond: gscRate.megabytesPerSecond, jaxDocumentsPerSecond: jaxRate.docsPerSecond, jaxMegabytesPerSecond: jaxRate.megabytesPerSecond },
      workers,
      parallel: { gscplusAbstractsPerSecond: gscParallel.docsPerSecond, gscplusMegabytesPerSecond: gscParallel.megabytesPerSecond, jaxDocumentsPerSecond: jaxParallel.docsPerSecond, jaxMegabytesPerSecond: jaxParallel.megabytesPerSecond },
    },
  };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } else {
    const f = (x: number) => x.toFixed(3);
    const row = (set: string, level: string, s: Scores) => [set, level, s.tp, s.fp, s.fn, f(s.precision), f(s.recall), f(s.f1)];
    process.stdout.write(
      `${formatTable(
        ['set', 'level', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1'],
        [row(`GSC+ (${gsc.length})`, 'mention', gscMention), row(`GSC+ (${gsc.length})`, 'document', gscDocument), row(`JAX (${jax.length})`, 'document', jaxDocument)],
        ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
      )}\n\n` +
        `${formatTable(
          ['throughput', 'docs/s (1 thread)', 'MB/s', `docs/s (${workers} worker${workers > 1 ? 's' : ''})`, 'MB/s'],
          [
            ['GSC+ abstracts', gscRate.docsPerSecond.toFixed(0), gscRate.megabytesPerSecond.toFixed(2), gscParallel.docsPerSecond.toFixed(0), gscParallel.megabytesPerSecond.toFixed(2)],
            ['JAX full texts', jaxRate.docsPerSecond.toFixed(1), jaxRate.megabytesPerSecond.toFixed(2), jaxParallel.docsPerSecond.toFixed(1), jaxParallel.megabytesPerSecond.toFixed(2)],
          ],
          ['l', 'r', 'r', 'r', 'r'],
        )}\n\nhalf: ${opts.half}; recognizer load ${loadSeconds.toFixed(2)} s (lexicon query, closure, dictionary compile)\n`,
    );
    if (opts.errors > 0) {
      process.stdout.write(`\nmost frequent false positives:\n${fpTally.top(opts.errors).map(([k, n]) => `${String(n).padStart(4)}  ${k}`).join('\n')}\n`);
      process.stdout.write(`\nmost frequent false negatives:\n${fnTally.top(opts.errors).map(([k, n]) => `${String(n).padStart(4)}  ${k}`).join('\n')}\n`);
    }
  }
  return figures;
}

/** Extracts the texts over and over for at least `seconds`; what was done and how long it took. */
function extractRepeatedly(recognizer: ConceptRecognizer, texts: string[], seconds: number) {
  const chars = texts.reduce((s, t) => s + t.length, 0);
  let docs = 0;
  let bytes = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0;
  do {
    for (const t of texts) recognizer.extract(t);
    docs += texts.length;
    bytes += chars;
    elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  } while (elapsed < seconds);
  return { docs, bytes, elapsed };
}

function throughput(recognizer: ConceptRecognizer, texts: string[], seconds: number) {
  if (texts.length === 0) return { docsPerSecond: 0, megabytesPerSecond: 0 };
  const { docs, bytes, elapsed } = extractRepeatedly(recognizer, texts, seconds);
  return { docsPerSecond: docs / elapsed, megabytesPerSecond: bytes / 1e6 / elapsed };
}

/**
 * Throughput on `workers` threads together: each loads its own recognizer, then all extract the texts repeatedly
 * for the same time; documents per second summed over the threads.
 */
async function parallelThroughput(snapshot: string, texts: string[], seconds: number, workers: number) {
  const pool = Array.from({ length: workers }, () => new Worker(new URL(import.meta.url), { workerData: { extractionThroughput: true, snapshot, texts, seconds } }));
  try {
    // All workers load first, then start together.
    let readyCount = 0;
    const results = await Promise.all(
      pool.map(
        (w) =>
          new Promise<{ docs: number; bytes: number; elapsed: number }>((done, fail) => {
            w.on('message', (m: { ready?: boolean; docs?: number; bytes?: number; elapsed?: number }) => {
              if (m.ready) {
                readyCount += 1;
                if (readyCount === pool.length) for (const x of pool) x.postMessage('go');
                return;
              }
              done({ docs: m.docs!, bytes: m.bytes!, elapsed: m.elapsed! });
            });
            w.on('error', fail);
          }),
      ),
    );
    const elapsed = Math.max(...results.map((r) => r.elapsed));
    return { docsPerSecond: results.reduce((a, r) => a + r.docs, 0) / elapsed, megabytesPerSecond: results.reduce((a, r) => a + r.bytes, 0) / 1e6 / elapsed };
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

// This module is its own throughput worker (see parallelThroughput).
if (!isMainThread && (workerData as { extractionThroughput?: boolean } | undefined)?.extractionThroughput) {
  const { snapshot, texts, seconds } = workerData as { snapshot: string; texts: string[]; seconds: number };
  const recognizer = await withSession(snapshot, (session) => session.recognizer());
  for (const t of texts.slice(0, 5)) recognizer.extract(t); // warm up
  await new Promise<void>((go) => {
    parentPort!.once('message', () => go());
    parentPort!.postMessage({ ready: true });
  });
  parentPort!.postMessage(extractRepeatedly(recognizer, texts, seconds));
}
