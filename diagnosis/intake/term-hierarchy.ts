/**
 * Ancestor tests over the HPO, from the ranking tables' closure (CSR, self included), so the recognizer can prefer
 * the most specific of overlapping matches and never report a term together with its own ancestor.
 */
export interface ClosureTables {
  ids: string[];
  closureOffsets: ArrayLike<number>;
  closure: ArrayLike<number>;
}

export class TermHierarchy {
  private readonly index = new Map<string, number>();

  constructor(private readonly t: ClosureTables) {
    t.ids.forEach((id, i) => this.index.set(id, i));
  }

  /** A hierarchy from explicit parent lists (tests and small fixtures). */
  static fromParents(parents: Record<string, string[]>): TermHierarchy {
    const ids = [...new Set([...Object.keys(parents), ...Object.values(parents).flat()])].sort();
    const at = new Map(ids.map((id, i) => [id, i]));
    const closureOffsets = [0];
    const closure: number[] = [];
    const up = (id: string, seen: Set<string>) => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const p of parents[id] ?? []) up(p, seen);
    };
    for (const id of ids) {
      const seen = new Set<string>();
      up(id, seen);
      closure.push(...[...seen].map((s) => at.get(s)!).sort((a, b) => a - b));
      closureOffsets.push(closure.length);
    }
    return new TermHierarchy({ ids, closureOffsets, closure });
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** True when `ancestor` is `descendant` or one of its ancestors. */
  isAncestorOrSelf(ancestor: string, descendant: string): boolean {
    if (ancestor === descendant) return true;
    const a = this.index.get(ancestor);
    const d = this.index.get(descendant);
    if (a === undefined || d === undefined) return false;
    const { closureOffsets, closure } = this.t;
    for (let k = closureOffsets[d]!; k < closureOffsets[d + 1]!; k += 1) if (closure[k] === a) return true;
    return false;
  }

  /** Ancestors of a term, self included (empty for unknown ids). */
  ancestorsOf(id: string): string[] {
    const d = this.index.get(id);
    if (d === undefined) return [];
    const out: string[] = [];
    for (let k = this.t.closureOffsets[d]!; k < this.t.closureOffsets[d + 1]!; k += 1) out.push(this.t.ids[this.t.closure[k]!]!);
    return out;
  }
}
