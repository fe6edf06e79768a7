import { InputError } from '../../common/input-error.js';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { CaseStore } from '../../diagnosis/case-store/case-store.js';
import type { CaseDetail, CaseStatus } from '../../diagnosis/case-store/case-types.js';
import type { ResourceVersions } from '../../diagnosis/case-store/phenopacket-export.js';
import { reanalyzeCases, sessionRankFunction } from '../../diagnosis/pipeline/reanalysis.js';
import { casesAmongMovers } from '../../diagnosis/pipeline/release-check-cases.js';
import { describeReleaseCheckCases } from './describe-release-check.js';
import { actor, badInputAsInputError, storeKey, storePath, withStore, withStoreOptions, type StoreOptions } from './case-store-options.js';
import { withSession } from './with-session.js';
import { readJsonDocument } from '../../diagnosis/io/jsonl-reader.js';
import { readManifest } from '../../graph-snapshot/snapshot/manifest.js';
import { defaultSnapshotDir } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { ExitCode } from './exit-codes.js';
import { formatTable } from './format-table.js';
import { createProgressBar } from './progress-bar.js';
import { resolveSnapshot, snapshotOptionHelp, sourcesOptionHelp } from './snapshot-options.js';

const STATUSES: readonly CaseStatus[] = ['new', 'in-progress', 'solved', 'unsolved', 'closed'];
const statusList = (v: string): CaseStatus[] => {
  const list = v.split(',').map((s) => s.trim());
  for (const s of list) if (!STATUSES.includes(s as CaseStatus)) throw new InvalidArgumentError(`statuses are ${STATUSES.join(', ')}`);
  return list as CaseStatus[];
};

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
};

const auditHead = (v: string) => {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(v);
  if (!m) throw new InvalidArgumentError('expected SEQ:HASH (64 hex digits)');
  return { seq: Number(m[1]), hash: m[2]! };
};

const shortId = (id: string) => id.slice(0, 8);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const json = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

/** Writes through a temporary file and a rename: an interrupted export never leaves half a file. */
function writeFileAtomic(file: string, content: string): void {
  const tmp = `${file}.partial-${process.pid}`;
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, file);
}

export function registerCasesCommand(program: Command): void {
  const cases = program
    .command('cases')
    .description('the encrypted case store: list, show, search, phenopacket export/import, backup/restore, audit check, re-analysis');

  withStoreOptions(cases.command('list').description('the cases, most recently changed first'))
    .option('--status <list>', 'only these statuses (in-progress,solved,unsolved)', statusList)
    .option('--json', 'print the cases as JSON')
    .action(
      badInputAsInputError(async (opts: StoreOptions & { status?: CaseStatus[]; json?: boolean }) => {
        await withStore(opts, (store) => {
          const list = store.listCases().filter((c) => !opts.status || opts.status.includes(c.status));
          if (opts.json) return json(list);
          if (list.length === 0) return void process.stdout.write(`No cases in ${store.path}\n`);
          const rows = list.map((c) => [
            shortId(c.id),
            clip(c.label, 32),
            c.status,
            c.sex === 'UNKNOWN_SEX' ? '' : c.sex.toLowerCase(),
            c.age ?? c.dateOfBirth ?? '',
            `${c.present}/${c.excluded}${c.uncertain ? `/${c.uncertain}` : ''}`,
            c.finalDiagnosis ? `${c.finalDiagnosis.id} ${clip(c.finalDiagnosis.label ?? '', 28)}` : (c.lastRun?.topCandidate ?? ''),
            c.updatedAt.slice(0, 16).replace('T', ' '),
          ]);
          process.stdout.write(`${formatTable(['id', 'label', 'status', 'sex', 'age/born', 'findings +/-/?', 'diagnosis (or top candidate)', 'updated (UTC)'], rows)}\n`);
        });
      }),
    );

  withStoreOptions(cases.command('show').description('one case: demographics, findings, narratives, runs, decisions, notes'))
    .argument('<id>', 'case id, or its first characters (at least 4)')
    .option('--json', 'print the case as JSON')
    .action(
      badInputAsInputError(async (id: string, opts: StoreOptions & { json?: boolean }) => {
        await withStore(opts, (store) => {
          const detail = store.getCase(store.resolveCaseId(id));
          if (opts.json) json(detail);
          else process.stdout.write(describeCase(detail));
        });
      }),
    );

  withStoreOptions(cases.command('search').description('full-text search over narratives and notes: every word must occur; "a phrase"; prefix*'))
    .argument('<text...>', 'words to look for')
    .option('--limit <n>', 'at most this many cases', positiveInt, 20)
    .option('--json', 'print the results as JSON')
    .action(
      badInputAsInputError(async (words: string[], opts: StoreOptions & { limit: number; json?: boolean }) => {
        await withStore(opts, (store) => {
          const results = store.search(words.join(' '), { limit: opts.limit });
          if (opts.json) return json(results);
          if (results.length === 0) return void process.stdout.write('No case matches.\n');
          const rows = results.flatMap((r) => r.hits.map((h, i) => [i === 0 ? shortId(r.caseId) : '', i === 0 ? clip(r.label, 28) : '', h.kind === 'note' ? 'note' : clip(h.source ?? 'narrative', 20), h.snippet.replace(/\s+/g, ' ')]));
          process.stdout.write(`${formatTable(['id', 'label', 'in', 'text'], rows)}\n`);
        });
      }),
    );

  withStoreOptions(cases.command('export').description('write a case as a GA4GH Phenopacket v2 JSON file'))
    .argument('<id>', 'case id, or its first characters')
    .requiredOption('--out <file>', 'the .json file to write')
    .option('--family', 'write a Phenopacket v2 Family: the case as the proband, with its pedigree')
    .action(
      badInputAsInputError(async (id: string, opts: StoreOptions & { out: string; family?: boolean }) => {
        await withStore(opts, async (store) => {
          const caseId = store.resolveCaseId(id);
          if (opts.family) {
            const family = store.exportFamily(caseId, { versions: await resourceVersions() });
            if (!family) throw new InputError(caseId, undefined, 'the case has no family (pedigree) to export: export it without --family');
            const out = resolve(opts.out);
            writeFileAtomic(out, `${JSON.stringify(family, null, 2)}\n`);
            process.stdout.write(`Exported case ${caseId} as a family of ${family.pedigree.persons.length} (${family.proband.phenotypicFeatures.length} features) to ${out}\n`);
            return;
          }
          const packet = store.exportPhenopacket(caseId, { versions: await resourceVersions() });
          const out = resolve(opts.out);
          writeFileAtomic(out, `${JSON.stringify(packet, null, 2)}\n`);
          process.stdout.write(`Exported case ${caseId} (${packet.phenotypicFeatures.length} features${packet.interpretations ? ', final diagnosis' : ''}) to ${out}\n`);
        });
      }),
    );

  withStoreOptions(cases.command('import').description('add a GA4GH Phenopacket v2 JSON file as a new case (a SOLVED interpretation becomes its final diagnosis)'))
    .argument('<file>', 'a phenopacket .json (or {"phenopacket": ...})')
    .option('--json', 'print the new case as JSON')
    .action(
      badInputAsInputError(async (file: string, opts: StoreOptions & { json?: boolean }) => {
        const path = resolve(file);
        const value = await readJsonDocument(path);
        await withStore(opts, (store) => {
          const detail = store.importPhenopacket(value, { file: path });
          if (opts.json) return json(detail);
          const count = (s: string) => detail.findings.filter((f) => f.status === s).length;
          const dx = detail.finalDiagnosis;
          process.stdout.write(
            `Imported case ${detail.case.id} (${detail.case.label}): ${count('present')} present and ${count('excluded')} excluded findings` +
              `${dx ? `, final diagnosis ${dx.candidateId} ${dx.candidateLabel ?? ''}` : ''}\n`,
          );
        }, { create: true });
      }),
    );

  withStoreOptions(cases.command('backup').description('write a verified, encrypted copy of the whole store (same key)'))
    .requiredOption('--out <file>', 'the backup file to create (never overwritten)')
    .action(
      badInputAsInputError(async (opts: StoreOptions & { out: string }) => {
        await withStore(opts, (store) => {
          const r = store.backup(resolve(opts.out));
          process.stdout.write(
            `Backed up ${store.path} to ${r.file}: ${r.bytes.toLocaleString('en-US')} bytes in ${r.seconds.toFixed(2)} s, schema ${r.schemaVersion}, ` +
              `${r.auditRows} audit rows\n  sha256 ${r.sha256}\n  audit head ${r.headHash} (keep it: a later audit-verify --head can check nothing was cut off)\n`,
          );
        });
      }),
    );

  withStoreOptions(cases.command('restore').description('replace the store with a backup, after checking the backup opens with the key and its audit chain verifies'))
    .argument('<file>', 'a backup written by cases backup')
    .action(
      badInputAsInputError(async (file: string, opts: StoreOptions) => {
        const r = CaseStore.restore({ storePath: storePath(opts), backupPath: resolve(file), key: storeKey(opts), actor: actor() });
        process.stdout.write(
          `Restored ${r.storePath} from ${r.restoredFrom} (schema ${r.schemaVersion}, ${r.auditRows} audit rows, head ${r.headHash})\n` +
            (r.previousStoreKeptAt ? `  the replaced store is kept at ${r.previousStoreKeptAt}\n` : ''),
        );
      }),
    );

  withStoreOptions(
    cases.command('audit-verify').description(
      're-hash the audit chain, check every case, narrative, note, finding set, decision, VCF reference and run against the hash the log recorded, and check the file (exit code 4 on any mismatch)',
    ),
  )
    .option('--head <seq:hash>', 'also check the chain still reaches this head (as printed by an earlier backup or audit-verify)', auditHead)
    .option('--json', 'print the result as JSON')
    .action(
      badInputAsInputError(async (opts: StoreOptions & { head?: { seq: number; hash: string }; json?: boolean }) => {
        await withStore(opts, (store) => {
          const result = store.verifyAuditChain(opts.head);
          // rows are only compared with a log that is itself whole: a broken chain already says everything after it is suspect
          const contents = result.ok ? store.verifyAuditContents() : undefined;
          const integrity = store.integrityCheck();
          if (opts.json) json({ path: store.path, integrity, ...result, contents });
          else if (!result.ok) {
            const b = result.brokenAt;
            process.stdout.write(`FAILED: ${store.path}: audit chain broken at row ${b.seq}${b.action ? ` (${b.at} ${b.actor} ${b.action})` : ''}: ${result.problem}\n`);
          } else if (contents && !contents.ok) {
            process.stdout.write(`FAILED: ${store.path}: the stored data differs from the audit log:\n${contents.problems.map((p) => `  ${p}\n`).join('')}`);
          } else {
            const covered = contents && contents.notCovered > 0 ? ` (${contents.notCovered} rows written before row hashes were recorded are not covered)` : '';
            process.stdout.write(
              `OK: ${result.rows} audit rows verify, head ${result.rows}:${result.headHash}; ${contents?.checked ?? 0} cases and rows match the log${covered}; SQLite integrity ${integrity}\n`,
            );
          }
          if (!result.ok || !contents?.ok || integrity !== 'ok') process.exitCode = ExitCode.verifyFailed;
        });
      }),
    );

  withStoreOptions(
    cases
      .command('reanalyze')
      .description('re-rank unsolved and solved cases whose last run used another snapshot; flag unsolved ones whose top 5 changed and solved ones whose diagnosis left the top 10'),
  )
    .option('--status <list>', 'which cases (default: unsolved,solved)', statusList)
    .option('--all', 'also re-run cases whose last run used this snapshot (e.g. after a change of ranker)')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--sources <dir>', sourcesOptionHelp)
    .option('--json', 'print the report as JSON')
    .action(
      badInputAsInputError(async (opts: StoreOptions & { status?: CaseStatus[]; all?: boolean; snapshot?: string; sources?: string; json?: boolean }) => {
        const key = storeKey(opts);
        const snapshotDir = await resolveSnapshot(opts);
        const store = CaseStore.open({ path: storePath(opts), key, actor: actor(), create: false, quickCheck: true });
        try {
          const bar = createProgressBar('reanalyze');
          let report;
          try {
            report = await withSession(snapshotDir, (session) =>
              reanalyzeCases(store, sessionRankFunction(session), {
                snapshotId: session.snapshotId,
                statuses: opts.status,
                force: opts.all,
                onCase: (done, total) => bar.listener({ fraction: done / total, step: `${done}/${total} cases` }),
              }),
            );
          } finally {
            bar.stop();
          }
          // the snapshot's release check: unsolved cases whose leading candidates got harder or easier to find
          const pointed = casesAmongMovers(store, (await readManifest(snapshotDir)).releaseCheck);
          if (opts.json) return json({ ...report, releaseCheckCases: pointed });
          process.stdout.write(
            `Snapshot ${report.snapshotId}: re-ran ${report.rerun} case(s), ${report.flagged.length} flagged for review; ` +
              `${report.upToDate} already up to date, ${report.neverRun} never run${report.errors.length ? `, ${report.errors.length} failed` : ''}\n`,
          );
          if (report.flagged.length) {
            process.stdout.write(
              `\n${formatTable(
                ['id', 'label', 'why', 'previous snapshot', 'new in top 5', 'left top 5'],
                report.flagged.map((f) => [
                  shortId(f.caseId),
                  clip(f.label, 28),
                  f.reason === 'diagnosis-dropped' ? `diagnosis ${f.diagnosis!.id} ${f.diagnosis!.rank === null ? 'not ranked' : `now #${f.diagnosis!.rank}`}` : 'top 5 changed',
                  f.previousSnapshotId,
                  f.entered.join(', '),
                  f.left.join(', '),
                ]),
              )}\n`,
            );
          }
          for (const e of report.errors) process.stdout.write(`  ${shortId(e.caseId)}: ${e.message}\n`);
          if (pointed.length) process.stdout.write(`\n${describeReleaseCheckCases(pointed)}\n`);
        } finally {
          store.close();
        }
      }),
    );
}

/** Ontology releases for the phenopacket's metaData, from the default snapshot's manifest when there is one. */
async function resourceVersions(): Promise<ResourceVersions> {
  const dir = defaultSnapshotDir();
  if (!existsSync(join(dir, 'manifest.json'))) return {};
  try {
    const m = await readManifest(dir);
    const release = (role: string) => m.sources.find((s) => s.role === role)?.release;
    const date = (s: string | undefined) => (s ? (/(\d{4}-\d{2}-\d{2})/.exec(s)?.[1] ?? s) : undefined);
    return { hp: date(release('hpoObo')), omim: date(release('hpoAnnotations')), orpha: date(release('orphaNames')) };
  } catch {
    return {};
  }
}

function describeCase(d: CaseDetail): string {
  const c = d.case;
  const lines = [
    `${c.label}  (${c.id})`,
    `status ${c.status}; sex ${c.sex}${c.dateOfBirth ? `; born ${c.dateOfBirth}` : ''}${c.age ? `; age ${c.age}` : ''}`,
    `created ${c.createdAt} by ${c.createdBy}; updated ${c.updatedAt}`,
  ];
  if (d.finalDiagnosis) lines.push(`final diagnosis: ${d.finalDiagnosis.candidateId} ${d.finalDiagnosis.candidateLabel ?? ''} (${d.finalDiagnosis.decidedBy}, ${d.finalDiagnosis.decidedAt})`);
  if (d.findings.length) {
    lines.push('', formatTable(
      ['finding', 'label', 'status', 'source', 'by'],
      d.findings.map((f) => [f.hpoId, clip(f.label, 40), f.status, f.source === 'extracted' && f.span ? `extracted "${clip(f.span.text, 24)}"` : f.source, f.recordedBy]),
    ));
  }
  for (const n of d.narratives) lines.push('', `narrative ${n.id} (${n.source}, ${n.createdAt.slice(0, 10)}): ${clip(n.text.replace(/\s+/g, ' '), 300)}`);
  for (const v of d.vcfs) lines.push('', `VCF ${v.path} (sha256 ${v.sha256.slice(0, 12)}…${v.sample ? `, sample ${v.sample}` : ''}${v.build ? `, ${v.build}` : ''})`);
  if (d.runs.length) {
    lines.push('', formatTable(
      ['run', 'kind', 'finished', 'snapshot', 'model', 'top candidates'],
      d.runs.map((r) => [r.id, r.kind, r.finishedAt.slice(0, 16).replace('T', ' '), r.snapshotId, r.modelId ?? '', `${r.topCandidates.slice(0, 5).join(', ')}${r.topChanged ? ' (changed)' : ''}`]),
    ));
  }
  for (const x of d.decisions) lines.push('', `decision ${x.kind}${x.candidateId ? ` ${x.candidateId}` : ''} by ${x.decidedBy} ${x.decidedAt}${x.note ? `: ${x.note}` : ''}`);
  for (const n of d.notes) lines.push('', `note ${n.id} (${n.createdBy}, ${n.createdAt.slice(0, 10)}): ${n.text}`);
  return `${lines.join('\n')}\n`;
}
