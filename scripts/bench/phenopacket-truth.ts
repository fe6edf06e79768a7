/** The truth of a benchmark phenopacket: diagnosed disease ids and causal gene symbols (read by the benchmark only). */
export interface Truth {
  diseases: string[];
  genes: string[];
}

interface Interp {
  diagnosis?: {
    disease?: { id?: string };
    genomicInterpretations?: { variantInterpretation?: { variationDescriptor?: { geneContext?: { symbol?: string } } }; gene?: { symbol?: string } }[];
  };
}

export function truthOf(packet: { interpretations?: Interp[] }): Truth {
  const diseases = new Set<string>();
  const genes = new Set<string>();
  for (const i of packet.interpretations ?? []) {
    if (i.diagnosis?.disease?.id) diseases.add(i.diagnosis.disease.id);
    for (const g of i.diagnosis?.genomicInterpretations ?? []) {
      const s = g.variantInterpretation?.variationDescriptor?.geneContext?.symbol ?? g.gene?.symbol;
      if (s) genes.add(s);
    }
  }
  return { diseases: [...diseases], genes: [...genes] };
}
