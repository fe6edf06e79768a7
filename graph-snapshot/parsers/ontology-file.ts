import { openByteStream } from '../io/line-reader.js';
import { parseObo, type OboDocument } from './obo-parser.js';
import { parseObographs } from './obographs-parser.js';

/**
 * The ontology in either of HPO's release formats: OBO Graphs JSON (`hp.json`) or OBO (`hp.obo`), plain or gzip,
 * told apart by content (a JSON document starts with "{"), not by the file name.
 */
export async function parseOntologyFile(path: string): Promise<OboDocument> {
  return (await startsWithBrace(path)) ? parseObographs(path) : parseObo(path);
}

async function startsWithBrace(path: string): Promise<boolean> {
  const stream = await openByteStream(path);
  try {
    for await (const chunk of stream) {
      const text = (chunk as Buffer).toString('utf8').trimStart();
      if (text) return text.startsWith('{');
    }
    return false;
  } catch {
    return false; // the parser reading it properly names what is wrong with the file
  } finally {
    stream.destroy();
  }
}
