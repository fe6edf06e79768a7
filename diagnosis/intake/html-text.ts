import { MappedText } from './mapped-text.js';

/** Tags that end a line of text (block elements), and those that separate table cells. */
const BLOCK = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'thead', 'tbody', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'hr', 'dd', 'dt', 'dl', 'caption', 'title', 'body', 'html', 'head', 'main', 'nav', 'aside', 'figure', 'figcaption', 'form', 'fieldset', 'legend']);
const CELL = new Set(['td', 'th']);
/** Elements whose content is not text. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'svg', 'object']);

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', deg: '°', plusmn: '±',
  times: '×', micro: 'µ', mu: 'μ', middot: '·', le: '≤', ge: '≥', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', shy: '',
  eacute: 'é', egrave: 'è', euml: 'ë', auml: 'ä', ouml: 'ö', uuml: 'ü', szlig: 'ß', aacute: 'á', oacute: 'ó', iacute: 'í',
  uacute: 'ú', ntilde: 'ñ', ccedil: 'ç', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', kappa: 'κ', lambda: 'λ', sup2: '²', sup3: '³',
};

/** True when the text looks like an HTML document or fragment (a few known tags). */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 65_536);
  const tags = head.match(/<\/?(html|body|head|p|div|br|span|table|tr|td|th|li|ul|ol|b|i|em|strong|h[1-6]|font|a)\b[^<>]{0,200}>/gi);
  return /^\s*<!doctype html/i.test(head) || (tags?.length ?? 0) >= 2;
}

/**
 * HTML to plain text in one pass: tags removed (block tags become line breaks, table cells tabs, so sentences and
 * table rows stay apart), script and style contents dropped, comments dropped, character references decoded.
 * Offsets map back to the original. Malformed markup degrades to text, never an error.
 */
export function htmlToText(html: string): MappedText {
  const b = MappedText.builder(html);
  const n = html.length;
  let i = 0;
  let textStart = 0;
  const flush = (to: number) => {
    b.copy(textStart, to);
  };
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 60 /* < */) {
      // Comment
      if (html.startsWith('<!--', i)) {
        flush(i);
        const end = html.indexOf('-->', i + 4);
        i = end === -1 ? n : end + 3;
        textStart = i;
        continue;
      }
      const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)|^<[!?]/.exec(html.slice(i, i + 40));
      if (!m) {
        i += 1;
        continue;
      }
      const close = tagEnd(html, i);
      if (close === -1) {
        i += 1;
        continue;
      }
      flush(i);
      const name = (m[2] ?? '').toLowerCase();
      const closing = m[1] === '/';
      if (!closing && HIDDEN.has(name)) {
        const endRe = new RegExp(`</${name}\\b`, 'gi');
        endRe.lastIndex = close;
        const endTag = endRe.exec(html)?.index ?? -1;
        const after = endTag === -1 ? n : tagEnd(html, endTag);
        i = after === -1 ? n : after;
        textStart = i;
        continue;
      }
      if (CELL.has(name) && !closing) b.replace('\t', i, close);
      else if (BLOCK.has(name) && b.lastChar() !== '\n') b.replace('\n', i, close);
      i = close;
      textStart = i;
      continue;
    }
    if (c === 38 /* & */) {
      const m = /^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,9});/.exec(html.slice(i, i + 12));
      const decoded = m ? decodeEntity(m[1]!) : undefined;
      if (m && decoded !== undefined) {
        flush(i);
        b.replace(decoded, i, i + m[0].length);
        i += m[0].length;
        textStart = i;
        continue;
      }
    }
    i += 1;
  }
  flush(n);
  return b.build();
}

/** The offset after the ">" closing a tag that starts at `start` (quotes respected), or -1. */
function tagEnd(html: string, start: number): number {
  let quote = 0;
  const limit = Math.min(html.length, start + 4096);
  for (let k = start + 1; k < limit; k += 1) {
    const c = html.charCodeAt(k);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return k + 1;
    else if (c === 60) return -1;
  }
  return -1;
}

function decodeEntity(body: string): string | undefined {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(code);
  }
  return ENTITIES[body.toLowerCase()] ?? ENTITIES[body];
}
