#!/usr/bin/env node
// Validate the clinic-letter benchmark (letters-dev.jsonl) against the local HPO release.
//
// Usage:
//   node bench/clinic-letters/check-letters.mjs [letters.jsonl] [--hpo-dir DIR] [--min-letters N]
//
// Defaults: letters-dev.jsonl next to this script; HPO data in ../shared/data/hpo
// relative to the repository root (override with --hpo-dir or HPO_DIR).
//
// Checks (any failure -> exit code 1):
//   - every line is valid JSON with the expected fields and types
//   - ids are unique; at most 2 letters per diagnosis; at least 48 letters (--min-letters: a smaller
//     supplementary set such as letters-dev2.jsonl)
//   - text length is 80-300 words
//   - every HPO id exists in hp.obo as a primary id (not an alt_id), is not obsolete,
//     and its label equals the hp.obo name exactly
//   - no duplicate term within a list; no term both present and excluded; no present
//     term that is the same as, or a descendant of, an excluded term
//   - every diagnosis occurs in phenotype.hpoa.gz
//   - at most one third of letters carry the "genetic-result" style tag
// No dependencies beyond Node's standard library.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let lettersPath = resolve(here, 'letters-dev.jsonl');
let hpoDir = process.env.HPO_DIR || resolve(here, '../../../shared/data/hpo');
let minLetters = 48;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--hpo-dir') hpoDir = resolve(args[++i]);
  else if (args[i] === '--min-letters') minLetters = Number(args[++i]);
  else lettersPath = resolve(args[i]);
}

const errors = [];
const err = (m) => errors.push(m);

// ---- hp.obo ---------------------------------------------------------------
const obo = readFileSync(resolve(hpoDir, 'hp.obo'), 'utf8');
const terms = new Map(); // id -> {name, obsolete, parents: []}
const altIds = new Map(); // alt_id -> primary id
{
  let cur = null;
  let inTerm = false;
  for (const raw of obo.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('[')) {
      inTerm = line === '[Term]';
      cur = null;
      continue;
    }
    if (!inTerm) continue;
    if (line.startsWith('id: ')) {
      cur = { id: line.slice(4).trim(), name: null, obsolete: false, parents: [] };
      terms.set(cur.id, cur);
    } else if (!cur) {
      continue;
    } else if (line.startsWith('name: ')) {
      cur.name = line.slice(6).trim();
    } else if (line.startsWith('is_obsolete: true')) {
      cur.obsolete = true;
    } else if (line.startsWith('alt_id: ')) {
      altIds.set(line.slice(8).trim(), cur.id);
    } else if (line.startsWith('is_a: ')) {
      cur.parents.push(line.slice(6).split('!')[0].trim());
    }
  }
}
const ancCache = new Map();
function ancestors(id) {
  if (ancCache.has(id)) return ancCache.get(id);
  const out = new Set();
  ancCache.set(id, out); // guard against cycles
  for (const p of terms.get(id)?.parents ?? []) {
    out.add(p);
    for (const a of ancestors(p)) out.add(a);
  }
  return out;
}

// ---- phenotype.hpoa.gz ------------------------------------------------------
const diseaseNames = new Map();
{
  const text = gunzipSync(readFileSync(resolve(hpoDir, 'phenotype.hpoa.gz'))).toString('utf8');
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('database_id')) continue;
    const tab = line.indexOf('\t');
    const id = line.slice(0, tab);
    if (!diseaseNames.has(id)) diseaseNames.set(id, line.slice(tab + 1, line.indexOf('\t', tab + 1)));
  }
}

// ---- letters ----------------------------------------------------------------
const lines = readFileSync(lettersPath, 'utf8').split('\n').filter((l) => l.trim() !== '');
const seenIds = new Set();
const perDiagnosis = new Map();
const counts = { letters: 0, present: 0, excluded: 0, family: 0, genetic: 0 };
const LISTS = ['present', 'excluded', 'family'];

lines.forEach((line, n) => {
  const where = `line ${n + 1}`;
  let r;
  try {
    r = JSON.parse(line);
  } catch (e) {
    err(`${where}: invalid JSON (${e.message})`);
    return;
  }
  const tag = `${r.id ?? where}`;
  counts.letters++;

  // fields and types
  if (typeof r.id !== 'string' || !r.id) err(`${where}: missing id`);
  else if (seenIds.has(r.id)) err(`${tag}: duplicate id`);
  else seenIds.add(r.id);
  if (typeof r.diagnosis !== 'string' || !/^OMIM:\d{6}$/.test(r.diagnosis)) err(`${tag}: diagnosis must look like OMIM:123456`);
  if (!['male', 'female'].includes(r.sex)) err(`${tag}: sex must be "male" or "female"`);
  if (typeof r.ageYears !== 'number' || !(r.ageYears >= 0) || r.ageYears > 120) err(`${tag}: bad ageYears`);
  if (typeof r.text !== 'string') err(`${tag}: missing text`);
  else {
    const words = r.text.split(/\s+/).filter(Boolean).length;
    if (words < 80 || words > 300) err(`${tag}: text has ${words} words (expected 80-300)`);
  }
  if (!Array.isArray(r.style) || r.style.some((s) => typeof s !== 'string')) err(`${tag}: style must be an array of strings`);
  else if (r.style.includes('genetic-result')) counts.genetic++;

  // diagnosis
  if (typeof r.diagnosis === 'string') {
    if (!diseaseNames.has(r.diagnosis)) err(`${tag}: diagnosis ${r.diagnosis} not found in phenotype.hpoa.gz`);
    perDiagnosis.set(r.diagnosis, (perDiagnosis.get(r.diagnosis) ?? 0) + 1);
  }

  // terms
  const ids = {};
  for (const list of LISTS) {
    ids[list] = [];
    if (!Array.isArray(r[list])) {
      err(`${tag}: ${list} must be an array`);
      continue;
    }
    const seen = new Set();
    for (const t of r[list]) {
      counts[list]++;
      if (!t || typeof t.id !== 'string' || typeof t.label !== 'string') {
        err(`${tag}: ${list} entry must be {id, label}`);
        continue;
      }
      if (seen.has(t.id)) err(`${tag}: ${t.id} listed twice in ${list}`);
      seen.add(t.id);
      ids[list].push(t.id);
      const term = terms.get(t.id);
      if (!term) {
        const primary = altIds.get(t.id);
        err(`${tag}: ${t.id} (${t.label}) ${primary ? `is an alt_id of ${primary}` : 'not found in hp.obo'}`);
        continue;
      }
      if (term.obsolete) err(`${tag}: ${t.id} (${t.label}) is obsolete`);
      if (term.name !== t.label) err(`${tag}: ${t.id} label "${t.label}" != hp.obo name "${term.name}"`);
    }
  }
  // consistency between lists
  const excluded = new Set(ids.excluded ?? []);
  for (const p of ids.present ?? []) {
    if (excluded.has(p)) err(`${tag}: ${p} is both present and excluded`);
    else if (terms.has(p)) {
      for (const a of ancestors(p)) {
        if (excluded.has(a)) err(`${tag}: present ${p} is a descendant of excluded ${a}`);
      }
    }
  }
});

for (const [dx, n] of perDiagnosis) if (n > 2) err(`${dx}: ${n} letters (max 2 per disease)`);
if (counts.letters < minLetters) err(`only ${counts.letters} letters (need at least ${minLetters})`);
if (counts.genetic * 3 > counts.letters) err(`${counts.genetic} letters with a genetic result (more than one third)`);

console.log(
  `${counts.letters} letters, ${perDiagnosis.size} diagnoses; ` +
    `${counts.present} present, ${counts.excluded} excluded, ${counts.family} family terms; ` +
    `${counts.genetic} letters with a genetic result`,
);
if (errors.length) {
  for (const e of errors) console.error(`error: ${e}`);
  console.error(`FAILED: ${errors.length} error(s)`);
  process.exit(1);
}
console.log('OK');
