import type {
  DiseaseNode,
  GeneDiseaseEdge,
  GeneNode,
  HasPhenotypeEdge,
  Knowledge,
  MondoNode,
  PhenotypeNode,
  VariantNode,
} from './knowledge.js';

/** Bumped whenever a table or property changes; the runtime refuses snapshots of another version. */
export const SCHEMA_VERSION = 2;

export type KuzuType = 'STRING' | 'DOUBLE' | 'INT8' | 'INT32' | 'INT64' | 'BOOLEAN' | 'STRING[]';
export type Cell = string | number | boolean | null | string[];

export interface ColumnSpec<T> {
  name: string;
  type: KuzuType;
  get: (row: T) => Cell;
}

export interface NodeTableSpec<T> {
  kind: 'node';
  name: string;
  primaryKey: string;
  columns: ColumnSpec<T>[];
  rows: (k: Knowledge) => readonly T[];
}

export interface RelTableSpec<T> {
  kind: 'rel';
  name: string;
  from: string;
  to: string;
  fromKey: (row: T) => string | number;
  toKey: (row: T) => string | number;
  columns: ColumnSpec<T>[];
  rows: (k: Knowledge) => readonly T[];
}

const col = <T>(name: keyof T & string, type: KuzuType): ColumnSpec<T> => ({ name, type, get: (r) => r[name] as Cell });

export const phenotypeTable: NodeTableSpec<PhenotypeNode> = {
  kind: 'node',
  name: 'Phenotype',
  primaryKey: 'id',
  rows: (k) => k.phenotypes,
  columns: [
    col('id', 'STRING'),
    col('label', 'STRING'),
    col('definition', 'STRING'),
    col('synonyms', 'STRING[]'),
    col('synonymScopes', 'STRING[]'),
    col('textVariants', 'STRING[]'),
    col('altIds', 'STRING[]'),
    col('xrefs', 'STRING[]'),
    col('aspect', 'STRING'),
    col('obsolete', 'BOOLEAN'),
    col('replacedBy', 'STRING'),
    col('ic', 'DOUBLE'),
    col('diseaseCount', 'INT32'),
    col('depth', 'INT32'),
    col('ancestors', 'STRING[]'),
  ],
};

export const diseaseTable: NodeTableSpec<DiseaseNode> = {
  kind: 'node',
  name: 'Disease',
  primaryKey: 'id',
  rows: (k) => k.diseases,
  columns: [
    col('id', 'STRING'),
    col('source', 'STRING'),
    col('label', 'STRING'),
    col('synonyms', 'STRING[]'),
    col('mondo', 'STRING'),
    col('inheritance', 'STRING[]'),
    col('orphaLevel', 'STRING'),
    col('orphaType', 'STRING'),
    col('icd10', 'STRING[]'),
    col('icd11', 'STRING[]'),
    col('phenotypeCount', 'INT32'),
    col('active', 'BOOLEAN'),
    col('replacedBy', 'STRING'),
  ],
};

export const geneTable: NodeTableSpec<GeneNode> = {
  kind: 'node',
  name: 'Gene',
  primaryKey: 'ncbiId',
  rows: (k) => k.genes,
  columns: [
    col('ncbiId', 'INT64'),
    col('symbol', 'STRING'),
    col('name', 'STRING'),
    col('type', 'STRING'),
    col('aliases', 'STRING[]'),
    col('chrom', 'STRING'),
    col('startPos', 'INT64'),
    col('endPos', 'INT64'),
    col('strand', 'STRING'),
    col('cytoband', 'STRING'),
    col('omimIds', 'STRING[]'),
    col('ensemblIds', 'STRING[]'),
  ],
};

export const variantTable: NodeTableSpec<VariantNode> = {
  kind: 'node',
  name: 'Variant',
  primaryKey: 'key',
  rows: (k) => k.variants,
  columns: [
    col('key', 'STRING'),
    col('chrom', 'STRING'),
    col('pos', 'INT64'),
    col('ref', 'STRING'),
    col('alt', 'STRING'),
    col('key37', 'STRING'),
    col('significance', 'STRING'),
    col('significanceRaw', 'STRING'),
    col('reviewStatus', 'STRING'),
    col('stars', 'INT8'),
    col('clinvarId', 'STRING'),
    col('geneSymbol', 'STRING'),
    col('hgvsC', 'STRING'),
    col('hgvsP', 'STRING'),
    col('traits', 'STRING[]'),
  ],
};

export const mondoTable: NodeTableSpec<MondoNode> = {
  kind: 'node',
  name: 'MondoConcept',
  primaryKey: 'id',
  rows: (k) => k.mondo,
  columns: [col('id', 'STRING'), col('label', 'STRING')],
};

export const isATable: RelTableSpec<Knowledge['isA'][number]> = {
  kind: 'rel',
  name: 'IS_A',
  from: 'Phenotype',
  to: 'Phenotype',
  fromKey: (r) => r.child,
  toKey: (r) => r.parent,
  columns: [],
  rows: (k) => k.isA,
};

export const hasPhenotypeTable: RelTableSpec<HasPhenotypeEdge> = {
  kind: 'rel',
  name: 'HAS_PHENOTYPE',
  from: 'Disease',
  to: 'Phenotype',
  fromKey: (r) => r.disease,
  toKey: (r) => r.phenotype,
  rows: (k) => k.hasPhenotype,
  columns: [
    col('frequency', 'DOUBLE'),
    col('frequencyRaw', 'STRING'),
    col('onset', 'STRING'),
    col('sex', 'STRING'),
    col('excluded', 'BOOLEAN'),
    col('evidence', 'STRING'),
    col('aspect', 'STRING'),
    col('modifiers', 'STRING'),
    col('reference', 'STRING'),
  ],
};

export const associatedWithTable: RelTableSpec<GeneDiseaseEdge> = {
  kind: 'rel',
  name: 'ASSOCIATED_WITH',
  from: 'Gene',
  to: 'Disease',
  fromKey: (r) => r.gene,
  toKey: (r) => r.disease,
  rows: (k) => k.geneDisease,
  columns: [col('associationType', 'STRING'), col('source', 'STRING')],
};

export const inGeneTable: RelTableSpec<Knowledge['inGene'][number]> = {
  kind: 'rel',
  name: 'IN_GENE',
  from: 'Variant',
  to: 'Gene',
  fromKey: (r) => r.variant,
  toKey: (r) => r.gene,
  rows: (k) => k.inGene,
  columns: [],
};

export const sameAsTable: RelTableSpec<Knowledge['sameAs'][number]> = {
  kind: 'rel',
  name: 'SAME_AS',
  from: 'Disease',
  to: 'MondoConcept',
  fromKey: (r) => r.disease,
  toKey: (r) => r.mondo,
  rows: (k) => k.sameAs,
  columns: [],
};

export const classifiedUnderTable: RelTableSpec<Knowledge['classifiedUnder'][number]> = {
  kind: 'rel',
  name: 'CLASSIFIED_UNDER',
  from: 'Disease',
  to: 'Disease',
  fromKey: (r) => r.child,
  toKey: (r) => r.parent,
  rows: (k) => k.classifiedUnder,
  columns: [col('classification', 'STRING')],
};

export const nodeTables = [phenotypeTable, diseaseTable, geneTable, variantTable, mondoTable] as NodeTableSpec<unknown>[];
export const relTables = [
  isATable,
  hasPhenotypeTable,
  associatedWithTable,
  inGeneTable,
  sameAsTable,
  classifiedUnderTable,
] as RelTableSpec<unknown>[];

export function createStatements(): string[] {
  const nodes = nodeTables.map(
    (t) =>
      `CREATE NODE TABLE ${t.name}(${t.columns.map((c) => `${c.name} ${c.type}`).join(', ')}, PRIMARY KEY(${t.primaryKey}))`,
  );
  const rels = relTables.map(
    (t) => `CREATE REL TABLE ${t.name}(FROM ${t.from} TO ${t.to}${t.columns.map((c) => `, ${c.name} ${c.type}`).join('')})`,
  );
  return [...nodes, ...rels];
}
