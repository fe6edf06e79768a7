/**
 * Exact McNemar test (a two-sided sign test on the discordant pairs): the same vignettes ranked by two versions;
 * `b` found by the first only, `c` by the second only. Under "no change" each discordant pair goes either way with
 * probability 1/2, so p = P(|B − C| ≥ |b − c|) for B ~ Binomial(b + c, 1/2). Concordant pairs say nothing about a
 * change and do not enter. With n discordant pairs the smallest p is 2^(1−n): five vignettes can never show a
 * change at 5 %, which is why a comparison confirms on more (vignette-comparison.ts).
 */
export function exactMcNemar(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // P(X ≤ k) for X ~ Bin(n, 1/2), in log space so that n in the thousands does not underflow
  let logTerm = -n * Math.LN2; // ln C(n,0) 2^-n
  let tail = Math.exp(logTerm);
  for (let i = 1; i <= k; i += 1) {
    logTerm += Math.log((n - i + 1) / i);
    tail += Math.exp(logTerm);
  }
  return Math.min(1, 2 * tail);
}

/**
 * Benjamini-Hochberg adjusted p-values (q-values), in the input order: a disease is declared moved when q ≤ the
 * false discovery rate. Thousands of diseases are tested at once; at 5 % per test a few hundred would "move" by chance.
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const n = p.length;
  const order = p.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const q = new Array<number>(n);
  let running = 1;
  for (let rank = n; rank >= 1; rank -= 1) {
    const [x, i] = order[rank - 1]!;
    running = Math.min(running, (x * n) / rank);
    q[i] = running;
  }
  return q;
}
