import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import sax from 'sax';
import { describeFsError } from '../io/line-reader.js';
import { InputError } from '../../common/input-error.js';

export interface OrphaClassificationEdge {
  childId: string;
  parentId: string;
}

export interface OrphaClassifiedDisorder {
  id: string;
  name: string;
  /** Orphanet DisorderType, e.g. Disease, Category, Clinical group */
  type: string;
}

export interface OrphaClassification {
  id: string;
  name: string;
  /** ExtractionDate attribute of the JDBOR root */
  extractionDate?: string;
  disorders: OrphaClassifiedDisorder[];
  edges: OrphaClassificationEdge[];
}

/** Reads the XML declaration's encoding (the 2022 file is ISO-8859-1, the 2025 ones UTF-8). */
async function declaredEncoding(path: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new InputError(path, undefined, describeFsError(err), { cause: err });
  }
  try {
    const buf = Buffer.alloc(200);
    const { bytesRead } = await handle.read(buf, 0, 200, 0);
    const head = buf.subarray(0, bytesRead).toString('latin1');
    const m = /encoding=["']([^"']+)["']/i.exec(head);
    return (m?.[1] ?? 'utf-8').toLowerCase();
  } finally {
    await handle.close();
  }
}

/**
 * Streams one Orphanet classification XML (product 3: ClassificationNode > Disorder > ClassificationNodeChildList)
 * and returns the disorders it names and the child → parent edges of its hierarchy.
 */
export async function parseOrphaClassification(path: string): Promise<OrphaClassification> {
  const encoding = await declaredEncoding(path);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: false });
  } catch {
    throw new InputError(path, 1, `unsupported XML encoding "${encoding}"`);
  }
  const parser = sax.parser(true, { trim: true });
  const result: OrphaClassification = { id: '', name: '', disorders: [], edges: [] };
  const seen = new Set<string>();
  const path_: string[] = [];
  /** stack of the OrphaCodes of the open ClassificationNodes ('' until the node's Disorder is read) */
  const nodeCodes: string[] = [];
  let disorder: { code: string; name: string; type: string } | undefined;
  let failure: InputError | undefined;

  parser.onopentag = (tag) => {
    path_.push(tag.name);
    if (tag.name === 'JDBOR') result.extractionDate = String(tag.attributes['ExtractionDate'] ?? '') || undefined;
    if (tag.name === 'Classification' && !result.id) result.id = String(tag.attributes['id'] ?? '');
    if (tag.name === 'ClassificationNode') nodeCodes.push('');
    if (tag.name === 'Disorder') disorder = { code: '', name: '', type: '' };
  };
  parser.ontext = (text) => {
    const n = path_.length;
    const el = path_[n - 1];
    const parent = path_[n - 2];
    if (el === 'OrphaCode' && parent === 'Disorder' && disorder) disorder.code = text;
    else if (el === 'Name' && parent === 'Disorder' && disorder) disorder.name += text;
    else if (el === 'Name' && parent === 'DisorderType' && disorder) disorder.type = text;
    else if (el === 'Name' && parent === 'Classification' && !result.name) result.name = text;
  };
  parser.onclosetag = (name) => {
    path_.pop();
    if (name === 'Disorder' && disorder) {
      if (!/^\d+$/.test(disorder.code)) {
        failure ??= new InputError(path, parser.line + 1, `Disorder without a numeric OrphaCode`);
        return;
      }
      const id = `ORPHA:${disorder.code}`;
      if (nodeCodes.length > 0) nodeCodes[nodeCodes.length - 1] = id;
      if (!seen.has(id)) {
        seen.add(id);
        result.disorders.push({ id, name: disorder.name, type: disorder.type });
      }
      const parentId = nodeCodes.length >= 2 ? nodeCodes[nodeCodes.length - 2] : undefined;
      if (parentId) result.edges.push({ childId: id, parentId });
      disorder = undefined;
    }
    if (name === 'ClassificationNode') nodeCodes.pop();
  };
  parser.onerror = (err) => {
    failure ??= new InputError(path, parser.line + 1, `malformed XML: ${err.message.split('\n')[0]}`);
    parser.resume();
  };

  try {
    for await (const chunk of createReadStream(path)) {
      parser.write(decoder.decode(chunk as Buffer, { stream: true }));
      if (failure) throw failure;
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, parser.line + 1, describeFsError(err), { cause: err });
  }
  if (failure) throw failure;
  if (!result.id) throw new InputError(path, undefined, 'no <Classification> element: not an Orphanet classification file');
  return result;
}
