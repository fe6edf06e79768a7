/**
 * Plain text extracted from a marked-up original (HTML, RTF), with the way back: every plain character knows the
 * range of the original it came from, so findings can report offsets into the text the user gave. Stored as
 * segments (a verbatim copy, or a replacement such as a decoded entity), not per character, so a 10 MB document
 * costs memory in proportion to its markup.
 */
export class MappedText {
  private constructor(
    readonly text: string,
    readonly original: string,
    /** per segment: first plain offset, original start and end, and whether it is a verbatim copy */
    private readonly plainStart: Int32Array,
    private readonly origStart: Int32Array,
    private readonly origEnd: Int32Array,
    private readonly verbatim: Uint8Array,
  ) {}

  /** A text that is its own plain text. */
  static identity(text: string): MappedText {
    return new MappedText(text, text, Int32Array.of(0), Int32Array.of(0), Int32Array.of(text.length), Uint8Array.of(1));
  }

  static builder(original: string): MappedTextBuilder {
    return new MappedTextBuilder(original, (text, s) => new MappedText(text, original, Int32Array.from(s.plain), Int32Array.from(s.from), Int32Array.from(s.to), Uint8Array.from(s.verbatim)));
  }

  private segment(plainOffset: number): number {
    let lo = 0;
    let hi = this.plainStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.plainStart[mid]! <= plainOffset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The original range of the plain range [start, end). */
  toOriginal(start: number, end: number): { start: number; end: number } {
    if (this.text === this.original) return { start, end };
    const a = this.segment(start);
    const b = this.segment(Math.max(start, end - 1));
    const from = this.verbatim[a] ? this.origStart[a]! + (start - this.plainStart[a]!) : this.origStart[a]!;
    const to = this.verbatim[b] ? this.origStart[b]! + (end - this.plainStart[b]!) : this.origEnd[b]!;
    return { start: from, end: Math.max(from, to) };
  }
}

interface Segments {
  plain: number[];
  from: number[];
  to: number[];
  verbatim: number[];
}

export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly s: Segments = { plain: [], from: [], to: [], verbatim: [] };

  constructor(
    private readonly original: string,
    private readonly finish: (text: string, s: Segments) => MappedText,
  ) {}

  /** Copies original[from, to) unchanged. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    const last = this.s.plain.length - 1;
    // Extend the previous verbatim segment when contiguous.
    if (last >= 0 && this.s.verbatim[last] === 1 && this.s.to[last] === from) {
      this.s.to[last] = to;
    } else {
      this.push(from, to, 1);
    }
    this.parts.push(this.original.slice(from, to));
    this.length += to - from;
  }

  /** Emits `text` for original[from, to) (an entity, a control word, a tag that ends a line). */
  replace(text: string, from: number, to: number): void {
    if (!text) return;
    this.push(from, to, 0);
    this.parts.push(text);
    this.length += text.length;
  }

  /** The last character emitted ('' at the start). */
  lastChar(): string {
    const p = this.parts[this.parts.length - 1];
    return p ? p[p.length - 1]! : '';
  }

  build(): MappedText {
    return this.finish(this.parts.join(''), this.s);
  }

  private push(from: number, to: number, verbatim: number): void {
    this.s.plain.push(this.length);
    this.s.from.push(from);
    this.s.to.push(to);
    this.s.verbatim.push(verbatim);
  }
}
