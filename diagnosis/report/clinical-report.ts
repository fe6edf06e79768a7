import type { ClinicalReport, ReportBlock } from './report-content.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p${b.tone ? ` class="${b.tone}"` : ''}>${esc(b.text)}</p>`;
    case 'fields':
      return `<dl>${b.rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
    case 'table':
      return `<table><thead><tr>${b.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((cell) => `<td>${esc(cell)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'signatures':
      return `<div class="signatures">${b.people
        .map(
          (p) =>
            `<div class="signature"><div class="role">${esc(p.role)}</div><div class="name">${p.name ? esc(p.name) : '&nbsp;'}</div>` +
            `<div class="line">Signature</div><div class="line">Date</div></div>`,
        )
        .join('')}</div>`;
  }
}

/**
 * The clinical report as self-contained HTML (inline CSS, no script, no external resource), so it shows, prints and
 * files the same anywhere; the desktop app turns it into PDF with printToPDF.
 */
export function clinicalReportHtml(r: ClinicalReport, lang = 'en'): string {
  return `<!doctype html><html lang="${esc(lang)}"><head><meta charset="utf-8"><title>${esc(r.documentTitle)}</title><style>
body{font-family:system-ui,sans-serif;margin:2em;color:#111;font-size:10.5pt;line-height:1.35}
header.letterhead{border-bottom:2px solid #1b4b72;padding-bottom:.4em;margin-bottom:.6em}header .inst{font-size:13pt;font-weight:600;color:#1b4b72}header .line{color:#333}
h1{font-size:16pt;margin:.2em 0}h2{font-size:12pt;margin:1.3em 0 .4em;color:#1b4b72;border-bottom:1px solid #ccd;padding-bottom:2px;break-after:avoid}
.subtitle{color:#555;margin:0 0 1em}dl{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em;margin:.3em 0}dt{color:#555}dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.3em 0 .6em}td,th{border-bottom:1px solid #ccc;padding:3px 4px;text-align:left;vertical-align:top}th{background:#f1f4f8;font-weight:600}
tr{break-inside:avoid}p.muted{color:#555;font-size:9.5pt}p.strong{font-weight:600;margin-bottom:.2em}p.notice{background:#fff6e0;border-left:3px solid #d08a00;padding:.3em .6em}
.signatures{display:grid;grid-template-columns:1fr 1fr;gap:2em;margin-top:1em;break-inside:avoid}.signature .role{font-weight:600}.signature .name{min-height:1.3em}
.signature .line{border-top:1px solid #333;margin-top:2.2em;padding-top:2px;font-size:9pt;color:#555}
footer{margin-top:2em;font-size:8.5pt;color:#555;border-top:1px solid #ccc;padding-top:.5em}@media print{body{margin:1.2cm}}
</style></head><body>
${r.letterhead.length ? `<header class="letterhead">${r.letterhead.map((l, i) => `<div class="${i === 0 ? 'inst' : 'line'}">${esc(l)}</div>`).join('')}</header>` : ''}
<h1>${esc(r.title)}</h1><p class="subtitle">${esc(r.subtitle)}</p>
${r.sections.map((s) => `<section id="${esc(s.id)}"><h2>${esc(s.title)}</h2>${s.blocks.map(block).join('')}</section>`).join('\n')}
<footer>${esc(r.footer)}</footer>
</body></html>`;
}
