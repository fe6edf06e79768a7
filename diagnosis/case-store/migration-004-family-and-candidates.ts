/**
 * Schema version 4: the family and the lab's candidate variants of a case (issues 14 and 15).
 *
 * - `pedigrees` / `pedigree_members`: the sequenced family as the clinician typed it or a PED file gave it: each
 *   member's id (the VCF sample name when the family was sequenced together), sex, affected status, parents and which
 *   member is the proband; the stated consanguinity of the proband's parents; where it came from.
 * - `candidate_lists` / `candidate_variants`: a lab's prioritized list when there is no VCF: gene, HGVS c. and p.,
 *   transcript, optional coordinates with their assembly, zygosity, inheritance, the lab's ACMG class, each row's source.
 *
 * A case has at most one of each, replaced as a whole (one audited change: the clinician saves the family, not a
 * member). Members and variants keep their order (`position`). Vocabularies are those of case-input/pedigree.ts and
 * case-input/listed-variant.ts, so what is stored is what a run reads.
 */
export const familyAndCandidatesSql = `
CREATE TABLE pedigrees (
  case_id        TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  family_id      TEXT NOT NULL CHECK (length(family_id) BETWEEN 1 AND 100),
  consanguineous INTEGER NOT NULL CHECK (consanguineous IN (0, 1)),
  source         TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
  updated_at     TEXT NOT NULL,
  updated_by     TEXT NOT NULL
) STRICT;

CREATE TABLE pedigree_members (
  case_id    TEXT NOT NULL REFERENCES pedigrees (case_id) ON DELETE CASCADE,
  position   INTEGER NOT NULL CHECK (position >= 0),
  member_id  TEXT NOT NULL CHECK (length(member_id) BETWEEN 1 AND 100),
  sex        TEXT NOT NULL CHECK (sex IN ('MALE', 'FEMALE', 'OTHER_SEX', 'UNKNOWN_SEX')),
  affected   TEXT NOT NULL CHECK (affected IN ('affected', 'unaffected', 'unknown')),
  father_id  TEXT,
  mother_id  TEXT,
  proband    INTEGER NOT NULL CHECK (proband IN (0, 1)),
  PRIMARY KEY (case_id, member_id),
  UNIQUE (case_id, position),
  CHECK (father_id IS NULL OR father_id <> member_id),
  CHECK (mother_id IS NULL OR mother_id <> member_id)
) STRICT;
-- one proband per family
CREATE UNIQUE INDEX pedigree_members_one_proband ON pedigree_members (case_id) WHERE proband = 1;

CREATE TABLE candidate_lists (
  case_id    TEXT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  source     TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE candidate_variants (
  case_id     TEXT NOT NULL REFERENCES candidate_lists (case_id) ON DELETE CASCADE,
  position    INTEGER NOT NULL CHECK (position >= 0),
  gene        TEXT,
  hgvs_c      TEXT,
  hgvs_p      TEXT,
  transcript  TEXT,
  chrom       TEXT,
  pos         INTEGER CHECK (pos IS NULL OR pos > 0),
  ref         TEXT,
  alt         TEXT,
  assembly    TEXT CHECK (assembly IS NULL OR assembly IN ('GRCh37', 'GRCh38')),
  zygosity    TEXT CHECK (zygosity IS NULL OR zygosity IN ('heterozygous', 'homozygous', 'hemizygous', 'compound heterozygous', 'mosaic')),
  inheritance TEXT CHECK (inheritance IS NULL OR inheritance IN ('de novo', 'maternal', 'paternal', 'unknown')),
  acmg        TEXT CHECK (acmg IS NULL OR acmg IN ('pathogenic', 'likely pathogenic', 'uncertain significance', 'likely benign', 'benign')),
  source      TEXT NOT NULL,
  PRIMARY KEY (case_id, position),
  -- coordinates are all there or none (the assembly with them), else a gene and an HGVS description
  CHECK ((chrom IS NULL) = (pos IS NULL) AND (pos IS NULL) = (ref IS NULL) AND (ref IS NULL) = (alt IS NULL)),
  CHECK (chrom IS NULL OR assembly IS NOT NULL),
  CHECK (chrom IS NOT NULL OR (gene IS NOT NULL AND (hgvs_c IS NOT NULL OR hgvs_p IS NOT NULL)))
) STRICT;
`;
