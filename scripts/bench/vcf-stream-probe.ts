// Run in a fresh process by `rarediag bench vcf`: streams a VCF through the reader and annotator, then prints the
// record count, wall time and peak resident memory as JSON.
import { DiagnosisEngine } from '../../diagnosis/pipeline/diagnosis-engine.js';

const [file, snapshot] = process.argv.slice(2) as [string, string];
const engine = await DiagnosisEngine.open(snapshot);
await engine.annotator();
const t0 = process.hrtime.bigint();
const v = await engine.readVariants(file);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
process.stdout.write(
  JSON.stringify({ records: v.summary.records, passed: v.summary.passed, inGenes: v.summary.inGenes, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
);
