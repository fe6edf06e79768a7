/** Years in an ISO 8601 duration such as P6Y, P1Y6M, P3M2W, P10D (phenopacket ages). Undefined if unparseable. */
export function durationToYears(duration: string): number | undefined {
  const m = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T.*)?$/.exec(duration.trim());
  if (!m || duration.trim() === 'P') return undefined;
  const [, y, mo, w, d] = m;
  if (!y && !mo && !w && !d) return undefined;
  return Number(y ?? 0) + Number(mo ?? 0) / 12 + Number(w ?? 0) / 52.1775 + Number(d ?? 0) / 365.25;
}

/** Years as an ISO 8601 duration, to months (the store keeps phenopacket-style ages). */
export function yearsToDuration(years: number): string {
  const whole = Math.floor(years);
  const months = Math.round((years - whole) * 12);
  if (months === 12) return `P${whole + 1}Y`;
  return months ? `P${whole}Y${months}M` : `P${whole}Y`;
}
