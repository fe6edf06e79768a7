/** Modes of inheritance the genotype check distinguishes. */
export type InheritanceMode = 'dominant' | 'recessive' | 'x-recessive' | 'x-dominant' | 'mitochondrial' | 'y-linked';

/** HPO mode-of-inheritance terms → mode. Terms not listed (multifactorial, polygenic, ...) leave the mode open. */
const byHpo: Readonly<Record<string, InheritanceMode[]>> = {
  'HP:0000006': ['dominant'], // autosomal dominant
  'HP:0000007': ['recessive'], // autosomal recessive
  'HP:0001419': ['x-recessive'],
  'HP:0001423': ['x-dominant'],
  'HP:0001417': ['x-recessive', 'x-dominant'], // X-linked, unspecified
  'HP:0001427': ['mitochondrial'],
  'HP:0001450': ['y-linked'],
  'HP:0032113': ['dominant', 'recessive'], // semidominant
  'HP:0001442': ['dominant'], // somatic mosaicism
  'HP:0001444': ['dominant'], // autosomal dominant somatic cell mutation
  'HP:0012275': ['dominant'], // autosomal dominant inheritance with maternal imprinting
  'HP:0012274': ['dominant'], // autosomal dominant inheritance with paternal imprinting
  'HP:0001470': ['dominant'], // sex-limited autosomal dominant
  'HP:0001475': ['dominant'], // male-limited autosomal dominant
};

/** The modes named by a disease's inheritance terms; all modes when it names none the check understands. */
export function modesOf(inheritanceIds: readonly string[]): InheritanceMode[] {
  const modes = new Set<InheritanceMode>();
  for (const id of inheritanceIds) for (const m of byHpo[id] ?? []) modes.add(m);
  return modes.size ? [...modes] : ['dominant', 'recessive', 'x-recessive', 'x-dominant', 'mitochondrial', 'y-linked'];
}
