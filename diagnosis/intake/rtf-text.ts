import { MappedText } from './mapped-text.js';

/** Destinations whose content is not document text (font tables, styles, metadata, pictures, field codes). */
const SKIPPED_DESTINATIONS = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl',
  'footerr', 'footerf', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'xmlnstbl', 'themedata',
  'colorschememapping', 'latentstyles', 'datastore', 'fldinst', 'object', 'objdata', 'filetbl', 'revtbl', 'pgdsctbl',
  'mmathpr', 'wgrffmtfilter', 'bkmkstart', 'bkmkend', 'footnote', 'annotation', 'atnid', 'atnauthor',
]);

/** Windows-1252 characters 0x80-0x9F (the rest of \'hh is Latin-1). */
const CP1252: Readonly<Record<number, string>> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹',
  0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™',
  0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

export const looksLikeRtf = (text: string) => /^\s*\{\\rtf/.test(text.slice(0, 64));

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * RTF to plain text in one pass: control words removed ("\par", "\line" and "\row" become line breaks, "\tab" and
 * "\cell" tabs), groups of non-text destinations skipped, "\'hh" and "\uN" decoded, escaped braces and backslashes
 * kept. Line breaks in the RTF source are not text. Offsets map back to the original; malformed RTF (unbalanced
 * braces, a truncated file) degrades to the text found, never an error.
 */
export function rtfToText(rtf: string): MappedText {
  const b = MappedText.builder(rtf);
  const n = rtf.length;
  // Per group: skipping its content, and how many fallback characters follow a \u (\ucN).
  const skipStack: boolean[] = [];
  const ucStack: number[] = [];
  let skip = false;
  let uc = 1;
  let pendingFallback = 0;
  let groupStart = false; // just after "{": a "\*" or a destination word decides whether the group is skipped
  let textStart = -1;
  const flush = (to: number) => {
    if (textStart >= 0) b.copy(textStart, to);
    textStart = -1;
  };
  const emit = (s: string, from: number, to: number) => {
    flush(from);
    if (!skip) b.replace(s, from, to);
  };

  let i = 0;
  while (i < n) {
    const c = rtf.charCodeAt(i);
    if (c === 123 /* { */) {
      flush(i);
      skipStack.push(skip);
      ucStack.push(uc);
      groupStart = true;
      i += 1;
      continue;
    }
    if (c === 125 /* } */) {
      flush(i);
      skip = skipStack.pop() ?? false;
      uc = ucStack.pop() ?? 1;
      groupStart = false;
      i += 1;
      continue;
    }
    if (c === 92 /* \ */) {
      flush(i);
      const next = rtf.charCodeAt(i + 1);
      if (next === 42 /* * */) {
        // \* : an ignorable destination
        if (groupStart) skip = true;
        i += 2;
        continue;
      }
      if (isLetter(next)) {
        let j = i + 1;
        while (j < n && isLetter(rtf.charCodeAt(j))) j += 1;
        const word = rtf.slice(i + 1, j);
        let k = j;
        if (rtf[k] === '-') k += 1;
        while (k < n && isDigit(rtf.charCodeAt(k))) k += 1;
        const param = k > j ? Number(rtf.slice(j, k)) : undefined;
        if (rtf[k] === ' ') k += 1; // the delimiting space belongs to the control word
        if (groupStart && SKIPPED_DESTINATIONS.has(word)) skip = true;
        groupStart = false;
        if (word === 'par' || word === 'line' || word === 'row' || word === 'sect' || word === 'page') emit('\n', i, k);
        else if (word === 'tab' || word === 'cell') emit('\t', i, k);
        else if (word === 'uc' && param !== undefined) uc = param;
        else if (word === 'u' && param !== undefined) {
          emit(String.fromCharCode(param < 0 ? param + 65536 : param), i, k);
          pendingFallback = uc;
        } else if (word === 'emdash') emit('—', i, k);
        else if (word === 'endash') emit('–', i, k);
        else if (word === 'bullet') emit('•', i, k);
        else if (word === 'lquote' || word === 'rquote') emit("'", i, k);
        else if (word === 'ldblquote' || word === 'rdblquote') emit('"', i, k);
        i = k;
        continue;
      }
      if (next === 39 /* ' */) {
        const hex = rtf.slice(i + 2, i + 4);
        const code = /^[0-9a-fA-F]{2}$/.test(hex) ? parseInt(hex, 16) : NaN;
        if (pendingFallback > 0) pendingFallback -= 1;
        else if (Number.isFinite(code)) emit(CP1252[code] ?? String.fromCharCode(code), i, i + 4);
        i += Number.isFinite(code) ? 4 : 2;
        continue;
      }
      // Control symbols: \\ \{ \} literal, \~ non-breaking space, \- optional hyphen, \_ hyphen, \<newline> = \par
      if (next === 92 || next === 123 || next === 125) emit(rtf[i + 1]!, i, i + 2);
      else if (next === 126) emit(' ', i, i + 2);
      else if (next === 95) emit('-', i, i + 2);
      else if (next === 10 || next === 13) emit('\n', i, i + 2);
      groupStart = false;
      i += 2;
      continue;
    }
    groupStart = false;
    if (c === 10 || c === 13) {
      flush(i);
      i += 1;
      continue;
    }
    if (pendingFallback > 0) {
      flush(i);
      pendingFallback -= 1;
      i += 1;
      continue;
    }
    if (!skip && textStart < 0) textStart = i;
    if (skip && textStart >= 0) flush(i);
    i += 1;
  }
  flush(n);
  return b.build();
}
