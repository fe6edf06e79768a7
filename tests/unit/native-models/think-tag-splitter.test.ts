import { describe, expect, it } from 'vitest';
import { splitThoughts, ThinkTagSplitter, type TextPiece } from '../../../native-models/runtime/think-tag-splitter.js';

/** Streams text in chunks of the given size and joins the pieces by kind. */
function stream(text: string, size: number, startInThought = false) {
  const s = new ThinkTagSplitter({ startInThought });
  const pieces: TextPiece[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(...s.push(text.slice(i, i + size)));
  pieces.push(...s.flush());
  const join = (k: TextPiece['kind']) => pieces.filter((p) => p.kind === k).map((p) => p.text).join('');
  return { thought: join('thought'), answer: join('answer') };
}

describe('think-tag splitter', () => {
  const text = 'Intro <think>weigh Marfan vs Loeys-Dietz</think>Marfan syndrome';

  it('separates thoughts from the answer whatever the chunk boundaries (tags cut anywhere)', () => {
    for (let size = 1; size <= text.length; size += 1) {
      expect(stream(text, size), `chunks of ${size}`).toEqual({ thought: 'weigh Marfan vs Loeys-Dietz', answer: 'Intro Marfan syndrome' });
    }
  });

  it('keeps text that only looks like the start of a tag', () => {
    expect(stream('a < b and <thin ice', 3)).toEqual({ thought: '', answer: 'a < b and <thin ice' });
  });

  it('handles an unterminated thought and a template that opened the block itself', () => {
    expect(stream('<think>still thinking', 4)).toEqual({ thought: 'still thinking', answer: '' });
    expect(stream('reasoning</think>answer', 5, true)).toEqual({ thought: 'reasoning', answer: 'answer' });
    expect(splitThoughts('reasoning here\n</think>\n\nThe answer')).toEqual({ thoughts: 'reasoning here', answer: 'The answer' });
    expect(splitThoughts('<think>a</think> b <think>c</think> d')).toEqual({ thoughts: 'ac', answer: 'b  d' });
    expect(splitThoughts('no tags at all')).toEqual({ thoughts: '', answer: 'no tags at all' });
  });
});
