import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { ClinicalReport, ReportBlock } from './report-content.js';

/**
 * The clinical report as PDF without a browser engine (browser mode has no printToPDF): pdfmake lays out the same
 * content as the HTML report (report-content.ts) with the Roboto fonts it ships. It may read only those font files
 * and never a URL: a report never reaches the network.
 */
const fontDir = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const fonts = {
  Roboto: {
    normal: join(fontDir, 'Roboto-Regular.ttf'),
    bold: join(fontDir, 'Roboto-Medium.ttf'),
    italics: join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
};
const fontFiles = new Set(Object.values(fonts.Roboto));
pdfmake.setFonts(fonts);
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => fontFiles.has(path));

const BLUE = '#1b4b72';

function block(b: ReportBlock): unknown {
  switch (b.kind) {
    case 'paragraph':
      return b.tone === 'notice'
        ? { table: { widths: ['*'], body: [[{ text: b.text, margin: [4, 2, 4, 2] }]] }, layout: 'noBorders', fillColor: '#fff6e0', margin: [0, 2, 0, 6] }
        : { text: b.text, style: b.tone ?? 'body' };
    case 'fields':
      return { table: { widths: ['auto', '*'], body: b.rows.map(([k, v]) => [{ text: k, color: '#555555' }, v]) }, layout: 'noBorders', margin: [0, 0, 0, 6] };
    case 'table':
      return {
        table: { headerRows: 1, dontBreakRows: true, widths: b.columns.map((_, i) => (i === 0 && b.columns.length > 3 ? 'auto' : '*')), body: [b.columns.map((c) => ({ text: c, style: 'th' })), ...b.rows] },
        layout: 'lightHorizontalLines',
        fontSize: 8.5,
        margin: [0, 2, 0, 8],
      };
    case 'list':
      return { ul: b.items, margin: [0, 0, 0, 6] };
    case 'signatures':
      return {
        unbreakable: true,
        columns: b.people.map((p) => ({
          stack: [
            { text: p.role, bold: true },
            { text: p.name || ' ', margin: [0, 2, 0, 26] },
            { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 200, y2: 0, lineWidth: 0.7 }] },
            { text: 'Signature', style: 'muted', margin: [0, 2, 0, 20] },
            { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 200, y2: 0, lineWidth: 0.7 }] },
            { text: 'Date', style: 'muted' },
          ],
        })),
        columnGap: 30,
        margin: [0, 8, 0, 0],
      };
  }
}

export async function clinicalReportPdf(r: ClinicalReport): Promise<Buffer> {
  const definition = {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 48],
    info: { title: r.documentTitle, creator: 'RareDiag', producer: 'RareDiag (pdfmake)' },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15 },
    styles: {
      inst: { fontSize: 13, bold: true, color: BLUE },
      h1: { fontSize: 16, bold: true, margin: [0, 6, 0, 2] },
      h2: { fontSize: 11.5, bold: true, color: BLUE, margin: [0, 12, 0, 4] },
      body: { margin: [0, 0, 0, 4] },
      muted: { color: '#555555', fontSize: 8.5, margin: [0, 0, 0, 4] },
      strong: { bold: true, margin: [0, 4, 0, 2] },
      th: { bold: true, fillColor: '#f1f4f8' },
    },
    footer: (page: number, pages: number) => ({ text: `${r.footer}  ·  page ${page} of ${pages}`, fontSize: 7.5, color: '#555555', margin: [40, 16, 40, 0] }),
    content: [
      ...r.letterhead.map((l, i) => ({ text: l, style: i === 0 ? 'inst' : 'muted', margin: [0, 0, 0, 1] })),
      ...(r.letterhead.length ? [{ canvas: [{ type: 'line', x1: 0, y1: 2, x2: 515, y2: 2, lineWidth: 1.5, lineColor: BLUE }] }] : []),
      { text: r.title, style: 'h1' },
      { text: r.subtitle, style: 'muted' },
      ...r.sections.flatMap((s) => [{ text: s.title, style: 'h2', headlineLevel: 1 }, ...s.blocks.map(block)]),
    ],
    // a heading never ends a page on its own
    pageBreakBefore: (node: { headlineLevel?: number; startPosition: { verticalRatio: number } }) => node.headlineLevel === 1 && node.startPosition.verticalRatio > 0.9,
  };
  return pdfmake.createPdf(definition).getBuffer();
}
