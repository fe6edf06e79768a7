export type ChunkKind = 'answer' | 'thought';

export interface TextPiece {
  kind: ChunkKind;
  text: string;
}

const OPEN = '<think>';
const CLOSE = '</think>';

/**
 * Splits streamed text into thought and answer pieces at `<think>` / `</think>` tags, for models whose chat wrapper
 * does not already separate thoughts. A tag cut across two chunks is held back until it is complete. A `</think>`
 * with no opening tag (templates that open the block themselves) ends a thought that started with the text.
 */
export class ThinkTagSplitter {
  private inThought: boolean;
  private held = '';
  private seenClose = false;

  constructor(options: { startInThought?: boolean } = {}) {
    this.inThought = options.startInThought ?? false;
  }

  push(text: string): TextPiece[] {
    const pieces: TextPiece[] = [];
    let rest = this.held + text;
    this.held = '';
    for (;;) {
      const tag = this.inThought ? CLOSE : OPEN;
      const stray = this.inThought ? undefined : this.seenClose ? undefined : CLOSE;
      const at = rest.indexOf(tag);
      const strayAt = stray ? rest.indexOf(stray) : -1;
      if (strayAt >= 0 && (at < 0 || strayAt < at)) {
        // the text so far was a thought whose opening tag the template wrote (earlier chunks already went out as
        // answer; splitThoughts on the whole text gets them right)
        this.emit(pieces, 'thought', rest.slice(0, strayAt));
        rest = rest.slice(strayAt + CLOSE.length);
        this.seenClose = true;
        continue;
      }
      if (at < 0) break;
      this.emit(pieces, this.inThought ? 'thought' : 'answer', rest.slice(0, at));
      rest = rest.slice(at + tag.length);
      if (this.inThought) this.seenClose = true;
      this.inThought = !this.inThought;
    }
    // keep back a suffix that could be the start of a tag
    const keep = partialTagLength(rest);
    this.held = rest.slice(rest.length - keep);
    this.emit(pieces, this.inThought ? 'thought' : 'answer', rest.slice(0, rest.length - keep));
    return pieces;
  }

  /** What is still held back at the end of the stream. */
  flush(): TextPiece[] {
    const pieces: TextPiece[] = [];
    this.emit(pieces, this.inThought ? 'thought' : 'answer', this.held);
    this.held = '';
    return pieces;
  }

  private emit(pieces: TextPiece[], kind: ChunkKind, text: string): void {
    if (text) pieces.push({ kind, text });
  }
}

function partialTagLength(text: string): number {
  for (let n = Math.min(CLOSE.length - 1, text.length); n > 0; n -= 1) {
    const tail = text.slice(text.length - n);
    if (OPEN.startsWith(tail) || CLOSE.startsWith(tail)) return n;
  }
  return 0;
}

/**
 * Thoughts and answer of a complete text. Unlike the stream, this can look ahead: text before a `</think>` that has
 * no opening tag is a thought.
 */
export function splitThoughts(text: string, options: { startInThought?: boolean } = {}): { thoughts: string; answer: string } {
  const firstOpen = text.indexOf(OPEN);
  const firstClose = text.indexOf(CLOSE);
  const startInThought = options.startInThought || (firstClose >= 0 && (firstOpen < 0 || firstClose < firstOpen));
  const splitter = new ThinkTagSplitter({ startInThought });
  const pieces = [...splitter.push(text), ...splitter.flush()];
  const join = (kind: ChunkKind) =>
    pieces
      .filter((p) => p.kind === kind)
      .map((p) => p.text)
      .join('')
      .trim();
  return { thoughts: join('thought'), answer: join('answer') };
}
