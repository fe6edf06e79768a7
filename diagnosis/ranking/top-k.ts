/** ln(sum(exp(x))) without overflow. */
export function logSumExp(xs: Float64Array): number {
  let max = -Infinity;
  for (const x of xs) if (x > max) max = x;
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (const x of xs) sum += Math.exp(x - max);
  return max + Math.log(sum);
}

/**
 * Indexes of the k largest values, best first; equal values ordered by `before` (a deterministic tie-break).
 * A bounded heap keeps this O(n log k) instead of sorting every candidate. -Infinity values are never returned.
 */
export function topK(values: Float64Array, k: number, before: (a: number, b: number) => boolean): number[] {
  const better = (a: number, b: number) => values[a]! > values[b]! || (values[a] === values[b] && before(a, b));
  const heap: number[] = []; // the worst kept index at the root
  const worse = (i: number, j: number) => better(heap[j]!, heap[i]!);
  const swap = (i: number, j: number) => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    if (v === -Infinity) continue;
    // fast path: most values are below the worst kept one
    if (heap.length === k && v < values[heap[0]!]!) continue;
    if (heap.length < k) {
      heap.push(i);
      let c = heap.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(c, p)) break;
        swap(c, p);
        c = p;
      }
    } else if (better(i, heap[0]!)) {
      heap[0] = i;
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let w = c;
        if (l < heap.length && worse(l, w)) w = l;
        if (r < heap.length && worse(r, w)) w = r;
        if (w === c) break;
        swap(c, w);
        c = w;
      }
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}
