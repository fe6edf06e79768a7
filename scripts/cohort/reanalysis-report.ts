import { writeFileSync } from 'node:fs';
import { TOP_COMPARED, topChange } from '../../diagnosis/case-store/top-change.js';

export type ReanalysisStatus = 'changed' | 'unchanged' | 'new' | 'dropped' | 'error';

export interface ReanalysisRow {
  case_id: string;
  status: ReanalysisStatus;
  previous_snapshot: string;
  snapshot: string;
  previous_top: string[];
  current_top: string[];
  entered: string[];
  left: string[];
}

type Tops = Map<string, { snapshotId: string; diseases: string[]; error: boolean }>;

/**
 * Re-analysis of a cohort against the results of a previous snapshot, with the case store's rule (`topChange`): a case
 * is flagged when a disease entered or left its top 5, not for a re-ordering within it. Cases new to the cohort, gone
 * from it, or failing now are listed as such.
 */
export function compareCohorts(current: Tops, previous: Tops): ReanalysisRow[] {
  const rows: ReanalysisRow[] = [];
  for (const [caseId, now] of current) {
    const before = previous.get(caseId);
    const base = { case_id: caseId, previous_snapshot: before?.snapshotId ?? '', snapshot: now.snapshotId, previous_top: (before?.diseases ?? []).slice(0, TOP_COMPARED), current_top: now.diseases.slice(0, TOP_COMPARED) };
    if (now.error) rows.push({ ...base, status: 'error', entered: [], left: [] });
    else if (!before || before.error) rows.push({ ...base, status: 'new', entered: [], left: [] });
    else {
      const change = topChange(before.diseases, now.diseases);
      rows.push({ ...base, status: change.changed ? 'changed' : 'unchanged', entered: change.entered, left: change.left });
    }
  }
  for (const [caseId, before] of previous) {
    if (!current.has(caseId)) rows.push({ case_id: caseId, status: 'dropped', previous_snapshot: before.snapshotId, snapshot: '', previous_top: before.diseases.slice(0, TOP_COMPARED), current_top: [], entered: [], left: [] });
  }
  return rows;
}

const columns = ['case_id', 'status', 'previous_snapshot', 'snapshot', 'previous_top', 'current_top', 'entered', 'left'] as const;

export function writeReanalysis(tsvPath: string, mdPath: string, rows: ReanalysisRow[], snapshotId: string, previousFile: string | undefined, labels: Map<string, string>): Record<ReanalysisStatus, number> {
  writeFileSync(tsvPath, [columns.join('\t'), ...rows.map((r) => columns.map((c) => (Array.isArray(r[c]) ? (r[c] as string[]).join(',') : r[c])).join('\t'))].join('\n') + '\n');
  const count = { changed: 0, unchanged: 0, new: 0, dropped: 0, error: 0 } satisfies Record<ReanalysisStatus, number>;
  for (const r of rows) count[r.status] += 1;
  const previous = [...new Set(rows.map((r) => r.previous_snapshot).filter(Boolean))];
  const name = (id: string) => (labels.get(id) ? `${id} ${labels.get(id)}` : id);
  const md = [
    `# Cohort re-analysis on snapshot ${snapshotId}`,
    '',
    previousFile ? `Compared with ${previousFile} (snapshot ${previous.join(', ') || 'none'}): a case is flagged when a disease entered or left its top ${TOP_COMPARED}.` : 'No previous results were given: every case is new.',
    previous.includes(snapshotId) ? `\nThe previous results used the same snapshot: a change comes from the inputs or the ranker, not the knowledge.` : '',
    '',
    `| changed | unchanged | new | dropped | error |`,
    `|---|---|---|---|---|`,
    `| ${count.changed} | ${count.unchanged} | ${count.new} | ${count.dropped} | ${count.error} |`,
    '',
    ...(count.changed ? ['## Cases whose top candidates changed', '', ...rows.filter((r) => r.status === 'changed').map((r) => `- **${r.case_id}**: entered ${r.entered.map(name).join('; ') || '-'}; left ${r.left.map(name).join('; ') || '-'}`), ''] : []),
  ].join('\n');
  writeFileSync(mdPath, `${md.replace(/\n{3,}/g, '\n\n')}\n`);
  return count;
}
