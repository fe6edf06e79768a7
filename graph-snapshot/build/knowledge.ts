/**
 * The knowledge a snapshot holds, as plain records, between parsing and writing to Kuzu.
 * Field names match the Kuzu schema (kuzu-schema.ts).
 */
export interface PhenotypeNode {
  id: string;
  label: string;
  definition: string;
  synonyms: string[];
  /** EXACT / BROAD / NARROW / RELATED, parallel to `synonyms` */
  synonymScopes: string[];
  /** extra lower-cased names for text matching (PhenoTagger), not already among label/synonyms */
  textVariants: string[];
  altIds: string[];
  /** cross-references from the ontology (UMLS:C0036572, SNOMEDCT_US:91175000, MSH:...), as the release gives them */
  xrefs: string[];
  /** P (phenotypic abnormality), I (inheritance), C (clinical course), M (modifier), F (frequency), H (past history), '' */
  aspect: string;
  obsolete: boolean;
  replacedBy: string;
  /** information content from the disease annotations: -ln(diseases annotated with the term or a descendant / all) */
  ic: number;
  diseaseCount: number;
  depth: number;
  /** ancestor closure (self excluded), current terms only */
  ancestors: string[];
}

export interface DiseaseNode {
  id: string;
  /** OMIM, ORPHA, DECIPHER */
  source: string;
  label: string;
  synonyms: string[];
  mondo: string;
  /** HPO mode-of-inheritance term ids */
  inheritance: string[];
  /** Orphanet classification level (Disorder, Group of disorders, Subtype of disorder) */
  orphaLevel: string;
  /** Orphanet disorder type from the classifications (Disease, Clinical group, Category, ...) */
  orphaType: string;
  icd10: string[];
  icd11: string[];
  /** number of phenotypic (aspect P) annotations, excluded ones included */
  phenotypeCount: number;
  active: boolean;
  /** for deprecated / obsolete codes: the active code to use instead */
  replacedBy: string;
}

export interface HasPhenotypeEdge {
  disease: string;
  phenotype: string;
  frequency: number | null;
  frequencyRaw: string;
  onset: string;
  sex: string;
  excluded: boolean;
  evidence: string;
  aspect: string;
  modifiers: string;
  reference: string;
}

export interface GeneNode {
  ncbiId: number;
  symbol: string;
  name: string;
  type: string;
  aliases: string[];
  chrom: string;
  startPos: number | null;
  endPos: number | null;
  strand: string;
  cytoband: string;
  omimIds: string[];
  ensemblIds: string[];
}

export interface GeneDiseaseEdge {
  gene: number;
  disease: string;
  associationType: string;
  source: string;
}

export interface VariantNode {
  /** GRCh38 `chrom:pos:ref:alt`, chromosome without "chr" */
  key: string;
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
  /** the GRCh37 key it was lifted from ('' if the source was GRCh38) */
  key37: string;
  significance: string;
  significanceRaw: string;
  reviewStatus: string;
  stars: number;
  clinvarId: string;
  geneSymbol: string;
  hgvsC: string;
  hgvsP: string;
  traits: string[];
  /** the prevalence (per million) the ClinVar record states for its trait; not stored in the graph */
  prevalencePerMillion?: number;
}

export interface MondoNode {
  id: string;
  label: string;
}

export interface Knowledge {
  phenotypes: PhenotypeNode[];
  isA: { child: string; parent: string }[];
  diseases: DiseaseNode[];
  hasPhenotype: HasPhenotypeEdge[];
  genes: GeneNode[];
  geneDisease: GeneDiseaseEdge[];
  variants: VariantNode[];
  inGene: { variant: string; gene: number }[];
  mondo: MondoNode[];
  sameAs: { disease: string; mondo: string }[];
  classifiedUnder: { child: string; parent: string; classification: string }[];
}

export interface LiftoverFigures {
  records: number;
  lifted: number;
  unlifted: number;
  unliftedByReason: Record<string, number>;
  minusStrand: number;
  duplicateKeys: number;
}
