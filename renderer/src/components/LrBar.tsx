import { formatLr } from '../format.js';

/** Log10 scale of the bars: LR 0.01 … 10 000, with LR = 1 at the origin. */
const MIN = -2;
const MAX = 4;
export const LR_BAR_WIDTH = 168;
const H = 14;
const x = (log: number) => ((Math.max(MIN, Math.min(MAX, log)) - MIN) / (MAX - MIN)) * LR_BAR_WIDTH;
const origin = x(0);

/**
 * One likelihood ratio as a horizontal bar on a log scale: to the right (blue) when the finding supports the disease
 * (LR > 1), to the left (orange) when it argues against it (LR < 1). Values beyond the scale end in an arrow.
 */
export function LrBar({ lr }: { lr: number }) {
  const log = Math.log10(Math.max(lr, 1e-12));
  const end = x(log);
  const clipped = log > MAX || log < MIN;
  const cls = lr > 1 ? 'lr-up' : lr < 1 ? 'lr-down' : 'lr-neutral';
  const left = Math.min(origin, end);
  const width = Math.max(Math.abs(end - origin), lr === 1 ? 0 : 1.5);
  const direction = lr > 1 ? 'supports' : lr < 1 ? 'argues against' : 'neutral';
  return (
    <svg className="lr-bar" width={LR_BAR_WIDTH} height={H} viewBox={`0 0 ${LR_BAR_WIDTH} ${H}`} role="img" aria-label={`likelihood ratio ${formatLr(lr)} (${direction})`}>
      <title>{`LR ${formatLr(lr)}: ${direction}`}</title>
      {[-1, 1, 2, 3].map((t) => (
        <line key={t} x1={x(t)} x2={x(t)} y1={2} y2={H - 2} className="lr-grid" />
      ))}
      <rect x={left} y={3} width={width} height={H - 6} className={cls} rx={1} />
      {clipped && <path d={lr > 1 ? `M${LR_BAR_WIDTH - 5},2 L${LR_BAR_WIDTH},${H / 2} L${LR_BAR_WIDTH - 5},${H - 2}Z` : `M5,2 L0,${H / 2} L5,${H - 2}Z`} className={cls} />}
      <line x1={origin} x2={origin} y1={0} y2={H} className="lr-origin" />
    </svg>
  );
}

/** The scale above a column of LrBars. */
export function LrAxis() {
  const ticks: [number, string][] = [
    [-2, '.01'],
    [-1, '.1'],
    [0, '1'],
    [1, '10'],
    [2, '100'],
    [3, '1k'],
    [4, '10k'],
  ];
  return (
    <svg className="lr-axis" width={LR_BAR_WIDTH} height={14} viewBox={`0 0 ${LR_BAR_WIDTH} 14`} aria-hidden="true">
      {ticks.map(([t, label]) => (
        <text key={t} x={x(t)} y={10} textAnchor={t === MIN ? 'start' : t === MAX ? 'end' : 'middle'}>
          {label}
        </text>
      ))}
    </svg>
  );
}
