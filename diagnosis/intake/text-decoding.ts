/**
 * Bytes of a clinical text file to a string. UTF-8 unless a byte-order mark says UTF-16; bytes that are not valid
 * UTF-8 become U+FFFD (never an error) and are counted, so the caller can report that the file was damaged or in
 * another encoding.
 */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** invalid byte sequences replaced by U+FFFD */
  replaced: number;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be');
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(bom);
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body);
  return { text, encoding: 'utf-8', replaced: countReplacements(text) - countEncodedReplacements(body) };
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  const text = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(bytes.subarray(2));
  return { text, encoding, replaced: Math.max(0, countReplacements(text) - countEncodedReplacements16(bytes.subarray(2), encoding)) };
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n += 1;
  return n;
}

/** U+FFFD written in the file itself (EF BF BD) is text, not a decoding problem. */
function countEncodedReplacements(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0xef); i !== -1 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n += 1;
  }
  return n;
}

function countEncodedReplacements16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): number {
  let n = 0;
  const [a, b] = encoding === 'utf-16le' ? [0xfd, 0xff] : [0xff, 0xfd];
  for (let i = 0; i + 1 < bytes.length; i += 2) if (bytes[i] === a && bytes[i + 1] === b) n += 1;
  return n;
}
