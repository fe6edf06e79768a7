import { keyedRandom, pickDistinct } from './seeded-random.js';

export interface ReleaseSample {
  /** diseases whose own annotations changed most (where movement is likeliest), largest change first */
  changed: string[];
  /** diseases drawn uniformly from the rest: the unbiased part, for the overall figures and for knock-on effects */
  uniform: string[];
}

/**
 * The diseases a release check looks at, within a budget of `size`: up to half of it for the diseases whose
 * annotations changed most between the versions (diffSize > 0, largest first, ties by id), the rest uniformly at
 * random (seeded) from every other disease with a profile. Without a previous version every disease is uniform.
 */
export function releaseSample(withProfile: readonly string[], diffSize: ReadonlyMap<string, number>, size: number, seed: number): ReleaseSample {
  const changed = [...diffSize.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, Math.floor(size / 2))
    .map(([id]) => id);
  const taken = new Set(changed);
  const rest = withProfile.filter((id) => !taken.has(id));
  const uniform = pickDistinct(keyedRandom(seed, 'release sample'), rest, size - changed.length);
  return { changed, uniform };
}
