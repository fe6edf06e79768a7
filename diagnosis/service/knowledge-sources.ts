import type { SnapshotManifest } from '../../graph-snapshot/snapshot/manifest.js';

/** A knowledge source as a clinician reads it: its name and its release (an ISO date when the release states one). */
export interface KnowledgeSource {
  name: string;
  release: string;
}

/** The snapshot's source files grouped into the sources a clinician knows, in this order (the roles of manifest.ts). */
const GROUPS: { name: string; roles: string[] }[] = [
  { name: 'HPO ontology', roles: ['hpoObo'] },
  { name: 'HPO disease annotations', roles: ['hpoAnnotations'] },
  { name: 'HPO gene–disease links', roles: ['genesToDisease'] },
  { name: 'Mondo disease mappings', roles: ['mondoOmim', 'mondoOrphanet', 'mondoDecipher'] },
  { name: 'Orphanet nomenclature', roles: ['orphaNames', 'orphaSuccessions', 'orphaIcd10', 'orphaIcd11'] },
  { name: 'Orphanet classifications', roles: ['orphaClassifications'] },
  { name: 'NCBI Gene', roles: ['geneInfo'] },
  { name: 'ClinVar', roles: ['clinvarVcf'] },
];

const ISO_DAY = /\b(\d{4}-\d{2}-\d{2})\b/g;

/**
 * The release of each source: the latest ISO date its files state (several classification files carry their own),
 * else the release text as the source gives it; "undeclared" when none says.
 */
export function knowledgeSources(manifest: Pick<SnapshotManifest, 'sources'>): KnowledgeSource[] {
  const out: KnowledgeSource[] = [];
  for (const g of GROUPS) {
    const files = manifest.sources.filter((s) => g.roles.includes(s.role));
    if (files.length === 0) continue;
    const dates = files.flatMap((f) => [...f.release.matchAll(ISO_DAY)].map((m) => m[1]!)).sort();
    const text = files.map((f) => f.release).find((r) => r && r !== 'undeclared');
    out.push({ name: g.name, release: dates.at(-1) ?? text ?? 'undeclared' });
  }
  return out;
}
