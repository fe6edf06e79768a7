// Run in a fresh process by `rarediag bench vcf`: streams a VCF through the reader and annotator, then prints the
// record count, wall time and peak resident memory as JSON.
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { loadPatientVariants } from '../../diagnosis/variants/patient-variants.js';

const [file, snapshot] = process.argv.slice(2) as [string, string];
const session = await KnowledgeSession.open(snapshot);
const annotator = await session.variantAnnotator();
const t0 = process.hrtime.bigint();
const v = await loadPatientVariants(file, {}, annotator);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
process.stdout.write(
  JSON.stringify({ records: v.summary.records, passed: v.summary.passed, inGenes: v.summary.inGenes, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
);
await session.close();
