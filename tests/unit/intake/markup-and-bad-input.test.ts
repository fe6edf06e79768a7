import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../diagnosis/intake/html-text.js';
import { rtfToText } from '../../../diagnosis/intake/rtf-text.js';
import { decodeText } from '../../../diagnosis/intake/text-decoding.js';
import { detectFormat, extractFromText, readTextFile } from '../../../diagnosis/intake/text-intake.js';
import { tinyRecognizer } from '../../fixtures/intake/tiny-lexicon.js';

const fixture = (name: string) => `tests/fixtures/intake/${name}`;
const summary = (input: string) =>
  extractFromText(tinyRecognizer(), input).findings.map((f) => {
    // Offsets always refer to the input as given.
    expect(input.slice(f.start, f.end)).toBe(f.text);
    return [f.hpoId, f.status];
  });

describe('markup', () => {
  it('strips HTML (tags, scripts, styles, comments, entities) and maps offsets back', () => {
    const html = readFileSync(fixture('note.html'), 'utf8');
    expect(detectFormat(html)).toBe('html');
    const r = extractFromText(tinyRecognizer(), html);
    expect(r.findings.map((f) => [f.hpoId, f.status, f.text])).toEqual([
      ['HP:0001252', 'present', 'hypo</b>tonia'],
      ['HP:0001250', 'excluded', 'seizures'],
      ['HP:0001250', 'family', 'epilepsy'],
      ['HP:0000957', 'present', 'Caf&eacute;-au-lait spots'],
      ['HP:0000508', 'present', 'ptosis'],
      ['HP:0002650', 'excluded', 'Scoliosis'],
      ['HP:0002018', 'present', 'Nausea'],
    ]);
    for (const f of r.findings) expect(html.slice(f.start, f.end)).toBe(f.text);
  });

  it('strips RTF (control words, skipped destinations, hex escapes) and maps offsets back', () => {
    const rtf = readFileSync(fixture('note.rtf'), 'utf8');
    expect(detectFormat(rtf)).toBe('rtf');
    expect(rtfToText(rtf).text).toContain('The patient has hypotonia and no seizures.');
    expect(rtfToText(rtf).text).not.toContain('Times');
    expect(summary(rtf)).toEqual([
      ['HP:0001252', 'present'],
      ['HP:0001250', 'excluded'],
      ['HP:0001250', 'family'],
      ['HP:0000957', 'present'],
    ]);
  });

  it('survives broken markup', () => {
    expect(htmlToText('<p>hypotonia <b unclosed').text).toContain('hypotonia');
    expect(htmlToText('a < b and c > d &bogus; &#99999999;').text).toContain('a < b');
    expect(htmlToText('<script>never closed hypotonia').text).toBe('');
    expect(rtfToText('{\\rtf1 {{{ hypotonia \\').text).toContain('hypotonia');
    expect(rtfToText('{\\rtf1 }}}} ptosis \\u-3913? \\\'zz').text).toContain('ptosis');
    expect(summary('<b>Ptosis</b> <i>and</i> <p>no <span>scoliosis</span>')).toEqual([
      ['HP:0000508', 'present'],
      ['HP:0002650', 'excluded'],
    ]);
  });

  it('reads tables with pipes and tabs, keeping cells apart', () => {
    expect(summary('| Seizures | no |\n| Hypotonia | yes |\nPtosis\tabsent\tleft')).toEqual([
      ['HP:0001250', 'excluded'],
      ['HP:0001252', 'present'],
      ['HP:0000508', 'excluded'],
    ]);
    // Cells are boundaries: no name spans two cells, no scope leaves its cell.
    expect(summary('No | seizures')).toEqual([['HP:0001250', 'present']]);
    expect(summary('hearing | loss')).toEqual([]);
  });
});

describe('bad input', () => {
  it('gives no findings for empty or blank text', () => {
    expect(tinyRecognizer().extract('')).toEqual([]);
    expect(tinyRecognizer().extract(' \n\t\r\n ')).toEqual([]);
    expect(extractFromText(tinyRecognizer(), '').findings).toEqual([]);
  });

  it('decodes invalid UTF-8 with replacement and counts it', async () => {
    const d = await readTextFile(fixture('latin1-note.txt'));
    expect(d.encoding).toBe('utf-8');
    expect(d.replaced).toBe(3);
    expect(summary(d.text)).toEqual([
      ['HP:0001252', 'present'],
      ['HP:0001250', 'excluded'],
    ]);
    expect(decodeText(Buffer.from('ok \ufffd', 'utf8')).replaced).toBe(0);
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x70, 0x74, 0x6f, 0x73, 0x69, 0x73])).text).toBe('ptosis');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ptosis', 'utf16le')]);
    expect(decodeText(utf16)).toEqual({ text: 'ptosis', encoding: 'utf-16le', replaced: 0 });
  });

  it('survives binary garbage', () => {
    const bytes = Buffer.alloc(100_000);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 7919) % 256;
    const text = decodeText(bytes).text;
    expect(() => extractFromText(tinyRecognizer(), text)).not.toThrow();
  });

  it('extracts from 10 MB of text, in time proportional to its length', () => {
    const paragraph = 'The boy had no seizures but marked hypotonia, possible ptosis and renal cysts; his mother has epilepsy. CK 5000 U/L. ';
    const make = (bytes: number) => paragraph.repeat(Math.ceil(bytes / paragraph.length));
    const small = make(1_000_000);
    const large = make(10_000_000);
    const t0 = performance.now();
    const a = tinyRecognizer().extract(small);
    const t1 = performance.now();
    const b = tinyRecognizer().extract(large);
    const t2 = performance.now();
    expect(b.length).toBeGreaterThan(9 * a.length);
    // Linear, loosely: 10x the text must not take anywhere near 100x the time (a quadratic step would).
    expect(t2 - t1).toBeLessThan(40 * (t1 - t0) + 2000);
    // A single 10 MB "word" and a 10 MB line of punctuation are handled too.
    expect(tinyRecognizer().extract('a'.repeat(10_000_000))).toEqual([]);
    expect(tinyRecognizer().extract('|('.repeat(2_000_000))).toEqual([]);
  }, 120_000);
});
