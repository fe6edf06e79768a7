/**
 * Trims the bases REF and ALT share at the end, then at the start (keeping one base each, the VCF anchor), moving POS
 * accordingly: AT>GT becomes A>G, CAT>CT stays as is, ACCT>ACT becomes AC>A. Left-alignment would need the reference
 * genome, which is not available offline; callers (GATK, bcftools norm) usually left-align already.
 */
export function normaliseAlleles(pos: number, ref: string, alt: string): { pos: number; ref: string; alt: string } {
  let r = ref.toUpperCase();
  let a = alt.toUpperCase();
  let p = pos;
  while (r.length > 1 && a.length > 1 && r[r.length - 1] === a[a.length - 1]) {
    r = r.slice(0, -1);
    a = a.slice(0, -1);
  }
  let start = 0;
  while (start < r.length - 1 && start < a.length - 1 && r[start] === a[start]) start += 1;
  if (start > 0) {
    r = r.slice(start);
    a = a.slice(start);
    p += start;
  }
  return { pos: p, ref: r, alt: a };
}
