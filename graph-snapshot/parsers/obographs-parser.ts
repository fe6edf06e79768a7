import { z } from 'zod';
import { InputError } from '../../common/input-error.js';
import { pickJsonObjects, type JsonPath } from '../io/json-stream.js';
import type { OboDocument, OboSynonym, OboTerm, SynonymScope } from './obo-parser.js';

/**
 * The OBO Graphs JSON of an ontology (`hp.json`, HPO's primary release format beside hp.obo), read into the same
 * document as the OBO parser gives, so the rest of the build does not care which one a clinic feeds. Streamed: the
 * nodes and edges are parsed one at a time (a release is 20-40 MB of JSON).
 *
 * A term is a node of type CLASS; its OBO PURL id (`http://purl.obolibrary.org/obo/HP_0000001`) becomes `HP:0000001`.
 * From `meta`: the definition, synonyms with their scope (`hasExactSynonym` → EXACT ...) and type (the part after
 * `#` of `synonymType`, as in hp.obo's `synonymtypedef`), cross-references (UMLS, SNOMED CT, MeSH ...), alt ids,
 * `deprecated` with `term replaced by` (IAO:0100001) and `consider`. Parents are the `is_a` edges. The checks are those
 * of the OBO parser: a term without an id or a name, an id that is not an identifier, an unknown synonym scope, a
 * malformed node are errors naming the file and the line where the node starts.
 */
export async function parseObographs(path: string): Promise<OboDocument> {
  const doc: OboDocument = { terms: [] };
  const byId = new Map<string, OboTerm>();
  const edges: { sub: string; obj: string; line: number }[] = [];
  let graphs = 0;
  const pick = (p: JsonPath) => p[0] === 'graphs' && ((p.length === 4 && (p[2] === 'nodes' || p[2] === 'edges')) || (p.length === 3 && p[2] === 'meta'));
  for await (const { path: at, value, line } of pickJsonObjects(path, pick)) {
    const where = `graphs.${at.slice(1).join('.')}`;
    if (at[2] === 'meta') {
      graphs = Math.max(graphs, Number(at[1]) + 1);
      const meta = graphMeta.safeParse(value);
      if (meta.success && meta.data.version && at[1] === 0) doc.dataVersion = dataVersion(meta.data.version);
      continue;
    }
    if (at[2] === 'edges') {
      const e = edge.safeParse(value);
      if (!e.success) throw new InputError(path, line, `${where}: ${issue(e.error)}`);
      if (e.data.pred === 'is_a') edges.push({ sub: curie(path, line, e.data.sub, `${where}.sub`), obj: curie(path, line, e.data.obj, `${where}.obj`), line });
      continue;
    }
    const n = node.safeParse(value);
    if (!n.success) throw new InputError(path, line, `${where}: ${issue(n.error)}`);
    if (n.data.type !== 'CLASS') continue; // properties, individuals, untyped references to other ontologies' classes
    const term = toTerm(path, line, where, n.data);
    if (byId.has(term.id)) throw new InputError(path, line, `duplicate term ${term.id}`);
    byId.set(term.id, term);
    doc.terms.push(term);
  }
  if (doc.terms.length === 0) throw new InputError(path, undefined, 'no ontology classes: not an OBO Graphs JSON file (graphs[].nodes with type CLASS)');
  for (const e of edges) {
    const child = byId.get(e.sub);
    // an is_a of a class outside the document (an import): the ontology check reports parents, not children
    if (child) child.parents.push(e.obj);
  }
  return doc;
}

const graphMeta = z.object({ version: z.string().optional() }).passthrough();
const edge = z.object({ sub: z.string().min(1), pred: z.string().min(1), obj: z.string().min(1) }).passthrough();
const valueOf = z.object({ pred: z.string().optional(), val: z.string() }).passthrough();
const node = z
  .object({
    id: z.string().min(1, 'a node without an id'),
    lbl: z.string().optional(),
    type: z.string().optional(),
    meta: z
      .object({
        definition: z.object({ val: z.string() }).passthrough().optional(),
        synonyms: z.array(z.object({ pred: z.string(), val: z.string(), synonymType: z.string().optional() }).passthrough()).optional(),
        xrefs: z.array(valueOf).optional(),
        basicPropertyValues: z.array(valueOf.extend({ pred: z.string() })).optional(),
        deprecated: z.boolean().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

const issue = (e: z.ZodError) => {
  const i = e.issues[0]!;
  return `field ${i.path.join('.') || '(node)'}: ${i.message}`;
};

const scopes: Record<string, SynonymScope> = { hasExactSynonym: 'EXACT', hasBroadSynonym: 'BROAD', hasNarrowSynonym: 'NARROW', hasRelatedSynonym: 'RELATED' };

const oboInOwl = 'http://www.geneontology.org/formats/oboInOwl#';
const properties = {
  altId: `${oboInOwl}hasAlternativeId`,
  consider: `${oboInOwl}consider`,
  replacedBy: 'http://purl.obolibrary.org/obo/IAO_0100001',
};

const oboPurl = /^http:\/\/purl\.obolibrary\.org\/obo\/([A-Za-z][A-Za-z0-9.-]*)_([A-Za-z0-9_.-]+)$/;
const curiePattern = /^[A-Za-z][A-Za-z0-9_.-]*:[A-Za-z0-9_.-]+$/;

/** An OBO PURL or a CURIE as a CURIE (`HP:0000001`); anything else is an error naming the field. */
function curie(file: string, line: number, id: string, field: string): string {
  const m = oboPurl.exec(id);
  if (m) return `${m[1]}:${m[2]}`;
  if (curiePattern.test(id)) return id;
  throw new InputError(file, line, `${field}: not an identifier: ${id.length > 80 ? `${id.slice(0, 77)}...` : id}`);
}

/** `http://purl.obolibrary.org/obo/hp#layperson` → `layperson`; an OBO PURL → its CURIE (as hp.obo names them). */
function synonymType(uri: string): string {
  const hash = uri.lastIndexOf('#');
  if (hash >= 0) return uri.slice(hash + 1);
  const m = oboPurl.exec(uri);
  return m ? `${m[1]}:${m[2]}` : uri;
}

/** `http://purl.obolibrary.org/obo/hp/releases/2023-01-27/hp.json` → `hp/releases/2023-01-27` (hp.obo's data-version). */
function dataVersion(version: string): string {
  const m = /obo\/(.+)\/[^/]+\.(json|owl|obo)$/.exec(version);
  return m ? m[1]! : version;
}

function toTerm(file: string, line: number, where: string, n: z.infer<typeof node>): OboTerm {
  const id = curie(file, line, n.id, `${where}.id`);
  if (n.lbl === undefined) throw new InputError(file, line, `term ${id} has no name (lbl)`);
  const meta = n.meta ?? {};
  const synonyms: OboSynonym[] = (meta.synonyms ?? []).map((s, i) => {
    const scope = scopes[s.pred];
    if (!scope) throw new InputError(file, line, `${where}.meta.synonyms.${i}.pred: unknown synonym scope "${s.pred}" (expected hasExactSynonym, hasBroadSynonym, hasNarrowSynonym or hasRelatedSynonym)`);
    return s.synonymType ? { text: s.val, scope, type: synonymType(s.synonymType) } : { text: s.val, scope };
  });
  const values = (pred: string) => (meta.basicPropertyValues ?? []).filter((b) => b.pred === pred).map((b) => curie(file, line, b.val, `${where}.meta.basicPropertyValues (${pred.slice(pred.search(/[#/][^#/]*$/) + 1)})`));
  const replaced = values(properties.replacedBy);
  return {
    id,
    name: n.lbl,
    definition: meta.definition?.val,
    synonyms,
    parents: [],
    altIds: values(properties.altId),
    obsolete: meta.deprecated === true,
    replacedBy: replaced[0],
    consider: values(properties.consider),
    xrefs: (meta.xrefs ?? []).map((x) => x.val),
    line,
  };
}
