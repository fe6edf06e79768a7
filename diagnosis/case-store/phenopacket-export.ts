import type { CaseDetail, Sex } from './case-types.js';

/** The GA4GH Phenopacket v2 this store writes (proto3 JSON names; `excluded` only when true, as protobuf prints it). */
export interface PhenopacketV2 {
  id: string;
  subject: {
    id: string;
    sex: Sex;
    dateOfBirth?: string;
    timeAtLastEncounter?: { age: { iso8601duration: string } };
  };
  phenotypicFeatures: { type: { id: string; label: string }; excluded?: true }[];
  interpretations?: {
    id: string;
    progressStatus: 'SOLVED';
    diagnosis: { disease: { id: string; label: string } };
  }[];
  metaData: {
    created: string;
    createdBy: string;
    resources: { id: string; name: string; url: string; version: string; namespacePrefix: string; iriPrefix: string }[];
    phenopacketSchemaVersion: '2.0';
  };
}

/** Releases of the ontologies the ids come from, as the snapshot manifest names them; "unknown" when not given. */
export interface ResourceVersions {
  hp?: string;
  omim?: string;
  orpha?: string;
}

const resources = (v: ResourceVersions): PhenopacketV2['metaData']['resources'] => [
  {
    id: 'hp',
    name: 'human phenotype ontology',
    url: 'http://purl.obolibrary.org/obo/hp.owl',
    version: v.hp ?? 'unknown',
    namespacePrefix: 'HP',
    iriPrefix: 'http://purl.obolibrary.org/obo/HP_',
  },
  {
    id: 'omim',
    name: 'An Online Catalog of Human Genes and Genetic Disorders',
    url: 'https://www.omim.org',
    version: v.omim ?? 'unknown',
    namespacePrefix: 'OMIM',
    iriPrefix: 'https://www.omim.org/entry/',
  },
  {
    id: 'orpha',
    name: 'Orphanet Rare Disease Ontology',
    url: 'http://www.orpha.net/ORDO/',
    version: v.orpha ?? 'unknown',
    namespacePrefix: 'ORPHA',
    iriPrefix: 'http://www.orpha.net/ORDO/Orphanet_',
  },
];

/**
 * A case as a Phenopacket v2: subject (the case label as subject id, sex, date of birth, age at last encounter),
 * present and excluded findings, and the final diagnosis as a SOLVED interpretation when the case is solved.
 * Uncertain findings are left out: a phenotypic feature is either observed or excluded in the schema, and
 * exporting a suspicion as either would be wrong.
 */
export function caseToPhenopacket(detail: CaseDetail, meta: { created: string; createdBy: string; versions?: ResourceVersions }): PhenopacketV2 {
  const c = detail.case;
  const subject: PhenopacketV2['subject'] = { id: c.label, sex: c.sex };
  if (c.dateOfBirth) subject.dateOfBirth = `${c.dateOfBirth}T00:00:00Z`;
  if (c.age) subject.timeAtLastEncounter = { age: { iso8601duration: c.age } };
  const dx = detail.finalDiagnosis;
  return {
    id: c.id,
    subject,
    phenotypicFeatures: detail.findings
      .filter((f) => f.status !== 'uncertain')
      .map((f) => (f.status === 'excluded' ? { type: { id: f.hpoId, label: f.label }, excluded: true as const } : { type: { id: f.hpoId, label: f.label } })),
    ...(dx?.candidateId
      ? {
          interpretations: [
            { id: `${c.id}-final-diagnosis`, progressStatus: 'SOLVED' as const, diagnosis: { disease: { id: dx.candidateId, label: dx.candidateLabel ?? dx.candidateId } } },
          ],
        }
      : {}),
    metaData: { created: meta.created, createdBy: meta.createdBy, resources: resources(meta.versions ?? {}), phenopacketSchemaVersion: '2.0' },
  };
}
