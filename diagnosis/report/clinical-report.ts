import type { CaseDetail, RunView } from '../contract/api-schemas.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (x: number) => (x >= 0.001 ? `${(100 * x).toFixed(1)} %` : '< 0.1 %');

export interface ReportVersions {
  application: string;
  snapshotId: string;
  modelId?: string;
  generatedAt: string;
}

/**
 * A printable clinical report of one diagnosis run: the case and its findings, the ranked differential with the
 * evidence for the leading candidates, variants, the reasoning if a model was used, and every version that produced
 * it. Self-contained HTML (inline CSS, no external resources), so it prints the same anywhere and can be filed.
 */
export function clinicalReportHtml(c: CaseDetail, run: RunView, v: ReportVersions, top = 10): string {
  const present = c.findings.filter((f) => f.status === 'present');
  const excluded = c.findings.filter((f) => f.status === 'excluded');
  const rows = run.candidates
    .slice(0, top)
    .map(
      (d) => `<tr><td>${d.rank}</td><td>${esc(d.label)}<br><small>${esc(d.ids.join(', '))}${d.mondo ? ` · ${esc(d.mondo)}` : ''}</small></td>` +
        `<td>${esc(d.genes.map((g) => g.symbol).join(', '))}</td><td>${pct(d.probability)}</td><td>${(100 * d.coverage).toFixed(0)} %</td></tr>`,
    )
    .join('');
  const evidence = run.candidates
    .slice(0, 3)
    .map((d) => {
      const obs = d.observed.map((o) => `<li>${esc(o.label)} (${esc(o.id)}): ${esc(o.match)}${o.diseaseTerm && o.match !== 'exact' ? ` via ${esc(o.diseaseTerm.label)}` : ''}, LR ${o.lr.toPrecision(3)}</li>`).join('');
      const exc = d.excluded.filter((o) => o.match !== 'unrelated').map((o) => `<li>absent ${esc(o.label)}: ${esc(o.match)}, LR ${o.lr.toPrecision(3)}</li>`).join('');
      const gt = d.genotype
        ? `<p>Genotype (${esc(d.genotype.gene)}): ${esc(d.genotype.reason)}; inheritance ${esc(d.genotype.mode)} ${d.genotype.satisfied ? 'fits' : 'does not fit'}; LR ${d.genotype.lr.toPrecision(3)}</p><ul>${d.genotype.variants
            .map((x) => `<li>${esc(x.grch38)} (GRCh38; input ${esc(x.inputBuild)} ${esc(x.input)}), ${esc(x.zygosity)}${x.clinvar ? `, ClinVar ${esc(x.clinvar.significance)} ${x.clinvar.stars}★${x.clinvar.hgvsC ? ` ${esc(x.clinvar.hgvsC)}` : ''}` : ''}</li>`)
            .join('')}</ul>`
        : '';
      const missing = d.notReported.length ? `<p>Features of the disease not reported: ${esc(d.notReported.map((t) => t.label).join('; '))}</p>` : '';
      return `<section><h3>${d.rank}. ${esc(d.label)}</h3><ul>${obs}${exc}</ul>${gt}${missing}</section>`;
    })
    .join('');
  const reasoning = run.reasoning
    ? `<h2>Local model reasoning (${esc(run.reasoning.modelId)}, verified against the evidence)</h2>${
        run.reasoning.error ? `<p>No usable answer: ${esc(run.reasoning.error)}</p>` : ''
      }<ol>${run.reasoning.differential.map((x) => `<li><b>${esc(x.label)}</b>: ${esc(x.rationale)} <small>[${esc(x.evidenceIds.join(', '))}]</small></li>`).join('')}</ol>`
    : '';
  const discriminating = run.discriminating.length
    ? `<h2>Findings that would separate the leading candidates</h2><ul>${run.discriminating.map((f) => `<li>${esc(f.label)} (${esc(f.hpoId)})</li>`).join('')}</ul>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report ${esc(c.label)}</title><style>
body{font-family:system-ui,sans-serif;margin:2em;color:#111;font-size:11pt}h1{font-size:16pt}h2{font-size:13pt;margin-top:1.4em}h3{font-size:11pt}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:4px;text-align:left;vertical-align:top}small{color:#555}
footer{margin-top:2em;font-size:9pt;color:#555;border-top:1px solid #ccc;padding-top:.5em}@media print{body{margin:1cm}}
</style></head><body>
<h1>Rare-disease differential: ${esc(c.label)}</h1>
<p>Sex: ${esc(c.sex ?? 'not given')} · Age: ${c.ageYears !== undefined ? `${c.ageYears.toFixed(1)} years` : 'not given'} · Status: ${esc(c.status)}${c.finalDiagnosis ? ` · Final diagnosis: ${esc(c.finalDiagnosis)}` : ''}</p>
<h2>Findings</h2><p><b>Present:</b> ${esc(present.map((f) => `${f.label} (${f.hpoId})`).join('; ') || 'none')}</p>
<p><b>Excluded:</b> ${esc(excluded.map((f) => `${f.label} (${f.hpoId})`).join('; ') || 'none')}</p>
${c.vcf ? `<p><b>Sequencing:</b> ${esc(c.vcf.path)}, sample ${esc(c.vcf.sample)}, ${esc(c.vcf.build)}: ${c.vcf.passed} variants kept, ${c.vcf.inGenes} in scored genes</p>` : ''}
<h2>Ranked differential (deterministic likelihood-ratio model)</h2>
<table><thead><tr><th>#</th><th>Disease</th><th>Genes</th><th>Post-test probability</th><th>Hallmarks reported</th></tr></thead><tbody>${rows}</tbody></table>
<p class="note">Probabilities are calibrated on published cases: among past cases shown with 70 %, about 70 % had that diagnosis.${run.unlistedProbability !== undefined && run.unlistedProbability >= 0.001 ? ` Probability that the diagnosis is a disease this knowledge snapshot does not contain: ${pct(run.unlistedProbability)}.` : ''}</p>
<h2>Evidence for the leading candidates</h2>${evidence}${discriminating}${reasoning}
<footer>Generated ${esc(v.generatedAt)} by RareDiag ${esc(v.application)} · knowledge snapshot ${esc(v.snapshotId)}${v.modelId ? ` · model ${esc(v.modelId)}` : ''} · run ${esc(run.id)}.
Decision support only: every finding and candidate must be reviewed by a clinical geneticist. Computed entirely on this machine.</footer>
</body></html>`;
}
