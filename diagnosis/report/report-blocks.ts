/** The kinds of block a report section is made of (report-content.ts fills them, the HTML and PDF draw them). */
export type ReportBlock =
  | { kind: 'paragraph'; text: string; tone?: 'muted' | 'strong' | 'notice' }
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  | { kind: 'list'; items: string[] }
  | { kind: 'signatures'; people: { role: string; name: string }[] };

export interface ReportSection {
  id: string;
  title: string;
  blocks: ReportBlock[];
}
