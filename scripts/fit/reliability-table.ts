import { formatTable } from '../cli/format-table.js';
import type { CalibrationReport } from './calibration-fit.js';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The reliability table as printed by the benchmarks: per tenth of probability shown, cases, mean shown, share right. */
export function reliabilityTable(r: CalibrationReport): string {
  return formatTable(
    ['probability shown', 'cases', 'mean shown', 'right'],
    r.bins.map((b) => [`${Math.round(b.from * 100)}-${Math.round(b.to * 100)} %`, b.n, b.n ? pct(b.meanProbability) : '', b.n ? pct(b.accuracy) : '']),
    ['l', 'r', 'r', 'r'],
  );
}
