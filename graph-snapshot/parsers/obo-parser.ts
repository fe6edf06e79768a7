import { readLines } from '../io/line-reader.js';
import { InputError } from '../../common/input-error.js';

export type SynonymScope = 'EXACT' | 'BROAD' | 'NARROW' | 'RELATED';

export interface OboSynonym {
  text: string;
  scope: SynonymScope;
  /** synonym type, e.g. "layperson" (from `synonymtypedef`), when given */
  type?: string;
}

export interface OboTerm {
  id: string;
  name: string;
  definition?: string;
  synonyms: OboSynonym[];
  parents: string[];
  altIds: string[];
  obsolete: boolean;
  replacedBy?: string;
  consider: string[];
  /** cross-references to other vocabularies (UMLS:C0036572, SNOMEDCT_US:91175000, MSH:D012640 ...) */
  xrefs: string[];
  /** line of the `[Term]` header (of the node, in OBO Graphs JSON), for error messages */
  line: number;
}

export interface OboDocument {
  /** `data-version` header, e.g. "hp/releases/2026-06-23" */
  dataVersion?: string;
  terms: OboTerm[];
}

const scopes = new Set<SynonymScope>(['EXACT', 'BROAD', 'NARROW', 'RELATED']);

/**
 * Streams an OBO 1.2 file and returns its [Term] stanzas. Other stanza types ([Typedef], [Instance]) are
 * skipped. Malformed lines inside a term stanza are errors naming file and line.
 */
export async function parseObo(path: string): Promise<OboDocument> {
  const doc: OboDocument = { terms: [] };
  let current: Partial<OboTerm> & { line: number } | undefined;
  let inTerm = false;
  let inHeader = true;

  const finish = () => {
    if (!current) return;
    if (!current.id) throw new InputError(path, current.line, '[Term] stanza has no id');
    if (current.name === undefined) throw new InputError(path, current.line, `term ${current.id} has no name`);
    doc.terms.push({
      id: current.id,
      name: current.name,
      definition: current.definition,
      synonyms: current.synonyms ?? [],
      parents: current.parents ?? [],
      altIds: current.altIds ?? [],
      obsolete: current.obsolete ?? false,
      replacedBy: current.replacedBy,
      consider: current.consider ?? [],
      xrefs: current.xrefs ?? [],
      line: current.line,
    });
    current = undefined;
  };

  for await (const { text, line } of readLines(path)) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('!')) continue;
    if (trimmed.startsWith('[')) {
      finish();
      inHeader = false;
      if (!trimmed.endsWith(']')) throw new InputError(path, line, `malformed stanza header: ${trimmed}`);
      inTerm = trimmed === '[Term]';
      if (inTerm) current = { line, synonyms: [], parents: [], altIds: [], consider: [], xrefs: [] };
      continue;
    }
    const colon = trimmed.indexOf(':');
    if (colon <= 0) {
      if (inHeader || inTerm) throw new InputError(path, line, `expected "tag: value", found: ${truncate(trimmed)}`);
      continue;
    }
    const tag = trimmed.slice(0, colon);
    const value = stripTrailingModifiers(trimmed.slice(colon + 1).trim());
    if (inHeader) {
      if (tag === 'data-version') doc.dataVersion = value;
      continue;
    }
    if (!inTerm || !current) continue;
    switch (tag) {
      case 'id':
        if (current.id) throw new InputError(path, line, `second id in the stanza of ${current.id}`);
        current.id = requireCurie(path, line, value);
        break;
      case 'name':
        current.name = value;
        break;
      case 'def':
        current.definition = parseQuoted(path, line, value).text;
        break;
      case 'synonym':
        current.synonyms!.push(parseSynonym(path, line, value));
        break;
      case 'is_a':
        current.parents!.push(requireCurie(path, line, beforeComment(value)));
        break;
      case 'alt_id':
        current.altIds!.push(requireCurie(path, line, beforeComment(value)));
        break;
      case 'is_obsolete':
        current.obsolete = value === 'true';
        break;
      case 'replaced_by':
        current.replacedBy = requireCurie(path, line, beforeComment(value));
        break;
      case 'consider':
        current.consider!.push(requireCurie(path, line, beforeComment(value)));
        break;
      case 'xref':
      {
        // `xref: UMLS:C0036572 "a description"`: the reference is the first word (kept as written: the wild has URLs too)
        const ref = beforeComment(value).split(/\s/)[0];
        if (ref) current.xrefs!.push(ref);
        break;
      }
      default:
        break; // comment, subset, property_value, created_by...: not needed by the snapshot
    }
  }
  finish();
  return doc;
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function beforeComment(value: string): string {
  const bang = value.indexOf(' !');
  return (bang >= 0 ? value.slice(0, bang) : value).trim();
}

/** OBO allows `{...}` trailing qualifiers after a value; they are not part of it. */
function stripTrailingModifiers(value: string): string {
  if (!value.endsWith('}')) return value;
  const open = value.lastIndexOf(' {');
  if (open < 0) return value;
  // Only strip if the brace is outside any quoted string.
  const quotes = (value.slice(0, open).match(/(?<!\\)"/g) ?? []).length;
  return quotes % 2 === 0 ? value.slice(0, open).trim() : value;
}

const curie = /^[A-Za-z][A-Za-z0-9_.-]*:[A-Za-z0-9_.-]+$/;

function requireCurie(path: string, line: number, value: string): string {
  if (!curie.test(value)) throw new InputError(path, line, `not an identifier: ${truncate(value)}`);
  return value;
}

/** Parses `"text with \" escapes" rest` into the unescaped text and what follows. */
export function parseQuoted(path: string, line: number, value: string): { text: string; rest: string } {
  if (!value.startsWith('"')) throw new InputError(path, line, `expected a quoted string, found: ${truncate(value)}`);
  let out = '';
  for (let i = 1; i < value.length; i += 1) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      const next = value[i + 1]!;
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i += 1;
    } else if (ch === '"') {
      return { text: out, rest: value.slice(i + 1).trim() };
    } else {
      out += ch;
    }
  }
  throw new InputError(path, line, `unterminated quoted string: ${truncate(value)}`);
}

function parseSynonym(path: string, line: number, value: string): OboSynonym {
  const { text, rest } = parseQuoted(path, line, value);
  // rest: SCOPE [TYPE] [xrefs]
  const tokens = rest.replace(/\[[^\]]*\]\s*$/, '').trim().split(/\s+/).filter(Boolean);
  const scopeToken = tokens[0] ?? 'RELATED';
  if (!scopes.has(scopeToken as SynonymScope)) {
    throw new InputError(path, line, `unknown synonym scope "${scopeToken}" (expected EXACT, BROAD, NARROW or RELATED)`);
  }
  const synonym: OboSynonym = { text, scope: scopeToken as SynonymScope };
  if (tokens[1]) synonym.type = tokens[1];
  return synonym;
}
