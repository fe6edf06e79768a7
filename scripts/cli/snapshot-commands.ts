import { resolve } from 'node:path';
import type { Command } from 'commander';
import { buildSnapshot } from '../../graph-snapshot/build/snapshot-builder.js';
import { readManifest, type SnapshotManifest } from '../../graph-snapshot/snapshot/manifest.js';
import { defaultSnapshotDir, defaultSourcesDir } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { installationKeyFile, sealSnapshot } from '../../graph-snapshot/snapshot/snapshot-seal.js';
import { exportSnapshot, importSnapshot } from '../../graph-snapshot/snapshot/snapshot-archive.js';
import { verifySnapshot } from '../../graph-snapshot/snapshot/verify-snapshot.js';
import { ExitCode } from './exit-codes.js';
import { formatInt, formatTable } from './format-table.js';
import { createProgressBar } from './progress-bar.js';
import { resolveSnapshot, snapshotOptionHelp, sourcesOptionHelp } from './snapshot-options.js';

export function registerSnapshotCommands(program: Command): void {
  const snapshot = program.command('snapshot').description('build, inspect and verify the knowledge snapshot (Kuzu graph + manifest)');

  snapshot
    .command('build')
    .description('build a snapshot from the upstream sources; a failed build never replaces the existing snapshot')
    .option('--sources <dir>', sourcesOptionHelp)
    .option('--out <dir>', snapshotOptionHelp)
    .option('--json', 'print the manifest as JSON on stdout')
    .action(async (opts: { sources?: string; out?: string; json?: boolean }) => {
      const sourcesDir = resolve(opts.sources ?? defaultSourcesDir());
      const outDir = resolve(opts.out ?? defaultSnapshotDir());
      const bar = createProgressBar('snapshot build');
      let manifest: SnapshotManifest;
      try {
        manifest = await buildSnapshot({ sourcesDir, outDir, onProgress: bar.listener });
      } finally {
        bar.stop();
      }
      if (opts.json) process.stdout.write(`${JSON.stringify({ path: outDir, ...manifest }, null, 2)}\n`);
      else process.stdout.write(`Built ${manifest.snapshotId} in ${manifest.buildSeconds} s at ${outDir}\n\n${describe(manifest)}\n`);
    });

  snapshot
    .command('info')
    .description('show the snapshot: id, build time, sources and releases, counts, liftover figures (builds the default on first use)')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--sources <dir>', sourcesOptionHelp)
    .option('--json', 'print the manifest as JSON')
    .action(async (opts: { snapshot?: string; sources?: string; json?: boolean }) => {
      const dir = await resolveSnapshot(opts);
      const manifest = await readManifest(dir);
      if (opts.json) process.stdout.write(`${JSON.stringify({ path: dir, ...manifest }, null, 2)}\n`);
      else process.stdout.write(`Snapshot ${manifest.snapshotId} at ${dir}\n\n${describe(manifest)}\n`);
    });

  snapshot
    .command('verify')
    .description('re-hash every snapshot file and report any that is missing, truncated or changed (exit code 4 if so)')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--sources <dir>', 'also check that the upstream sources are unchanged since the build')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { snapshot?: string; sources?: string; json?: boolean }) => {
      const dir = resolve(opts.snapshot ?? defaultSnapshotDir());
      const result = await verifySnapshot(dir, { sourcesDir: opts.sources ? resolve(opts.sources) : undefined });
      if (opts.json) process.stdout.write(`${JSON.stringify({ path: dir, ...result }, null, 2)}\n`);
      else if (result.ok) process.stdout.write(`OK: ${result.snapshotId} at ${dir}, ${result.checked} files match the manifest\n`);
      else {
        process.stdout.write(`FAILED: ${dir}\n`);
        for (const p of result.problems) process.stdout.write(`  ${p.file}: ${p.problem}\n`);
      }
      if (!result.ok) process.exitCode = ExitCode.verifyFailed;
    });
  snapshot
    .command('seal')
    .description("seal a snapshot you trust with this installation's key (a snapshot built here is sealed already); every file is re-hashed against the manifest first")
    .option('--snapshot <dir>', snapshotOptionHelp)
    .action(async (opts: { snapshot?: string }) => {
      const dir = resolve(opts.snapshot ?? defaultSnapshotDir());
      const result = await verifySnapshot(dir);
      const other = result.problems.filter((p) => !(p.file === 'manifest.json' && /sealed/.test(p.problem)));
      if (other.length) {
        for (const p of other) process.stderr.write(`rarediag: ${dir}: ${p.file}: ${p.problem}\n`);
        process.stderr.write('rarediag: not sealed: the files do not match the manifest\n');
        process.exitCode = ExitCode.verifyFailed;
        return;
      }
      sealSnapshot(dir);
      process.stdout.write(`sealed ${result.snapshotId} at ${dir} with ${installationKeyFile()}\n`);
    });

  snapshot
    .command('export')
    .description('write the snapshot as one .tar.gz for a machine without the sources (air-gapped), with ARCHIVE.sha256 beside it; only a snapshot that verifies here is exported')
    .requiredOption('--out <archive>', 'the archive to write (e.g. rarediag-snapshot.tar.gz)')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--json', 'print the result as JSON')
    .action(async (opts: { out: string; snapshot?: string; json?: boolean }) => {
      const dir = resolve(opts.snapshot ?? defaultSnapshotDir());
      const bar = createProgressBar('snapshot export');
      let result;
      try {
        result = await exportSnapshot(dir, resolve(opts.out), bar.listener);
        bar.stop('done');
      } catch (err) {
        bar.stop('failed');
        throw err;
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else process.stdout.write(`exported ${result.snapshotId} (${result.files} files) to ${result.archive}: ${formatInt(result.bytes)} bytes\nsha256 ${result.sha256} (in ${result.checksumFile}; carry it along, or compare it on import with --sha256)\n`);
    });

  snapshot
    .command('import')
    .description('put an exported snapshot archive in place: its sha256 is checked (ARCHIVE.sha256 beside it, or --sha256), every file against the manifest, then it is sealed with this installation\'s key; a damaged archive is refused (exit 4) and nothing is replaced')
    .argument('<archive>', 'the .tar.gz written by `rarediag snapshot export`')
    .option('--sha256 <hex>', 'the sha256 the archive must have (default: read from ARCHIVE.sha256)')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--json', 'print the result as JSON')
    .action(async (archive: string, opts: { sha256?: string; snapshot?: string; json?: boolean }) => {
      const dir = resolve(opts.snapshot ?? defaultSnapshotDir());
      const bar = createProgressBar('snapshot import');
      let result;
      try {
        result = await importSnapshot(resolve(archive), dir, { sha256: opts.sha256, onProgress: bar.listener });
        bar.stop('done');
      } catch (err) {
        bar.stop('failed');
        throw err;
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else process.stdout.write(`imported ${result.snapshotId} into ${result.dir} (sha256 checked against the ${result.checkedAgainst}, ${result.files} files verified, sealed with ${installationKeyFile()})\n`);
    });
}

function describe(m: SnapshotManifest): string {
  const s = m.counts.summary;
  const lines = [
    `schema ${m.schemaVersion}, built ${m.builtAt} in ${m.buildSeconds} s by ${m.builder.program} ${m.builder.version} (${m.builder.node})`,
    '',
    formatTable(
      ['figure', 'count'],
      [
        ['current HPO terms', formatInt(s['currentHpoTerms'] ?? 0)],
        ['diseases with phenotypes (OMIM + ORPHA)', `${formatInt(s['diseasesWithPhenotypes'] ?? 0)} (${formatInt(s['omimWithPhenotypes'] ?? 0)} + ${formatInt(s['orphaWithPhenotypes'] ?? 0)})`],
        ['all disease nodes', formatInt(s['diseases'] ?? 0)],
        ['genes associated with diseases', formatInt(s['genesWithDiseases'] ?? 0)],
        ['ClinVar variants on GRCh38', formatInt(s['clinvarVariantsGrch38'] ?? 0)],
        ['  of which pathogenic / likely pathogenic', formatInt(s['clinvarPathogenicGrch38'] ?? 0)],
        ['phenotype annotations (NOT / with frequency)', `${formatInt(s['phenotypeAnnotations'] ?? 0)} (${formatInt(s['excludedAnnotations'] ?? 0)} / ${formatInt(s['annotationsWithFrequency'] ?? 0)})`],
      ],
      ['l', 'r'],
    ),
    '',
    formatTable(
      ['table', 'rows'],
      [...Object.entries(m.counts.nodes), ...Object.entries(m.counts.relationships)].map(([k, v]) => [k, formatInt(v)]),
      ['l', 'r'],
    ),
    '',
    `liftover (${m.liftover.sourceBuild} → GRCh38, ${m.liftover.chain}): ${formatInt(m.liftover.records)} records, ${formatInt(m.liftover.lifted)} lifted, ` +
      `${formatInt(m.liftover.unlifted)} not liftable (${Object.entries(m.liftover.unliftedByReason).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}), ` +
      `${formatInt(m.liftover.minusStrand)} on the minus strand, ${formatInt(m.liftover.duplicateKeys)} duplicates after liftover`,
    '',
    formatTable(['source', 'release', 'bytes'], groupSources(m.sources), ['l', 'l', 'r']),
  ];
  if (m.skipped.length) {
    lines.push('', 'skipped input (counted, not fatal):');
    for (const k of m.skipped) lines.push(`  ${k.reason}: ${formatInt(k.count)}  e.g. ${k.examples[0] ?? ''}`);
  }
  return lines.join('\n');
}

/** One row per source, with many-file roles (Orphanet classifications) folded into one row. */
function groupSources(sources: SnapshotManifest['sources']): string[][] {
  const short = (r: string) => {
    const date = /releases\/(\d{4}-\d{2}-\d{2})/.exec(r)?.[1];
    const s = date ?? r;
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  };
  const rows: string[][] = [];
  const byRole = new Map<string, SnapshotManifest['sources']>();
  for (const s of sources) byRole.set(s.role, [...(byRole.get(s.role) ?? []), s]);
  for (const list of byRole.values()) {
    if (list.length === 1) {
      const s = list[0]!;
      rows.push([s.path, short(s.release), formatInt(s.size)]);
    } else {
      const releases = [...new Set(list.map((s) => short(s.release).slice(0, 10)))].sort();
      const dir = list[0]!.path.split('/').slice(0, -1).join('/');
      rows.push([`${dir}/ (${list.length} files)`, releases.join(', '), formatInt(list.reduce((a, s) => a + s.size, 0))]);
    }
  }
  return rows;
}
