/**
 * Reproducible randomness for synthetic vignettes. Every stream is keyed by strings (the seed, a disease id, a
 * vignette number), never by position in a run, so vignette 3 of OMIM:154700 is the same whichever diseases are
 * selected, in whatever order, on however many workers, and in both versions of a comparison.
 */
export type Random = () => number;

/** cyrb128: four 32-bit words from a string (a fast, well-mixed non-cryptographic hash). */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i += 1) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32: a small, fast generator with 128 bits of state; uniform in [0, 1). */
function sfc32(a: number, b: number, c: number, d: number): Random {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** The random stream of (seed, ...keys). */
export function keyedRandom(seed: number, ...keys: (string | number)[]): Random {
  const r = sfc32(...hash128(`${seed}\u0000${keys.join('\u0000')}`));
  // the first outputs of sfc32 are still close to the seed words: discard a few
  for (let i = 0; i < 12; i += 1) r();
  return r;
}

/** An integer in [0, n). */
export const below = (r: Random, n: number) => Math.floor(r() * n);

/** Uniform in [low, high]. */
export const uniform = (r: Random, low: number, high: number) => low + (high - low) * r();

/** Exponential with the given mean. */
export const exponential = (r: Random, mean: number) => -mean * Math.log(1 - r());

/** Standard normal (Box-Muller; one of the pair is discarded to keep the stream simple). */
function normal(r: Random): number {
  const u = 1 - r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the boost u^(1/shape) for a shape below 1. */
function gamma(r: Random, shape: number): number {
  if (shape < 1) return gamma(r, shape + 1) * Math.pow(1 - r(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(r);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - r();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b), from two gammas. */
export function beta(r: Random, a: number, b: number): number {
  const x = gamma(r, a);
  const y = gamma(r, b);
  return x + y > 0 ? x / (x + y) : a / (a + b);
}

/** k distinct items of a list, in random order (partial Fisher-Yates on a copy). */
export function pickDistinct<T>(r: Random, items: readonly T[], k: number): T[] {
  const a = [...items];
  const n = Math.min(k, a.length);
  for (let i = 0; i < n; i += 1) {
    const j = i + below(r, a.length - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}
