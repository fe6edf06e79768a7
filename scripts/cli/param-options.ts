import { InvalidArgumentError } from 'commander';

/** `--param name=number` options: ranker parameters other than the defaults (exploration and fitting). */
export function parseParams(list: string[] | undefined): Record<string, number> {
  return Object.fromEntries(
    (list ?? []).map((kv) => {
      const [k, v] = kv.split('=');
      if (!k || v === undefined || Number.isNaN(Number(v))) throw new InvalidArgumentError(`--param expects name=number, got ${kv}`);
      return [k, Number(v)];
    }),
  );
}

export type Half = 'all' | 'even' | 'odd';

/** `--half`: all cases, or the even or odd ones by line order (tune on one half, check on the other). */
export function checkHalf(half: string): Half {
  if (half !== 'all' && half !== 'even' && half !== 'odd') throw new InvalidArgumentError(`--half must be all, even or odd, not ${half}`);
  return half;
}
