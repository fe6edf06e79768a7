import cliProgress from 'cli-progress';
import type { ProgressEvent, ProgressListener } from '../../graph-snapshot/build/progress.js';

/**
 * A progress bar on stderr (stdout stays clean for --json). On a terminal it redraws in place; in a log (CI, pipes)
 * it prints one line per step instead of control characters.
 */
export function createProgressBar(title: string): { listener: ProgressListener; stop: (outcome?: 'done' | 'failed') => void } {
  const stream = process.stderr;
  if (!stream.isTTY) {
    let lastStep = '';
    const started = Date.now();
    return {
      listener: (e: ProgressEvent) => {
        if (e.step !== lastStep) {
          lastStep = e.step;
          stream.write(`${title}: ${e.step} (${Math.round(e.fraction * 100)}%, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
        }
      },
      // a failure says so (the error follows), never "done"
      stop: (outcome = 'done') => stream.write(`${title}: ${outcome === 'done' ? 'done' : 'stopped'} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`),
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${title} [{bar}] {percentage}% | {step} | {duration_formatted}`, stream, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { step: 'starting' });
  return {
    listener: (e: ProgressEvent) => bar.update(Math.round(e.fraction * 100), { step: e.step }),
    stop: () => bar.stop(),
  };
}
