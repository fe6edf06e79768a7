import { open } from 'node:fs/promises';
import { DEFAULT_ALIGNMENT, fixedValueSize, GGUF_MAGIC, ggmlTypes, GgufValueType, MAX_TENSOR_DIMS } from './gguf-types.js';
import { describeFsError, ModelFileError } from './model-file-error.js';

export type GgufScalar = number | bigint | boolean | string;

/** An array value: its length always, its items only when short (token lists run to 150k entries). */
export interface GgufArray {
  itemType: number;
  length: number;
  items?: GgufScalar[];
}

export type GgufValue = GgufScalar | GgufArray;

export interface GgufTensor {
  name: string;
  dims: number[];
  type: number;
  /** offset inside the data section */
  offset: number;
}

export interface GgufHeader {
  version: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensor[];
  alignment: number;
  /** first byte of the tensor data */
  dataOffset: number;
  /** one past the last byte the tensors need (a lower bound when a tensor type is unknown to this reader) */
  dataEnd: number;
  fileSize: number;
}

/** Arrays up to this length keep their items (general.tags, languages, ...). */
const keptArrayItems = 32;
/** A larger string or array in a header means the header is corrupt, not that a model is huge. */
const maxStringBytes = 64 << 20;
const maxArrayLength = 2 ** 31;
const firstRead = 1 << 20;

/**
 * Reads the header of a GGUF file (metadata and tensor table) without loading the weights, and checks that the
 * file is long enough to hold every tensor the header declares. Any problem is a ModelFileError naming the file:
 * not a GGUF, an unsupported version, a truncated header or truncated tensor data, an implausible count.
 */
export async function readGgufHeader(path: string): Promise<GgufHeader> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new ModelFileError(path, describeFsError(err), { cause: err });
  }
  try {
    const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) throw new ModelFileError(path, 'not a regular file');
    // The header is parsed from a prefix of the file; a parse that runs past the prefix is retried on a longer one.
    let length = Math.min(size, firstRead);
    for (;;) {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, 0);
      try {
        return parseHeader(buf.subarray(0, bytesRead), size);
      } catch (err) {
        if (err instanceof NeedMore && bytesRead === length && length < size) {
          length = Math.min(size, Math.max(length * 2, err.end + firstRead));
          continue;
        }
        if (err instanceof NeedMore || err instanceof Truncated) {
          const at = err instanceof Truncated ? err.what : 'the header';
          throw new ModelFileError(path, `truncated: file ends at byte ${size} while reading ${at}`);
        }
        if (err instanceof Corrupt) throw new ModelFileError(path, err.message);
        throw err;
      }
    }
  } catch (err) {
    if (err instanceof ModelFileError) throw err;
    throw new ModelFileError(path, describeFsError(err), { cause: err });
  } finally {
    await handle.close();
  }
}

class NeedMore extends Error {
  constructor(readonly end: number) {
    super('need more bytes');
  }
}
class Truncated extends Error {
  constructor(readonly what: string) {
    super(`truncated while reading ${what}`);
  }
}
class Corrupt extends Error {}

/** Little-endian reads over a prefix of the file; knows the file size, so it can tell "read more" from "truncated". */
class Cursor {
  pos = 0;
  what = 'the header';

  constructor(
    private readonly buf: Buffer,
    readonly fileSize: number,
  ) {}

  private need(n: number): number {
    const at = this.pos;
    if (at + n > this.fileSize) throw new Truncated(this.what);
    if (at + n > this.buf.length) throw new NeedMore(at + n);
    this.pos += n;
    return at;
  }

  u8 = () => this.buf.readUInt8(this.need(1));
  u32 = () => this.buf.readUInt32LE(this.need(4));
  u64 = () => toNumber(this.buf.readBigUInt64LE(this.need(8)));
  skip = (n: number) => void this.need(n);

  string(): string {
    const length = this.u64();
    if (typeof length !== 'number' || length > maxStringBytes) throw new Corrupt(`implausible string length ${length} at byte ${this.pos - 8} (corrupt header?)`);
    const at = this.need(length);
    return this.buf.toString('utf8', at, at + length);
  }

  scalar(type: number): GgufScalar {
    const size = fixedValueSize[type];
    if (type === GgufValueType.string) return this.string();
    if (size === undefined) throw new Corrupt(`unknown metadata value type ${type} at byte ${this.pos} (corrupt header?)`);
    const at = this.need(size);
    const b = this.buf;
    switch (type) {
      case GgufValueType.uint8: return b.readUInt8(at);
      case GgufValueType.int8: return b.readInt8(at);
      case GgufValueType.uint16: return b.readUInt16LE(at);
      case GgufValueType.int16: return b.readInt16LE(at);
      case GgufValueType.uint32: return b.readUInt32LE(at);
      case GgufValueType.int32: return b.readInt32LE(at);
      case GgufValueType.float32: return b.readFloatLE(at);
      case GgufValueType.bool: return b.readUInt8(at) !== 0;
      case GgufValueType.uint64: return toNumber(b.readBigUInt64LE(at));
      case GgufValueType.int64: return toNumber(b.readBigInt64LE(at));
      default: return b.readDoubleLE(at);
    }
  }

  value(type: number): GgufValue {
    if (type !== GgufValueType.array) return this.scalar(type);
    const itemType = this.u32();
    const length = this.u64();
    if (typeof length !== 'number' || length > maxArrayLength) throw new Corrupt(`implausible array length ${length} at byte ${this.pos - 8} (corrupt header?)`);
    const size = fixedValueSize[itemType];
    if (length > keptArrayItems && size !== undefined) {
      // fixed-size items (token scores, types) are skipped in one step
      if (this.pos + length * size > this.fileSize) throw new Truncated(this.what);
      this.skip(length * size);
      return { itemType, length };
    }
    if (itemType === GgufValueType.array) throw new Corrupt(`nested array at byte ${this.pos} is not supported`);
    const items: GgufScalar[] = [];
    for (let i = 0; i < length; i += 1) {
      const item = this.scalar(itemType);
      if (length <= keptArrayItems) items.push(item);
    }
    return length <= keptArrayItems ? { itemType, length, items } : { itemType, length };
  }
}

const toNumber = (n: bigint): number | bigint => (n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n);

function describeMagic(bytes: Buffer): string {
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = [...bytes].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `magic bytes ${hex} "${text}", expected "${GGUF_MAGIC}"`;
}

function parseHeader(buf: Buffer, fileSize: number): GgufHeader {
  if (fileSize < 4) throw new Corrupt(`not a GGUF file (only ${fileSize} bytes)`);
  const magic = buf.subarray(0, 4);
  if (magic.toString('latin1') !== GGUF_MAGIC) throw new Corrupt(`not a GGUF file (${describeMagic(magic)})`);
  const c = new Cursor(buf, fileSize);
  c.skip(4);
  c.what = 'the GGUF version';
  const version = c.u32();
  if (version === 1) throw new Corrupt('GGUF version 1 is no longer supported by llama.cpp: convert the model again');
  if (version !== 2 && version !== 3) {
    const bigEndian = buf.readUInt32BE(4);
    throw new Corrupt(bigEndian === 2 || bigEndian === 3 ? 'big-endian GGUF is not supported' : `unsupported GGUF version ${version} (known: 2, 3)`);
  }
  c.what = 'the tensor and metadata counts';
  const tensorCount = c.u64();
  const kvCount = c.u64();
  // Each tensor info takes at least 33 bytes and each metadata entry 14; a count that cannot fit is a cut or corrupt file.
  const rest = fileSize - c.pos;
  if (typeof tensorCount !== 'number' || typeof kvCount !== 'number' || tensorCount * 33 + kvCount * 14 > rest) {
    throw new Corrupt(`truncated or corrupt: header says ${tensorCount} tensors and ${kvCount} metadata entries but file ends at byte ${fileSize}`);
  }

  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < kvCount; i += 1) {
    c.what = `metadata entry ${i + 1} of ${kvCount}`;
    const key = c.string();
    const type = c.u32();
    metadata.set(key, c.value(type));
  }

  const tensors: GgufTensor[] = [];
  for (let i = 0; i < tensorCount; i += 1) {
    c.what = `tensor info ${i + 1} of ${tensorCount} (header says ${tensorCount} tensors)`;
    const name = c.string();
    const nDims = c.u32();
    if (nDims > MAX_TENSOR_DIMS) throw new Corrupt(`tensor ${name} has ${nDims} dimensions (at most ${MAX_TENSOR_DIMS}): corrupt header`);
    const dims: number[] = [];
    for (let d = 0; d < nDims; d += 1) dims.push(Number(c.u64()));
    const type = c.u32();
    const offset = Number(c.u64());
    tensors.push({ name, dims, type, offset });
  }

  const declared = metadata.get('general.alignment');
  const alignment = typeof declared === 'number' && declared > 0 ? declared : DEFAULT_ALIGNMENT;
  const dataOffset = Math.ceil(c.pos / alignment) * alignment;
  let dataEnd = dataOffset;
  for (const t of tensors) {
    const end = dataOffset + t.offset + tensorBytes(t);
    if (!Number.isSafeInteger(end)) throw new Corrupt(`tensor ${t.name} has an implausible shape ${t.dims.join(' x ')} or offset ${t.offset} (corrupt header?)`);
    dataEnd = Math.max(dataEnd, end);
  }
  if (dataEnd > fileSize) {
    throw new Corrupt(`truncated: header says ${tensorCount} tensors ending at byte ${dataEnd} but file ends at byte ${fileSize}`);
  }
  return { version, metadata, tensors, alignment, dataOffset, dataEnd, fileSize };
}

export const tensorElements = (t: GgufTensor) => t.dims.reduce((a, b) => a * b, 1);

/** Bytes of a tensor's data; 0 for a type this reader does not know (its offset still bounds the file). */
export function tensorBytes(t: GgufTensor): number {
  const info = ggmlTypes[t.type];
  return info ? Math.ceil(tensorElements(t) / info.blockSize) * info.typeSize : 0;
}
