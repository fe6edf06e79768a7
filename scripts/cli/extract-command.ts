import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { readJsonRecords } from '../../diagnosis/io/jsonl-reader.js';
import { documentFindings } from '../../diagnosis/intake/document-findings.js';
import { extractRecord, outputFinding } from '../../diagnosis/intake/extraction-record.js';
import type { ExtractedFinding } from '../../diagnosis/intake/finding.js';
import { withSession } from './with-session.js';
import { extractFromText, readTextFile, type TextFormat } from '../../diagnosis/intake/text-intake.js';
import { formatTable } from './format-table.js';
import { resolveSnapshot, snapshotOptionHelp, sourcesOptionHelp } from './snapshot-options.js';

const formats = ['auto', 'plain', 'html', 'rtf'] as const;

export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description('clinical text → HPO findings (present / excluded / uncertain / family): a batch (--input) or one text (--text, --file)')
    .option('--input <file>', 'batch input .jsonl / .jsonl.gz, one {"id", "text"} (or {"pmid", "text"}) per line')
    .option('--out <file>', 'batch output .jsonl, one {"id", "findings"} or {"id", "error"} line per input line, in input order (default: stdout)')
    .option('--text <text>', 'one clinical text')
    .option('--file <file>', 'one text file (UTF-8; invalid bytes are replaced and reported; HTML and RTF are stripped)')
    .option('--format <format>', `markup of --text / --file: ${formats.join(', ')}`, 'auto')
    .option('--json', 'one text: print the findings as JSON')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--sources <dir>', sourcesOptionHelp)
    .addHelpText(
      'after',
      `
Each finding: {"hpoId", "label", "status", "start", "end", "text", "confidence"}, plus "historical": true for a
finding said of the past and "evidence": "lab" | "imaging" | "procedure" for non-phenotypic evidence. start/end
are character offsets into the input text (end exclusive) and text is input.slice(start, end).`,
    )
    .action(async (opts: { input?: string; out?: string; text?: string; file?: string; format: string; json?: boolean; snapshot?: string; sources?: string }, cmd: Command) => {
      // cmd.error prints the message and ends with exit code 2 (usage).
      const usage = (message: string) => cmd.error(`error: ${message}`, { exitCode: 2, code: 'rarediag.usage' });
      const given = [opts.input, opts.text, opts.file].filter((x) => x !== undefined).length;
      if (given !== 1) usage('give exactly one of --input FILE.jsonl, --text TEXT or --file FILE');
      if (!(formats as readonly string[]).includes(opts.format)) usage(`--format must be one of ${formats.join(', ')}`);
      if (opts.out && !opts.input) usage('--out goes with --input');
      const snapshotDir = await resolveSnapshot(opts);
      if (opts.input) await extractBatch(resolve(opts.input), opts.out, snapshotDir);
      else await extractOne(opts, snapshotDir);
    });
}

async function extractBatch(input: string, out: string | undefined, snapshotDir: string): Promise<void> {
  const recognizer = await withSession(snapshotDir, (s) => s.recognizer());
  const sink = out ? createWriteStream(resolve(out)) : process.stdout;
  let n = 0;
  let errors = 0;
  const started = Date.now();
  for await (const rec of readJsonRecords(input)) {
    const line = extractRecord(recognizer, rec);
    n += 1;
    if ('error' in line) errors += 1;
    if (!sink.write(`${JSON.stringify(line)}\n`)) await once(sink, 'drain');
  }
  if (out) {
    sink.end();
    await once(sink, 'finish');
  }
  process.stderr.write(`extracted ${n} record(s) in ${((Date.now() - started) / 1000).toFixed(1)} s${errors ? `, ${errors} with an error line` : ''}\n`);
}

async function extractOne(opts: { text?: string; file?: string; format: string; json?: boolean }, snapshotDir: string): Promise<void> {
  const warnings: string[] = [];
  let text = opts.text ?? '';
  if (opts.file !== undefined) {
    const decoded = await readTextFile(resolve(opts.file));
    text = decoded.text;
    if (decoded.replaced > 0) warnings.push(`${basename(opts.file)}: ${decoded.replaced} byte sequence(s) that are not valid ${decoded.encoding.toUpperCase()} were replaced with U+FFFD`);
  }
  for (const w of warnings) process.stderr.write(`rarediag: warning: ${w}\n`);
  const recognizer = await withSession(snapshotDir, (s) => s.recognizer());
  const { format, findings } = extractFromText(recognizer, text, opts.format as TextFormat | 'auto');
  if (opts.json) {
    const doc = documentFindings(text, findings, recognizer.hierarchy);
    process.stdout.write(`${JSON.stringify({ format, findings: findings.map(outputFinding), patient: doc, warnings }, null, 2)}\n`);
    return;
  }
  process.stdout.write(describe(findings, format));
}

function describe(findings: ExtractedFinding[], format: TextFormat): string {
  if (findings.length === 0) return 'no HPO findings\n';
  const clip = (s: string, n: number) => {
    const flat = s.replace(/\s+/g, ' ');
    return flat.length > n ? `${flat.slice(0, n - 3)}...` : flat;
  };
  const table = formatTable(
    ['status', 'HPO', 'label', 'text', 'at', 'confidence', 'notes'],
    findings.map((f) => [
      f.status,
      f.hpoId,
      clip(f.label, 48),
      clip(f.text, 40),
      `${f.start}-${f.end}`,
      f.confidence.toFixed(2),
      [f.historical ? 'historical' : '', f.evidence ?? '', f.basis === 'name' ? '' : f.basis].filter(Boolean).join(', '),
    ]),
    ['l', 'l', 'l', 'l', 'r', 'r', 'l'],
  );
  const counts = ['present', 'excluded', 'uncertain', 'family'].map((s) => `${findings.filter((f) => f.status === s).length} ${s}`).join(', ');
  return `${table}\n\n${findings.length} finding(s): ${counts}${format === 'plain' ? '' : ` (${format} markup stripped)`}\n`;
}
