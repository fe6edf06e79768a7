import type { ReleaseCheckCase } from '../../diagnosis/pipeline/release-check-cases.js';
import type { ReleaseCheckRecord } from '../../graph-snapshot/snapshot/release-check-record.js';
import { formatTable } from './format-table.js';

const pct = (x: number) => `${Math.round(100 * x)}%`;

/** The release check of a manifest, for `snapshot build` and `snapshot info`. */
export function describeReleaseCheck(r: ReleaseCheckRecord): string {
  const lines = [
    `release check (${r.checkedAt.slice(0, 16).replace('T', ' ')}, ${r.seconds} s): ${r.diseases} diseases × ${r.vignettesPerDisease} synthetic vignettes` +
      (r.comparedWith ? ` (${r.changedDiseases} with changed annotations), against ${r.comparedWith}` : '') +
      (r.note ? `; ${r.note}` : ''),
    `  recall@1 / @3 / @10 on a uniform sample: ${pct(r.recall.current.at1)} / ${pct(r.recall.current.at3)} / ${pct(r.recall.current.at10)}` +
      (r.recall.previous ? ` (previous snapshot ${pct(r.recall.previous.at1)} / ${pct(r.recall.previous.at3)} / ${pct(r.recall.previous.at10)})` : ''),
  ];
  if (r.comparedWith) {
    lines.push(`  ${r.moved} diseases moved beyond sampling noise (recall@${r.k}, q ≤ ${r.fdr}): ${r.harder.length} harder and ${r.easier.length} easier listed`);
    const rows = [...r.harder.map((m) => ['harder', m] as const), ...r.easier.map((m) => ['easier', m] as const)].slice(0, 20);
    if (rows.length) {
      lines.push(
        formatTable(
          ['', 'disease', 'label', `recall@${r.k}`, 'its own annotations'],
          rows.map(([way, m]) => [way, m.id, m.label.slice(0, 40), `${pct(m.before)} → ${pct(m.after)}`, m.changes.slice(0, 70)]),
          ['l', 'l', 'l', 'r', 'l'],
        )
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n'),
      );
    }
  }
  return lines.join('\n');
}

/** `cases reanalyze`: the unsolved cases whose leading candidates the snapshot's release check found harder or easier. */
export function describeReleaseCheckCases(list: readonly ReleaseCheckCase[]): string {
  const cases = new Set(list.map((c) => c.caseId)).size;
  return (
    `${cases} unsolved case(s) have a leading candidate that this snapshot's release check found harder or easier to find (synthetic vignettes, recall@10):\n` +
    formatTable(
      ['case', 'label', 'candidate', 'place', 'now', 'recall@10'],
      list.map((c) => [c.caseId.slice(0, 8), c.label.slice(0, 28), `${c.diseaseId} ${c.diseaseLabel.slice(0, 36)}`, c.position, c.direction, `${pct(c.before)} → ${pct(c.after)}`]),
      ['l', 'l', 'l', 'r', 'l', 'r'],
    )
  );
}
