import type { DiagnosisRun } from '../../diagnosis/case-store/case-types.js';
import type { LlmIntakeResult } from '../../diagnosis/intake/llm-proposals.js';
import type { RunResult } from '../../diagnosis/pipeline/run-types.js';
import type { ReasoningRun } from '../../diagnosis/reasoning/case-reasoner.js';
import type { EvidencePack } from '../../diagnosis/reasoning/evidence-pack.js';
import { describeRankResult } from './describe-rank-result.js';
import { formatTable } from './format-table.js';

type Saved = { caseId: string; run: DiagnosisRun } | undefined;

/** `diagnose --json`: the whole run, and where it was stored when `--save` was given. */
export function diagnosisJson(run: RunResult, saved: Saved) {
  return {
    caseId: run.caseId,
    snapshotId: run.stamp.snapshotId,
    stamp: run.stamp,
    findings: run.findings,
    result: run.ranking,
    ...(run.llmProposals ? { llmProposals: run.llmProposals } : {}),
    ...(run.evidencePack ? { evidencePack: run.evidencePack } : {}),
    ...(run.reasoning ? { reasoning: run.reasoning } : {}),
    timings: run.timings,
    ...(saved ? { saved: { caseId: saved.caseId, runId: saved.run.id } } : {}),
  };
}

/** The readable report of `diagnose`: findings with their source and span, the differential, reasoning when asked for. */
export function describeDiagnosis(run: RunResult, top: number, saved: Saved): string {
  const lines: string[] = [`Case ${run.caseId} (snapshot ${run.stamp.snapshotId})`, ''];
  if (run.findings.length) {
    lines.push(
      formatTable(
        ['finding', 'label', 'status', 'source', 'text'],
        run.findings.map((f) => [f.hpoId, f.label, f.status, f.source, f.text ? `"${f.text}" @${f.start}` : '']),
      ),
      '',
    );
  }
  if (run.llmProposals) lines.push(describeProposals(run.llmProposals), '');
  lines.push(describeRankResult(run.ranking, top));
  if (run.reasoning && run.evidencePack) lines.push('', describeReasoning(run.evidencePack, run.reasoning));
  if (saved) lines.push('', `saved as case ${saved.caseId}, run ${saved.run.id} (rarediag cases show ${saved.caseId.slice(0, 8)})`);
  return `${lines.join('\n')}\n`;
}

function describeProposals(p: LlmIntakeResult): string {
  const lines = [`Findings proposed by ${p.modelId} (grounded to HPO; for review, not used in the ranking):`];
  if (p.error) lines.push(`  no usable answer: ${p.error}`);
  for (const x of p.accepted) lines.push(`  ${x.status} ${x.hpoId} ${x.label} ← "${x.phrase}" (${x.groundedBy})`);
  for (const x of p.dropped) lines.push(`  dropped "${x.phrase}": ${x.dropped}`);
  return lines.join('\n');
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
  return lines.join('\n');
}
