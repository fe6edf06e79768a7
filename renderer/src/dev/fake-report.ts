import type { CaseDetail, ReportSettings, RunView } from '../../../diagnosis/contract/api-schemas.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const pct = (p: number) => (p >= 0.001 ? `${(p * 100).toFixed(1)} %` : p.toExponential(1));

/** The fake's printable report: the shape of what `report.html` returns (a whole HTML document). */
export function fakeReportHtml(c: CaseDetail, run: RunView, settings: ReportSettings, now: Date, locale?: string): string {
  const when = (d: Date | string) => new Date(d).toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' });
  const decisions = c.decisions.filter((d) => d.diseaseId).map((d) => ({ diseaseId: d.diseaseId!, decision: d.kind, note: d.note }));
  const present = c.findings.filter((f) => f.status === 'present');
  const excluded = c.findings.filter((f) => f.status === 'excluded');
  const top = run.candidates.slice(0, 10);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Report: ${esc(c.label)}</title>
<style>
body{font:12pt/1.45 Georgia,"Times New Roman",serif;margin:2cm;color:#111}
h1{font-size:18pt;margin:0 0 .2em}h2{font-size:13pt;border-bottom:1px solid #999;margin-top:1.4em}
table{border-collapse:collapse;width:100%;font-size:10.5pt}th,td{border-bottom:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
.meta{color:#444;font-size:10pt}.note{font-size:9.5pt;color:#444;margin-top:2em}
@page{size:A4;margin:1.5cm}
</style></head><body>
${settings.institution ? `<p class="meta"><b>${esc(settings.institution)}</b>${settings.clinician ? ` · ${esc(settings.clinician)}` : ''}</p>` : ''}
<h1>Rare-disease differential diagnosis report</h1>
<p class="meta">Case ${esc(c.label)} (${esc(c.id)}) · ${esc(c.sex ?? 'sex not recorded')} · ${c.ageYears !== undefined ? `${c.ageYears} years` : 'age not recorded'}<br>
Run ${esc(run.id)} of ${esc(when(run.createdAt))} · knowledge snapshot ${esc(run.snapshotId)}${run.reasoning ? ` · model ${esc(run.reasoning.modelId)}` : ''} · printed ${esc(when(now))}</p>
${c.finalDiagnosis ? `<h2>Decision</h2><p>Final diagnosis: ${esc(c.finalDiagnosis.label)} (${esc(c.finalDiagnosis.diseaseId)})</p>` : ''}
<h2>Findings</h2>
<p><b>Present:</b> ${present.map((f) => `${esc(f.label)} (${f.hpoId})`).join('; ') || 'none'}</p>
<p><b>Excluded:</b> ${excluded.map((f) => `${esc(f.label)} (${f.hpoId})`).join('; ') || 'none'}</p>
${c.vcf ? `<p><b>Variants:</b> ${esc(c.vcf.path)}, sample ${esc(c.vcf.sample)}, ${esc(c.vcf.build)}: ${c.vcf.records} records, ${c.vcf.passed} passed, ${c.vcf.inGenes} in genes.</p>` : ''}
<h2>Differential</h2>
<table><thead><tr><th>#</th><th>Disease</th><th>Genes</th><th>Post-test probability</th><th>Coverage</th><th>Decision</th></tr></thead><tbody>
${top.map((d) => `<tr><td>${d.rank}</td><td>${esc(d.label)}<br><small>${d.ids.map(esc).join(', ')}</small></td><td>${d.genes.map((g) => esc(g.symbol)).join(', ')}</td><td>${pct(d.probability)}</td><td>${Math.round(d.coverage * 100)} %</td><td>${decisions.filter((x) => x.diseaseId === d.id).map((x) => `${esc(x.decision)}${x.note ? `: ${esc(x.note)}` : ''}`).join('<br>')}</td></tr>`).join('\n')}
</tbody></table>
${top[0] ? `<h2>Evidence for ${esc(top[0].label)}</h2><table><thead><tr><th>FindingView</th><th>Match</th><th>LR</th></tr></thead><tbody>${top[0].observed.map((o) => `<tr><td>${esc(o.label)}</td><td>${esc(o.match)}</td><td>${o.lr.toFixed(2)}</td></tr>`).join('')}</tbody></table>` : ''}
${run.reasoning ? `<h2>Model reasoning (advisory)</h2>${run.reasoning.differential.map((d) => `<p><b>${d.rank}. ${esc(d.label)}</b>: ${esc(d.rationale)}</p>`).join('')}` : ''}
<h2>Sign-off</h2><p>Reported by ${esc(settings.clinician ?? '')} ________________ Date ________</p>
<p class="note">Generated offline by RareDiag (demonstration data from the fake API). Decision support only: the clinician remains responsible for the diagnosis.</p>
</body></html>`;
}
