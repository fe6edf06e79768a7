import fc from 'fast-check';

/**
 * Structure-aware mutations of a valid input: what a broken export, a truncated copy, an editor or a hostile file
 * does to a data file. A fuzz run starts from a real-looking file and applies a few of these, so most inputs get past
 * the first check and reach the deeper code, which purely random bytes never do.
 */
export type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'deleteLine'; at: number }
  | { kind: 'duplicateLine'; at: number; times: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'dropField'; at: number; field: number }
  | { kind: 'addField'; at: number; text: string }
  | { kind: 'longField'; at: number; length: number; char: string }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'lineEnds'; crlf: boolean };

/** Text a field may receive: separators, quotes, escapes, numbers out of range, non-ASCII, control characters. */
const nasty = fc.oneof(
  fc.constantFrom('\t', '\n', '\r\n', ';', ',', '=', ':', '|', '"', "'", '\\', '{', '}', '[', ']', '<', '>', '%', '.', '-', '', ' ', '\0'),
  fc.constantFrom('-1', '0', '2147483648', '1e309', 'NaN', 'Infinity', '9'.repeat(40), 'HP:0000000', 'hp:0001250', 'OMIM:', 'chr', '0/1', './.', '1|0'),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: nasty }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('dropField' as const), at: fc.nat(), field: fc.nat({ max: 12 }) }),
  fc.record({ kind: fc.constant('addField' as const), at: fc.nat(), text: nasty }),
  fc.record({ kind: fc.constant('longField' as const), at: fc.nat(), length: fc.integer({ min: 1000, max: 200_000 }), char: fc.constantFrom('A', '9', 'é', '\t', '[') }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('lineEnds' as const), crlf: fc.boolean() }),
);

/**
 * Applies the mutations in order and encodes the text as UTF-8; byte flips are applied last, to the bytes, so the
 * file may hold invalid UTF-8. `separator` is the format's field separator (tab for VCF and hpoa).
 */
export function mutate(input: string, mutations: Mutation[], separator = '\t'): Buffer {
  let text = input;
  const flips: { at: number; byte: number }[] = [];
  for (const m of mutations) {
    const lines = text.split('\n');
    const line = (at: number) => at % Math.max(1, lines.length);
    switch (m.kind) {
      case 'flip':
        flips.push(m);
        break;
      case 'deleteLine':
        lines.splice(line(m.at), 1);
        text = lines.join('\n');
        break;
      case 'duplicateLine':
        lines.splice(line(m.at), 0, ...Array<string>(m.times).fill(lines[line(m.at)] ?? ''));
        text = lines.join('\n');
        break;
      case 'insert':
        text = text.slice(0, m.at % (text.length + 1)) + m.text + text.slice(m.at % (text.length + 1));
        break;
      case 'truncate':
        text = text.slice(0, m.at % (text.length + 1));
        break;
      case 'dropField': {
        const i = line(m.at);
        const fields = (lines[i] ?? '').split(separator);
        fields.splice(m.field % Math.max(1, fields.length), 1);
        lines[i] = fields.join(separator);
        text = lines.join('\n');
        break;
      }
      case 'addField': {
        const i = line(m.at);
        lines[i] = `${lines[i] ?? ''}${separator}${m.text}`;
        text = lines.join('\n');
        break;
      }
      case 'longField': {
        const i = line(m.at);
        const fields = (lines[i] ?? '').split(separator);
        fields[m.at % Math.max(1, fields.length)] = m.char.repeat(m.length);
        lines[i] = fields.join(separator);
        text = lines.join('\n');
        break;
      }
      case 'swapLines': {
        const a = line(m.a);
        const b = line(m.b);
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        text = lines.join('\n');
        break;
      }
      case 'lineEnds':
        text = m.crlf ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n');
        break;
    }
  }
  const bytes = Buffer.from(text, 'utf8');
  for (const f of flips) if (bytes.length) bytes[f.at % bytes.length] = f.byte;
  return bytes;
}

/** Fails if `work` takes longer than `ms`: a parser must answer every input in bounded time. */
export async function within<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no answer after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
