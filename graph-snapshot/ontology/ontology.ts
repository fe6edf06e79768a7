import { InputError } from '../../common/input-error.js';
import type { OboDocument, OboTerm } from '../parsers/obo-parser.js';

export type Resolution = { id: string; via: 'primary' | 'alt_id' | 'replaced_by' };

/**
 * The HPO as an in-memory DAG over current (non-obsolete) terms, with index-based adjacency for speed.
 * Construction validates it: every is_a target must be a current term and the is_a graph must be acyclic.
 */
export class Ontology {
  readonly terms: OboTerm[];
  readonly obsolete: OboTerm[];
  private readonly indexById = new Map<string, number>();
  private readonly redirects = new Map<string, Resolution>();
  readonly parents: number[][];
  readonly children: number[][];
  private closureCache: Int32Array[] | undefined;

  constructor(doc: OboDocument, file: string) {
    this.terms = doc.terms.filter((t) => !t.obsolete);
    this.obsolete = doc.terms.filter((t) => t.obsolete);
    this.terms.forEach((t, i) => {
      if (this.indexById.has(t.id)) throw new InputError(file, t.line, `duplicate term ${t.id}`);
      this.indexById.set(t.id, i);
    });
    for (const t of this.terms) {
      for (const alt of t.altIds) if (!this.indexById.has(alt)) this.redirects.set(alt, { id: t.id, via: 'alt_id' });
    }
    for (const t of this.obsolete) {
      if (this.indexById.has(t.id)) continue;
      const target = t.replacedBy && this.indexById.has(t.replacedBy) ? t.replacedBy : undefined;
      if (target) this.redirects.set(t.id, { id: target, via: 'replaced_by' });
    }
    this.parents = this.terms.map((t) =>
      t.parents.map((p) => {
        const i = this.indexById.get(p) ?? this.indexById.get(this.redirects.get(p)?.id ?? '');
        if (i === undefined) throw new InputError(file, t.line, `${t.id} is_a ${p}, which is not a current term`);
        return i;
      }),
    );
    this.children = this.terms.map(() => []);
    this.parents.forEach((ps, child) => ps.forEach((p) => this.children[p]!.push(child)));
    this.checkAcyclic(file);
  }

  get size(): number {
    return this.terms.length;
  }

  index(id: string): number | undefined {
    return this.indexById.get(id);
  }

  /** Maps any id (current, alt_id, obsolete with replaced_by) to a current term, or undefined if unknown. */
  resolve(id: string): Resolution | undefined {
    if (this.indexById.has(id)) return { id, via: 'primary' };
    return this.redirects.get(id);
  }

  /** Extra alt-id → primary mappings from another source (PhenoTagger's map); never overrides the ontology. */
  addRedirects(map: Record<string, string>): number {
    let added = 0;
    for (const [from, to] of Object.entries(map)) {
      if (from === to || this.indexById.has(from) || this.redirects.has(from)) continue;
      const target = this.resolve(to);
      if (!target) continue;
      this.redirects.set(from, { id: target.id, via: 'alt_id' });
      added += 1;
    }
    return added;
  }

  redirectEntries(): [string, Resolution][] {
    return [...this.redirects.entries()];
  }

  /** Ancestor closure of every term, each including the term itself, sorted ascending. */
  closure(): Int32Array[] {
    if (this.closureCache) return this.closureCache;
    const out: (Int32Array | undefined)[] = new Array(this.size);
    const visit = (i: number): Int32Array => {
      const done = out[i];
      if (done) return done;
      const set = new Set<number>([i]);
      for (const p of this.parents[i]!) for (const a of visit(p)) set.add(a);
      const arr = Int32Array.from(set).sort();
      out[i] = arr;
      return arr;
    };
    for (let i = 0; i < this.size; i += 1) visit(i);
    this.closureCache = out as Int32Array[];
    return this.closureCache;
  }

  /** Length of the longest is_a path to a root. */
  depths(): Int32Array {
    const depth = new Int32Array(this.size).fill(-1);
    const visit = (i: number): number => {
      if (depth[i]! >= 0) return depth[i]!;
      let d = 0;
      for (const p of this.parents[i]!) d = Math.max(d, visit(p) + 1);
      depth[i] = d;
      return d;
    };
    for (let i = 0; i < this.size; i += 1) visit(i);
    return depth;
  }

  private checkAcyclic(file: string): void {
    // Iterative three-colour DFS (recursion would overflow on deep chains in a malformed file).
    const colour = new Uint8Array(this.size); // 0 white, 1 grey, 2 black
    for (let root = 0; root < this.size; root += 1) {
      if (colour[root] !== 0) continue;
      const stack: [number, number][] = [[root, 0]];
      colour[root] = 1;
      while (stack.length) {
        const top = stack[stack.length - 1]!;
        const [node, next] = top;
        const ps = this.parents[node]!;
        if (next < ps.length) {
          top[1] += 1;
          const p = ps[next]!;
          if (colour[p] === 1) {
            const cycleStart = stack.findIndex(([n]) => n === p);
            const cycle = stack.slice(cycleStart).map(([n]) => this.terms[n]!.id);
            const term = this.terms[p]!;
            throw new InputError(file, term.line, `is_a cycle: ${[...cycle, term.id].join(' → ')}`);
          }
          if (colour[p] === 0) {
            colour[p] = 1;
            stack.push([p, 0]);
          }
        } else {
          colour[node] = 2;
          stack.pop();
        }
      }
    }
  }
}
