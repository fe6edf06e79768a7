import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { describeFsError } from '../../graph-snapshot/io/line-reader.js';
import { SourceError } from '../../graph-snapshot/io/source-error.js';
import { GraphSnapshot } from '../../graph-snapshot/query/graph-snapshot.js';
import { dataHome } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { parseCaseFile, type NormalisedCase } from '../../diagnosis/case/case-file.js';
import { loadConceptRecognizer } from '../../diagnosis/intake/load-recognizer.js';
import { DiagnosisEngine } from '../../diagnosis/pipeline/diagnosis-engine.js';
import { diagnoseCase, type DiagnosisReport } from '../../diagnosis/pipeline/diagnose-case.js';
import { DiseaseTextIndex } from '../../diagnosis/reasoning/disease-text-index.js';
import { buildEvidencePack } from '../../diagnosis/reasoning/evidence-pack-builder.js';
import { reasonAboutCase, type ReasoningRun } from '../../diagnosis/reasoning/case-reasoner.js';
import type { EvidencePack } from '../../diagnosis/reasoning/evidence-pack.js';
import { ModelRegistry } from '../../native-models/registry/model-registry.js';
import type { ConceptRecognizer } from '../../diagnosis/intake/concept-recognizer.js';
import { proposeFindings, type LlmIntakeResult } from '../../diagnosis/intake/llm-proposals.js';
import { TermSearch } from '../../diagnosis/terms/term-search.js';
import { describeRankResult } from './describe-rank-result.js';
import { formatTable } from './format-table.js';
import { resolveSnapshot, snapshotOptionHelp, sourcesOptionHelp } from './snapshot-options.js';

interface DiagnoseOptions {
  snapshot?: string;
  sources?: string;
  json?: boolean;
  top: string;
  reason?: boolean;
  model?: string;
  threads?: string;
  maxTokens: string;
  timeout: string;
  llmIntake?: boolean;
}

export function registerDiagnoseCommand(program: Command): void {
  program
    .command('diagnose')
    .description('the main job: a case (narrative and/or HPO terms and/or a VCF) → findings, ranked differential with evidence; --reason adds local-LLM reasoning grounded in the evidence')
    .argument('<case.json>', 'case file: {"id","sex","age","narrative","hpo":[...],"excluded":[...],"vcf":"path"|{"path","sample","assembly"}} (see examples/)')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--sources <dir>', sourcesOptionHelp)
    .option('--top <n>', 'candidates shown', '10')
    .option('--reason', 'stream a local LLM reasoning over the evidence pack, then print the verified differential with citations')
    .option('--model <id>', 'model from `rarediag models list` (default: the selected one)')
    .option('--threads <n>', 'CPU threads for the model (default: up to 2)')
    .option('--max-tokens <n>', 'tokens the model may generate', '768')
    .option('--timeout <seconds>', 'give up on the model after this long', '600')
    .option('--llm-intake', 'also let the local model propose findings from the narrative; each is grounded to HPO or dropped, and shown for review (not ranked)')
    .option('--json', 'print the report (and the reasoning run) as JSON')
    .action(async (file: string, opts: DiagnoseOptions) => {
      const top = Number(opts.top);
      if (!Number.isInteger(top) || top < 1) throw new InvalidArgumentError('--top must be a positive integer');
      const path = resolve(file);
      let value: unknown;
      try {
        value = JSON.parse(await readFile(path, 'utf8'));
      } catch (err) {
        throw new SourceError(path, undefined, err instanceof SyntaxError ? `invalid JSON: ${err.message}` : describeFsError(err));
      }
      const parsed = parseCaseFile(value, basename(path).replace(/\.json$/i, ''));
      if (!parsed.ok) throw new SourceError(path, undefined, parsed.error);
      const snapshotDir = await resolveSnapshot(opts);
      const engine = await DiagnosisEngine.open(snapshotDir);
      const recognizer = parsed.value.narrative ? await loadConceptRecognizer(snapshotDir) : undefined;
      const report = await diagnoseCase(engine, recognizer, parsed.value, { caseFile: path, top: Math.max(top, 20), explain: Math.min(top, 5) });
      if (opts.llmIntake && recognizer && parsed.value.narrative) {
        const proposals = await llmIntake(recognizer, snapshotDir, parsed.value.narrative, opts);
        if (opts.json && !opts.reason) {
          process.stdout.write(`${JSON.stringify({ ...report, llmProposals: proposals }, null, 2)}\n`);
          return;
        }
        process.stderr.write(`${describeProposals(proposals)}\n`);
      }
      if (!opts.reason) {
        if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stdout.write(describeReport(report, top));
        return;
      }
      const { pack, run } = await reason(engine, snapshotDir, report, parsed.value, opts);
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...report, evidencePack: pack, reasoning: run }, null, 2)}\n`);
      else process.stdout.write(`${describeReport(report, top)}\n${describeReasoning(pack, run)}`);
    });
}

async function reason(engine: DiagnosisEngine, snapshotDir: string, report: DiagnosisReport, c: NormalisedCase, opts: DiagnoseOptions) {
  const registry = new ModelRegistry(join(dataHome(), 'models'));
  const entry = await registry.resolve(opts.model).catch((err: unknown) => {
    throw new SourceError(registry.registryPath, undefined, `${(err as Error).message}. Import a GGUF model first: rarediag models import FILE.gguf`);
  });
  const graph = await GraphSnapshot.open(snapshotDir);
  let pack: EvidencePack;
  try {
    const texts = await graph.diseaseTexts();
    const index = new DiseaseTextIndex(texts, engine.ranker.model);
    pack = await buildEvidencePack(engine.ranker, graph, index, { sex: c.sex, ageYears: c.ageYears }, report.result, { narrative: c.narrative });
    index.close();
  } finally {
    await graph.close();
  }
  // node-llama-cpp is loaded only when reasoning is asked for (it costs ~0.3 s at start-up).
  const { ModelRuntime } = await import('../../native-models/runtime/model-runtime.js');
  const { loadRegisteredModel } = await import('../../native-models/runtime/load-registered-model.js');
  const runtime = await ModelRuntime.start({ threads: opts.threads ? Number(opts.threads) : undefined });
  try {
    process.stderr.write(`model ${entry.id} on ${runtime.hardware.backend}, ${runtime.threads} thread(s); evidence pack: ${pack.items.length} items in ${pack.buildMs.toFixed(0)} ms\n`);
    await loadRegisteredModel(runtime, registry, entry.id);
    let lastKind = '';
    const run = await reasonAboutCase(runtime, engine.ranker.model, pack, {
      maxTokens: Number(opts.maxTokens),
      timeoutMs: Number(opts.timeout) * 1000,
      onChunk: (c) => {
        if (c.kind !== lastKind) {
          process.stderr.write(`\n[${c.kind === 'thought' ? 'thinking' : 'answer'}] `);
          lastKind = c.kind;
        }
        process.stderr.write(c.text);
      },
    });
    process.stderr.write('\n');
    return { pack, run };
  } finally {
    await runtime.dispose();
  }
}

async function llmIntake(recognizer: ConceptRecognizer, snapshotDir: string, narrative: string, opts: DiagnoseOptions): Promise<LlmIntakeResult> {
  const registry = new ModelRegistry(join(dataHome(), 'models'));
  const entry = await registry.resolve(opts.model).catch((err: unknown) => {
    throw new SourceError(registry.registryPath, undefined, `${(err as Error).message}. Import a GGUF model first: rarediag models import FILE.gguf`);
  });
  const snap = await GraphSnapshot.open(snapshotDir);
  const terms = new TermSearch(await snap.phenotypeLexicon(), (await snap.loadRankingTables()).terms);
  await snap.close();
  const { ModelRuntime } = await import('../../native-models/runtime/model-runtime.js');
  const { loadRegisteredModel } = await import('../../native-models/runtime/load-registered-model.js');
  const runtime = await ModelRuntime.start({ threads: opts.threads ? Number(opts.threads) : undefined });
  try {
    await loadRegisteredModel(runtime, registry, entry.id);
    return await proposeFindings(runtime, recognizer, terms, narrative, { maxTokens: Number(opts.maxTokens), timeoutMs: Number(opts.timeout) * 1000 });
  } finally {
    await runtime.dispose();
  }
}

function describeProposals(p: LlmIntakeResult): string {
  const lines = [`Findings proposed by ${p.modelId} (grounded to HPO; for review, not used in the ranking):`];
  if (p.error) lines.push(`  no usable answer: ${p.error}`);
  for (const x of p.accepted) lines.push(`  ${x.status} ${x.hpoId} ${x.label} ← "${x.phrase}" (${x.groundedBy})`);
  for (const x of p.dropped) lines.push(`  dropped "${x.phrase}": ${x.dropped}`);
  return lines.join('\n');
}

function describeReport(r: DiagnosisReport, top: number): string {
  const lines: string[] = [`Case ${r.caseId} (snapshot ${r.snapshotId})`, ''];
  if (r.findings.length) {
    lines.push(
      formatTable(
        ['finding', 'label', 'status', 'source', 'text'],
        r.findings.map((f) => [f.hpoId, f.label, f.status, f.source, f.text ? `"${f.text}" @${f.start}` : '']),
      ),
      '',
    );
  }
  lines.push(describeRankResult(r.result, top));
  return `${lines.join('\n')}\n`;
}

function describeReasoning(pack: EvidencePack, run: ReasoningRun): string {
  const lines: string[] = ['LLM reasoning (verified against the evidence pack)', `model ${run.model.id}, ${run.hardware.backend}, ${run.generatedTokens} tokens in ${(run.generationMs / 1000).toFixed(1)} s, stop: ${run.stopReason || '-'}`];
  if (run.trimmed.length) lines.push(`to fit the model's context the pack was trimmed: ${run.trimmed.join('; ')}`);
  if (run.error) lines.push(`the model gave no usable answer: ${run.error}; the deterministic differential stands`);
  const byId = new Map(pack.items.map((i) => [i.id, i]));
  for (const d of run.verified?.differential ?? []) {
    lines.push(`  ${d.rank}. ${d.diseaseId} ${d.label} (confidence ${d.confidence.toFixed(2)}): ${d.rationale}`);
    for (const id of d.evidenceIds) lines.push(`       [${id}] ${byId.get(id)?.text ?? ''}`);
  }
  if (run.verified?.rejected.length) {
    lines.push('  removed by the verifier:');
    for (const x of run.verified.rejected) lines.push(`    ${x.where}: ${x.value} (${x.reason})`);
  }
  lines.push('', 'Fused differential (deterministic rank, LLM rank → fused):');
  for (const f of run.fused.slice(0, 10)) lines.push(`  ${f.fusedRank}. ${f.diseaseId} ${f.label} (deterministic ${f.deterministicRank ?? '-'}, LLM ${f.llmRank ?? '-'})`);
  if (pack.discriminating.length) {
    lines.push('', 'Findings to check next (computed from the graph):');
    for (const f of pack.discriminating) lines.push(`  ${f.hpoId} ${f.label}: in ${f.presentIn.join(', ')}; not in ${f.absentIn.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
