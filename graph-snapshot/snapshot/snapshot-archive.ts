import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { InputError } from '../../common/input-error.js';
import { IntegrityError } from '../../common/integrity-error.js';
import { SCHEMA_VERSION } from '../build/kuzu-schema.js';
import type { ProgressListener } from '../build/progress.js';
import { describeFsError } from '../io/line-reader.js';
import { MANIFEST_FILE, manifestSchema, type SnapshotManifest } from './manifest.js';
import { sealSnapshot } from './snapshot-seal.js';
import { recoverSnapshotDir, swapIntoPlace, temporaryBuildDir } from './snapshot-location.js';
import { readTarEntries, tarEnd, TarFormatError, writeTarEntry } from './tar-archive.js';
import { verifySnapshot } from './verify-snapshot.js';

/** Every entry of a snapshot archive lives under this folder (`tar xzf` makes one folder, not a mess). */
const ROOT = 'rarediag-snapshot';

export interface ExportResult {
  archive: string;
  /** the sha256 file written beside the archive (`sha256sum -c` reads it) */
  checksumFile: string;
  sha256: string;
  bytes: number;
  snapshotId: string;
  files: number;
}

/**
 * Writes a snapshot as one `.tar.gz` for a machine without the sources (an air-gapped clinic): the manifest first,
 * then every file it lists; the seal stays behind (it is this installation's). The snapshot is re-hashed against its
 * manifest first, and must carry this installation's seal, so only a snapshot trusted here leaves. The archive's
 * sha256 is written beside it as `ARCHIVE.sha256`, to be carried along (or read out over the phone) and checked on
 * import.
 */
export async function exportSnapshot(dir: string, archive: string, onProgress?: ProgressListener): Promise<ExportResult> {
  onProgress?.({ fraction: 0, step: 'verifying the snapshot' });
  const verified = await verifySnapshot(dir);
  if (!verified.ok) {
    const p = verified.problems[0]!;
    throw new IntegrityError(join(dir, p.file), `${p.problem}: not exported (only a snapshot that verifies here leaves; \`rarediag snapshot verify\` lists every problem)`);
  }
  const manifestBytes = await readFile(join(dir, MANIFEST_FILE));
  const manifest = manifestSchema.parse(JSON.parse(manifestBytes.toString('utf8'))) as SnapshotManifest;
  const total = manifest.files.reduce((a, f) => a + f.size, manifestBytes.length);
  let done = 0;
  const tmp = `${archive}.writing-${process.pid}`;
  const hash = createHash('sha256');
  let bytes = 0;
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(tmp);
  gzip.on('data', (c: Buffer) => {
    hash.update(c);
    bytes += c.length;
  });
  const written = pipeline(gzip, out);
  const mtime = Date.parse(manifest.builtAt) / 1000 || 0;
  try {
    await writeTarEntry(gzip, `${ROOT}/${MANIFEST_FILE}`, join(dir, MANIFEST_FILE), manifestBytes.length, mtime);
    for (const f of manifest.files) {
      await writeTarEntry(gzip, `${ROOT}/${f.name}`, join(dir, f.name), f.size, mtime, (n) => {
        done += n;
        onProgress?.({ fraction: done / total, step: `archiving ${f.name}` });
      });
    }
    gzip.end(tarEnd());
    await written;
  } catch (err) {
    gzip.destroy();
    await written.catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await rename(tmp, archive);
  const sha256 = hash.digest('hex');
  const checksumFile = `${archive}.sha256`;
  await writeFile(checksumFile, `${sha256}  ${basename(archive)}\n`);
  return { archive, checksumFile, sha256, bytes, snapshotId: manifest.snapshotId, files: manifest.files.length + 1 };
}

export interface ImportResult {
  dir: string;
  snapshotId: string;
  sha256: string;
  /** where the expected sha256 came from */
  checkedAgainst: 'option' | 'checksum file';
  files: number;
}

/**
 * Puts an exported snapshot in place on this machine: the archive's sha256 must be the one expected (given, or in
 * `ARCHIVE.sha256` beside it); the archive is unpacked into a temporary folder beside the target, refusing anything
 * that is not a regular file the manifest lists with its size and sha256, or a file missing; then the snapshot is
 * sealed with this installation's key and swapped in. Any failure leaves the existing snapshot as it was
 * (IntegrityError, exit 4, for an archive that does not verify).
 */
export async function importSnapshot(archive: string, target: string, options: { sha256?: string; onProgress?: ProgressListener } = {}): Promise<ImportResult> {
  const size = await stat(archive).then(
    (s) => s.size,
    (err: unknown) => {
      throw new InputError(archive, undefined, describeFsError(err), { cause: err });
    },
  );
  const expected = options.sha256 ? { sha256: options.sha256.toLowerCase(), from: 'option' as const } : await checksumBeside(archive);
  if (!/^[0-9a-f]{64}$/.test(expected.sha256)) throw new InputError(expected.from === 'option' ? '--sha256' : `${archive}.sha256`, undefined, 'not a sha256 (64 hexadecimal digits)');
  const progress = options.onProgress;
  progress?.({ fraction: 0, step: 'checking the archive sha256' });
  const hash = createHash('sha256');
  let read = 0;
  for await (const c of createReadStream(archive)) {
    hash.update(c as Buffer);
    read += (c as Buffer).length;
    progress?.({ fraction: (0.3 * read) / size, step: 'checking the archive sha256' });
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== expected.sha256) {
    throw new IntegrityError(archive, `sha256 ${sha256} is not the expected ${expected.sha256} (${expected.from === 'option' ? '--sha256' : basename(archive) + '.sha256'}): the archive is damaged or not the one exported; nothing was imported`);
  }
  await mkdir(dirname(target), { recursive: true });
  await recoverSnapshotDir(target);
  const tmp = temporaryBuildDir(target);
  try {
    const manifest = await unpack(archive, tmp, (fraction, step) => progress?.({ fraction: 0.3 + 0.7 * fraction, step }));
    if (manifest.schemaVersion !== SCHEMA_VERSION) {
      throw new InputError(join(archive, MANIFEST_FILE), undefined, `snapshot schema ${manifest.schemaVersion}; this program reads ${SCHEMA_VERSION}: export it again with this version of rarediag`);
    }
    sealSnapshot(tmp);
    await swapIntoPlace(tmp, target);
    return { dir: target, snapshotId: manifest.snapshotId, sha256, checkedAgainst: expected.from === 'option' ? 'option' : 'checksum file', files: manifest.files.length + 1 };
  } finally {
    if (existsSync(tmp)) await rm(tmp, { recursive: true, force: true });
  }
}

async function checksumBeside(archive: string): Promise<{ sha256: string; from: 'file' }> {
  const file = `${archive}.sha256`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError(archive, undefined, `no checksum to verify it against: put ${basename(file)} (written by \`snapshot export\`) beside it, or give --sha256`);
  }
  return { sha256: (text.trim().split(/\s+/)[0] ?? '').toLowerCase(), from: 'file' };
}

/** Unpacks and checks every entry; returns the manifest. Anything unexpected is an IntegrityError naming the entry. */
async function unpack(archive: string, dir: string, progress: (fraction: number, step: string) => void): Promise<SnapshotManifest> {
  const bad = (entry: string, detail: string) => new IntegrityError(`${archive}: ${entry}`, `${detail}; nothing was imported`);
  await mkdir(dir, { recursive: true });
  const source = createReadStream(archive).pipe(createGunzip());
  let manifest: SnapshotManifest | undefined;
  const expected = new Map<string, { size: number; sha256: string }>();
  let total = 1;
  let done = 0;
  try {
    for await (const entry of readTarEntries(source)) {
      if (!entry.name.startsWith(`${ROOT}/`)) throw bad(entry.name, `outside ${ROOT}/: not a rarediag snapshot archive`);
      const name = entry.name.slice(ROOT.length + 1);
      if (!manifest) {
        if (name !== MANIFEST_FILE) throw bad(entry.name, `the archive must start with ${MANIFEST_FILE}`);
        const chunks: Buffer[] = [];
        for await (const c of entry.content) chunks.push(c);
        const bytes = Buffer.concat(chunks);
        const parsed = manifestSchema.safeParse(safeJson(bytes));
        if (!parsed.success) throw bad(entry.name, `not a snapshot manifest (${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message})`);
        manifest = parsed.data;
        for (const f of manifest.files) {
          // the manifest is as untrusted as the rest until the files match it: no name may leave the folder
          if (!safeName.test(f.name) || f.name.split('/').some((part) => part === '.' || part === '..') || f.name === MANIFEST_FILE) throw bad(entry.name, `lists an unsafe file name: ${f.name}`);
          expected.set(f.name, f);
        }
        total = manifest.files.reduce((a, f) => a + f.size, 0) || 1;
        await writeFile(join(dir, MANIFEST_FILE), bytes);
        continue;
      }
      const want = expected.get(name);
      if (!want) throw bad(entry.name, 'not listed in the manifest');
      expected.delete(name);
      if (entry.size !== want.size) throw bad(entry.name, `${entry.size} bytes, the manifest records ${want.size}`);
      const path = join(dir, name);
      await mkdir(dirname(path), { recursive: true });
      const hash = createHash('sha256');
      const out = createWriteStream(path, { flags: 'wx' });
      for await (const c of entry.content) {
        hash.update(c);
        done += c.length;
        progress(done / total, `unpacking ${name}`);
        if (!out.write(c)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      if (hash.digest('hex') !== want.sha256) throw bad(entry.name, 'content differs from the manifest (sha256)');
    }
  } catch (err) {
    source.destroy();
    if (err instanceof IntegrityError || err instanceof InputError) throw err;
    if (err instanceof TarFormatError) throw new IntegrityError(archive, `${err.message}; nothing was imported`);
    throw new IntegrityError(archive, `unreadable (${(err as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' ? 'corrupt gzip data' : (err as Error).message}); nothing was imported`);
  }
  if (!manifest) throw new IntegrityError(archive, 'an empty archive: no snapshot in it; nothing was imported');
  if (expected.size) throw new IntegrityError(archive, `missing from the archive: ${[...expected.keys()].join(', ')}; nothing was imported`);
  return manifest;
}

const safeName = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

function safeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}
