import type { SkipLog } from '../io/skip-log.js';
import type { Ontology } from '../ontology/ontology.js';
import type { HpoaRow } from '../parsers/hpoa-parser.js';
import type { DiseaseNode, HasPhenotypeEdge, Knowledge, MondoNode } from './knowledge.js';
import type { RawSources } from './load-sources.js';

export interface DiseaseAssembly {
  diseases: DiseaseNode[];
  hasPhenotype: HasPhenotypeEdge[];
  mondo: MondoNode[];
  sameAs: Knowledge['sameAs'];
  classifiedUnder: Knowledge['classifiedUnder'];
  /** per disease id: positive phenotypic (aspect P) term indexes, for information content */
  positiveTerms: Map<string, number[]>;
}

const sourceOf = (id: string) => id.split(':')[0]!.toUpperCase();

function emptyDisease(id: string, label: string): DiseaseNode {
  return {
    id,
    source: sourceOf(id),
    label,
    synonyms: [],
    mondo: '',
    inheritance: [],
    orphaLevel: '',
    orphaType: '',
    icd10: [],
    icd11: [],
    phenotypeCount: 0,
    active: true,
    replacedBy: '',
  };
}

interface PendingAnnotation {
  rows: HpoaRow[];
  phenotype: string;
}

/** Several hpoa rows for one (disease, term, NOT) pair (one per reference) become one edge. */
function mergeAnnotationRows(rows: HpoaRow[]): Pick<HasPhenotypeEdge, 'frequency' | 'frequencyRaw' | 'onset' | 'sex' | 'evidence' | 'modifiers' | 'reference'> {
  const ratios = rows.map((r) => /^(\d+)\s*\/\s*(\d+)$/.exec(r.frequencyRaw ?? '')).filter(Boolean) as RegExpExecArray[];
  const known = rows.map((r) => r.frequency).filter((f): f is number => f !== undefined);
  let frequency: number | null = null;
  if (ratios.length === rows.length && ratios.length > 0) {
    // Pool patient counts across references: 3/4 and 1/6 are 4 of 10 patients.
    const n = ratios.reduce((s, m) => s + Number(m[1]), 0);
    const d = ratios.reduce((s, m) => s + Number(m[2]), 0);
    frequency = d > 0 ? n / d : null;
  } else if (known.length > 0) {
    frequency = known.reduce((a, b) => a + b, 0) / known.length;
  }
  const uniq = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  return {
    frequency,
    frequencyRaw: uniq(rows.map((r) => r.frequencyRaw)).join(';'),
    onset: uniq(rows.map((r) => r.onset))[0] ?? '',
    sex: uniq(rows.map((r) => r.sex)).join(';'),
    evidence: uniq(rows.map((r) => r.evidence)).join(';'),
    modifiers: uniq(rows.flatMap((r) => r.modifiers)).join(';'),
    reference: uniq(rows.flatMap((r) => r.references)).join(';'),
  };
}

/**
 * Diseases (OMIM, ORPHA, DECIPHER) from the annotations, Orphanet's nomenclature and genes_to_disease, with
 * MONDO equivalence, inheritance, ICD codes and the Orphanet classification hierarchy.
 */
export function assembleDiseases(raw: RawSources, ontology: Ontology, skips: SkipLog, hpoaFile: string): DiseaseAssembly {
  const diseases = new Map<string, DiseaseNode>();
  const get = (id: string, label = '') => {
    let d = diseases.get(id);
    if (!d) {
      d = emptyDisease(id, label);
      diseases.set(id, d);
    } else if (!d.label && label) {
      d.label = label;
    }
    return d;
  };

  // Annotations.
  const pending = new Map<string, PendingAnnotation>();
  const positiveTerms = new Map<string, number[]>();
  for (const row of raw.hpoa.rows) {
    const resolved = ontology.resolve(row.hpoId);
    if (!resolved) {
      skips.add('annotation to an unknown HPO id', hpoaFile, row.line, `${row.diseaseId} ${row.hpoId}`);
      continue;
    }
    const disease = get(row.diseaseId, row.diseaseName);
    if (row.aspect === 'I') {
      if (!row.negated && !disease.inheritance.includes(resolved.id)) disease.inheritance.push(resolved.id);
    }
    const key = `${row.diseaseId}\t${resolved.id}\t${row.negated ? 'NOT' : ''}`;
    const p = pending.get(key) ?? { rows: [], phenotype: resolved.id };
    p.rows.push(row);
    pending.set(key, p);
  }
  const hasPhenotype: HasPhenotypeEdge[] = [];
  for (const { rows, phenotype } of pending.values()) {
    const first = rows[0]!;
    const edge: HasPhenotypeEdge = {
      disease: first.diseaseId,
      phenotype,
      excluded: first.negated,
      aspect: first.aspect,
      ...mergeAnnotationRows(rows),
    };
    hasPhenotype.push(edge);
    if (first.aspect === 'P') {
      diseases.get(first.diseaseId)!.phenotypeCount += 1;
      if (!first.negated) {
        const list = positiveTerms.get(first.diseaseId) ?? [];
        list.push(ontology.index(phenotype)!);
        positiveTerms.set(first.diseaseId, list);
      }
    }
  }

  // Orphanet nomenclature: official names and synonyms, levels, ICD codes, retired codes.
  for (const entry of raw.orphaNames.values()) {
    const d = get(entry.id, entry.name);
    d.label = entry.name;
    d.synonyms.push(...entry.synonyms.filter((s) => !d.synonyms.includes(s)));
    d.orphaLevel = entry.level;
  }
  for (const s of raw.orphaSuccessions) {
    if (raw.orphaNames.has(s.inactiveId)) continue;
    const d = get(s.inactiveId);
    if (d.phenotypeCount === 0) d.active = false;
    d.replacedBy = s.targetId ?? '';
  }
  for (const [id, codes] of raw.orphaIcd10) if (diseases.has(id)) get(id).icd10 = codes;
  for (const [id, codes] of raw.orphaIcd11) if (diseases.has(id)) get(id).icd11 = codes;

  // Gene–disease rows name diseases too (some OMIM entries have no phenotype annotations).
  for (const row of raw.genesToDisease) get(row.diseaseId);

  // MONDO: exact matches give equivalence between an OMIM and an ORPHA entry; DECIPHER uses hasDbXref.
  const mondoLabels = new Map<string, string>();
  const sameAs: Knowledge['sameAs'] = [];
  const sameAsSeen = new Set<string>();
  for (const doc of raw.mondo) {
    for (const m of doc.mappings) {
      if (!m.subjectId.startsWith('MONDO:')) continue;
      if (m.predicateId !== 'skos:exactMatch' && m.predicateId !== 'oboInOwl:hasDbXref') continue;
      if (!mondoLabels.has(m.subjectId)) mondoLabels.set(m.subjectId, m.subjectLabel);
      const d = diseases.get(m.objectId);
      if (!d) continue;
      if (!d.label && m.objectLabel) d.label = m.objectLabel;
      if (!d.mondo) d.mondo = m.subjectId;
      if (m.subjectLabel && m.subjectLabel.toLowerCase() !== d.label.toLowerCase() && !d.synonyms.includes(m.subjectLabel)) {
        d.synonyms.push(m.subjectLabel);
      }
      const key = `${d.id}\t${m.subjectId}`;
      if (!sameAsSeen.has(key)) {
        sameAsSeen.add(key);
        sameAs.push({ disease: d.id, mondo: m.subjectId });
      }
    }
  }
  const mondo: MondoNode[] = [...mondoLabels].map(([id, label]) => ({ id, label }));

  // Orphanet classifications: one CLASSIFIED_UNDER edge per (child, parent), naming every classification that has it.
  const edgeClasses = new Map<string, Set<string>>();
  for (const c of raw.orphaClassifications) {
    for (const dis of c.disorders) {
      const d = get(dis.id, dis.name);
      if (!d.orphaType) d.orphaType = dis.type;
    }
    for (const e of c.edges) {
      const key = `${e.childId}\t${e.parentId}`;
      const set = edgeClasses.get(key) ?? new Set<string>();
      set.add(c.name || c.id);
      edgeClasses.set(key, set);
    }
  }
  const classifiedUnder: Knowledge['classifiedUnder'] = [...edgeClasses].map(([key, names]) => {
    const [child, parent] = key.split('\t') as [string, string];
    return { child, parent, classification: [...names].sort().join(';') };
  });

  for (const d of diseases.values()) if (!d.label) d.label = d.id;
  return { diseases: [...diseases.values()], hasPhenotype, mondo, sameAs, classifiedUnder, positiveTerms };
}
