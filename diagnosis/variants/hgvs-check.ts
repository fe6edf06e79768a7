import type { TranscriptLocation } from './variant-location.js';

/**
 * Whether a listed variant's coding HGVS agrees with its coordinates, as far as can be told without a reference genome:
 * the c. position the coordinates give on the named transcript (or, with none named, on any transcript of the named
 * gene) must be the HGVS's first position. Bases and the protein change need the reference and are not checked.
 * Returns the disagreement as a sentence, or undefined when they agree or nothing can be compared.
 */
export function hgvsDisagreement(
  hgvsC: string | undefined,
  transcript: string | undefined,
  gene: string | undefined,
  locations: readonly TranscriptLocation[],
): string | undefined {
  const first = hgvsC ? /^c\.([-*]?\d+(?:[+-]\d+)?)/.exec(hgvsC)?.[1] : undefined;
  if (!hgvsC || first === undefined || locations.length === 0) return undefined;
  const accession = (t: string) => t.replace(/\.\d+$/, '').toUpperCase();
  const startOf = (loc: TranscriptLocation) => /^c\.([-*]?\d+(?:[+-]\d+)?)/.exec(loc.position ?? '')?.[1];
  if (transcript) {
    const on = locations.find((l) => accession(l.transcript) === accession(transcript));
    // a transcript the models do not have here: another release's accession, or not at these coordinates
    if (!on) return undefined;
    if (gene && on.symbol && on.symbol.toUpperCase() !== gene.toUpperCase()) return `transcript ${transcript} is a transcript of ${on.symbol}, not of ${gene}`;
    const at = startOf(on);
    return at === undefined || at === first ? undefined : `HGVS ${hgvsC} does not match the coordinates (c.${at} on ${on.transcript})`;
  }
  const ofGene = gene ? locations.filter((l) => l.symbol.toUpperCase() === gene.toUpperCase()) : locations;
  const coding = ofGene.map(startOf).filter((x): x is string => x !== undefined);
  if (coding.length === 0 || coding.includes(first)) return undefined;
  const shown = ofGene.filter((l) => startOf(l) !== undefined).slice(0, 2).map((l) => `${l.position} on ${l.transcript}`);
  return `HGVS ${hgvsC} matches no transcript${gene ? ` of ${gene}` : ''} at the coordinates (${shown.join(', ')})`;
}
