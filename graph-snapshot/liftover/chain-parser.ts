import { readLines } from '../io/line-reader.js';
import { InputError } from '../../common/input-error.js';

/** One ungapped aligned block of a UCSC chain, in 0-based half-open coordinates. */
export interface ChainBlock {
  /** source (reference, "t") start and end */
  tStart: number;
  tEnd: number;
  /** target (query, "q") start on the q strand's own coordinates */
  qStart: number;
  chainIndex: number;
}

export interface ChainHeader {
  score: number;
  tName: string;
  tSize: number;
  qName: string;
  qSize: number;
  qStrand: '+' | '-';
  id: string;
}

export interface ChainFile {
  chains: ChainHeader[];
  /** blocks per source chromosome (UCSC name), sorted by tStart */
  blocksByChrom: Map<string, ChainBlock[]>;
}

/**
 * Parses a UCSC chain file (https://genome.ucsc.edu/goldenPath/help/chain.html), plain or gzip, streaming.
 * Chains on the source '-' strand do not occur in UCSC over.chain files and are rejected.
 */
export async function parseChainFile(path: string): Promise<ChainFile> {
  const chains: ChainHeader[] = [];
  const blocksByChrom = new Map<string, ChainBlock[]>();
  let chain: ChainHeader | undefined;
  let t = 0;
  let q = 0;
  let blocks: ChainBlock[] = [];
  let expectingBlocks = false;

  for await (const { text, line } of readLines(path)) {
    if (text === '' || text.startsWith('#')) {
      if (text === '') expectingBlocks = false;
      continue;
    }
    if (text.startsWith('chain')) {
      const f = text.trim().split(/\s+/);
      if (f.length < 12) throw new InputError(path, line, `chain header has ${f.length} fields, expected 12 or 13`);
      if (f[4] !== '+') throw new InputError(path, line, 'chains on the reference minus strand are not supported');
      const qStrand = f[9];
      if (qStrand !== '+' && qStrand !== '-') throw new InputError(path, line, `invalid query strand "${qStrand}"`);
      chain = {
        score: Number(f[1]),
        tName: f[2]!,
        tSize: Number(f[3]),
        qName: f[7]!,
        qSize: Number(f[8]),
        qStrand,
        id: f[12] ?? String(chains.length + 1),
      };
      t = Number(f[5]);
      q = Number(f[10]);
      if (!Number.isFinite(chain.score) || !Number.isInteger(t) || !Number.isInteger(q)) {
        throw new InputError(path, line, 'chain header has non-numeric fields');
      }
      chains.push(chain);
      blocks = blocksByChrom.get(chain.tName) ?? [];
      blocksByChrom.set(chain.tName, blocks);
      expectingBlocks = true;
      continue;
    }
    if (!chain || !expectingBlocks) throw new InputError(path, line, 'alignment data outside a chain');
    const f = text.trim().split(/\s+/).map(Number);
    const size = f[0]!;
    if (!Number.isInteger(size) || size <= 0 || f.some((x) => !Number.isInteger(x) || x < 0)) {
      throw new InputError(path, line, `invalid alignment line "${text}"`);
    }
    blocks.push({ tStart: t, tEnd: t + size, qStart: q, chainIndex: chains.length - 1 });
    if (f.length >= 3) {
      t += size + f[1]!;
      q += size + f[2]!;
    } else {
      expectingBlocks = false; // last line of the chain
    }
  }
  for (const list of blocksByChrom.values()) list.sort((a, b) => a.tStart - b.tStart || a.tEnd - b.tEnd);
  return { chains, blocksByChrom };
}
