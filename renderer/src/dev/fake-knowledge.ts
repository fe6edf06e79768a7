/**
 * A tiny, hand-written stand-in for the knowledge snapshot, used only by the fake API (`?fake`) to develop and
 * screenshot the UI without the engine. Ids and labels are real HPO / OMIM entries; the hierarchy is abridged and the
 * annotations are illustrative, not curated data.
 */
export interface FakeTerm {
  id: string;
  label: string;
  synonyms: string[];
  /** ids of the path from the top of the phenotype branch to the parent */
  path: string[];
}

export interface FakeDisease {
  id: string;
  ids: string[];
  label: string;
  mondo: string;
  genes: { symbol: string; ncbiGeneId: number }[];
  mode: 'dominant' | 'recessive' | 'x-linked';
  inheritance: string;
  annotations: string[];
}

const groups: Record<string, string> = {
  'HP:0000118': 'Phenotypic abnormality',
  'HP:0000924': 'Abnormality of the skeletal system',
  'HP:0011842': 'Abnormal skeletal morphology',
  'HP:0001507': 'Growth abnormality',
  'HP:0000002': 'Abnormality of body height',
  'HP:0000152': 'Abnormality of head or neck',
  'HP:0000929': 'Abnormal skull morphology',
  'HP:0000478': 'Abnormality of the eye',
  'HP:0000517': 'Abnormality of the lens',
  'HP:0001626': 'Abnormality of the cardiovascular system',
  'HP:0001679': 'Abnormal aortic morphology',
  'HP:0000707': 'Abnormality of the nervous system',
  'HP:0012759': 'Neurodevelopmental abnormality',
  'HP:0000598': 'Abnormality of the ear',
  'HP:0040064': 'Abnormality of limbs',
  'HP:0001167': 'Abnormal finger morphology',
  'HP:0001574': 'Abnormality of the integument',
  'HP:0000765': 'Abnormal thorax morphology',
  'HP:0001939': 'Abnormality of metabolism/homeostasis',
};

const P = 'HP:0000118';
const skeletal = [P, 'HP:0000924', 'HP:0011842'];
const height = [P, 'HP:0001507', 'HP:0000002'];
const skull = [P, 'HP:0000152', 'HP:0000929'];
const eye = [P, 'HP:0000478'];
const lens = [P, 'HP:0000478', 'HP:0000517'];
const aorta = [P, 'HP:0001626', 'HP:0001679'];
const neuro = [P, 'HP:0000707'];
const develop = [P, 'HP:0000707', 'HP:0012759'];
const ear = [P, 'HP:0000598'];
const limbs = [P, 'HP:0040064'];
const fingers = [P, 'HP:0040064', 'HP:0001167'];
const skin = [P, 'HP:0001574'];
const thorax = [P, 'HP:0000924', 'HP:0000765'];
const cardio = [P, 'HP:0001626'];
const metab = [P, 'HP:0001939'];

const t = (id: string, label: string, path: string[], ...synonyms: string[]): FakeTerm => ({ id, label, path, synonyms });

export const fakeTerms: FakeTerm[] = [
  t('HP:0004322', 'Short stature', height, 'Decreased body height', 'Small stature', 'Height less than 3rd percentile'),
  t('HP:0000098', 'Tall stature', height, 'Increased body height', 'Tall'),
  t('HP:0003026', 'Short long bone', skeletal, 'Short long bones', 'Shortened long bones'),
  t('HP:0009826', 'Limb undergrowth', limbs, 'Short limbs', 'Short extremities', 'Micromelia'),
  t('HP:0008873', 'Disproportionate short-limb short stature', height, 'Short-limbed dwarfism'),
  t('HP:0000256', 'Macrocephaly', skull, 'Increased head circumference', 'Large head'),
  t('HP:0002007', 'Frontal bossing', skull, 'Prominent forehead', 'Frontal prominence'),
  t('HP:0011800', 'Midface retrusion', [P, 'HP:0000152'], 'Midface hypoplasia', 'Flat midface'),
  t('HP:0004060', 'Trident hand', fingers, 'Trident hands'),
  t('HP:0001156', 'Brachydactyly', fingers, 'Short fingers', 'Short digits'),
  t('HP:0002808', 'Kyphosis', skeletal, 'Hunched back', 'Rounded upper back'),
  t('HP:0003307', 'Hyperlordosis', skeletal, 'Lumbar hyperlordosis', 'Increased lumbar lordosis'),
  t('HP:0002650', 'Scoliosis', skeletal, 'Curved spine'),
  t('HP:0003416', 'Spinal canal stenosis', skeletal, 'Spinal stenosis'),
  t('HP:0002970', 'Genu varum', limbs, 'Bow legs', 'Bowlegs'),
  t('HP:0000238', 'Hydrocephalus', neuro, 'Water on the brain'),
  t('HP:0010535', 'Sleep apnea', [P, 'HP:0002086'], 'Sleep apnoea'),
  t('HP:0000388', 'Otitis media', ear, 'Middle ear infection'),
  t('HP:0000365', 'Hearing impairment', ear, 'Hearing loss', 'Deafness', 'Hypoacusis'),
  t('HP:0001250', 'Seizure', neuro, 'Seizures', 'Epileptic seizure', 'Convulsions'),
  t('HP:0001249', 'Intellectual disability', develop, 'Mental retardation', 'Learning disability'),
  t('HP:0001263', 'Global developmental delay', develop, 'Developmental delay', 'Delayed development'),
  t('HP:0001252', 'Hypotonia', neuro, 'Low muscle tone', 'Floppy'),
  t('HP:0000962', 'Hyperkeratosis', skin),
  t('HP:0000956', 'Acanthosis nigricans', skin),
  t('HP:0001363', 'Craniosynostosis', skull, 'Premature closure of cranial sutures'),
  t('HP:0000774', 'Narrow chest', thorax, 'Small thorax'),
  t('HP:0002983', 'Micromelia', limbs, 'Very short limbs'),
  t('HP:0100807', 'Long fingers', fingers, 'Long digits'),
  t('HP:0001238', 'Slender finger', fingers, 'Thin fingers', 'Slender fingers'),
  t('HP:0001166', 'Arachnodactyly', fingers, 'Spider fingers', 'Long slender fingers'),
  t('HP:0001083', 'Ectopia lentis', lens, 'Lens dislocation', 'Dislocated lens'),
  t('HP:0011003', 'High myopia', eye, 'Severe myopia', 'Severe nearsightedness'),
  t('HP:0000545', 'Myopia', eye, 'Nearsightedness', 'Short-sightedness'),
  t('HP:0002616', 'Aortic root aneurysm', aorta, 'Dilatation of the aortic root', 'Aortic root dilatation'),
  t('HP:0002647', 'Aortic dissection', aorta, 'Dissection of the aorta'),
  t('HP:0001634', 'Mitral valve prolapse', cardio, 'Floppy mitral valve'),
  t('HP:0000767', 'Pectus excavatum', thorax, 'Funnel chest'),
  t('HP:0000768', 'Pectus carinatum', thorax, 'Pigeon chest'),
  t('HP:0001382', 'Joint hypermobility', limbs, 'Hypermobile joints', 'Double-jointed'),
  t('HP:0001065', 'Striae distensae', skin, 'Stretch marks'),
  t('HP:0100775', 'Dural ectasia', neuro),
  t('HP:0001763', 'Pes planus', limbs, 'Flat feet', 'Flat foot'),
  t('HP:0000268', 'Dolichocephaly', skull, 'Long narrow head'),
  t('HP:0000218', 'High palate', [P, 'HP:0000152'], 'High-arched palate'),
  t('HP:0002107', 'Pneumothorax', [P, 'HP:0002086'], 'Collapsed lung'),
  t('HP:0000974', 'Hyperextensible skin', skin, 'Stretchable skin', 'Skin hyperextensibility'),
  t('HP:0001075', 'Atrophic scars', skin, 'Cigarette-paper scars'),
  t('HP:0000978', 'Bruising susceptibility', skin, 'Easy bruising'),
  t('HP:0001642', 'Pulmonary artery stenosis', cardio),
  t('HP:0002156', 'Homocystinuria', metab, 'Increased urinary homocystine'),
  t('HP:0001907', 'Thromboembolism', cardio, 'Blood clots'),
  t('HP:0002105', 'Hemoptysis', [P, 'HP:0002086'], 'Coughing up blood'),
  t('HP:0001371', 'Flexion contracture', limbs, 'Contractures', 'Joint contractures'),
  t('HP:0000411', 'Protruding ear', ear, 'Prominent ears'),
  t('HP:0001654', 'Abnormal heart valve morphology', cardio),
];
groups['HP:0002086'] = 'Abnormality of the respiratory system';

export const fakeGroups = groups;

export const fakeDiseases: FakeDisease[] = [
  {
    id: 'OMIM:100800', ids: ['OMIM:100800', 'ORPHA:15'], label: 'Achondroplasia', mondo: 'MONDO:0007037',
    genes: [{ symbol: 'FGFR3', ncbiGeneId: 2261 }], mode: 'dominant', inheritance: 'Autosomal dominant inheritance',
    annotations: ['HP:0004322', 'HP:0003026', 'HP:0008873', 'HP:0000256', 'HP:0002007', 'HP:0011800', 'HP:0004060', 'HP:0002808', 'HP:0003307', 'HP:0003416', 'HP:0002970', 'HP:0000238', 'HP:0010535', 'HP:0000388', 'HP:0001252', 'HP:0001156', 'HP:0009826'],
  },
  {
    id: 'OMIM:146000', ids: ['OMIM:146000', 'ORPHA:429'], label: 'Hypochondroplasia', mondo: 'MONDO:0007802',
    genes: [{ symbol: 'FGFR3', ncbiGeneId: 2261 }], mode: 'dominant', inheritance: 'Autosomal dominant inheritance',
    annotations: ['HP:0004322', 'HP:0003026', 'HP:0000256', 'HP:0003307', 'HP:0001156', 'HP:0002970', 'HP:0001249', 'HP:0009826'],
  },
  {
    id: 'OMIM:187600', ids: ['OMIM:187600', 'ORPHA:1860'], label: 'Thanatophoric dysplasia, type I', mondo: 'MONDO:0008551',
    genes: [{ symbol: 'FGFR3', ncbiGeneId: 2261 }], mode: 'dominant', inheritance: 'Autosomal dominant inheritance',
    annotations: ['HP:0002983', 'HP:0000774', 'HP:0000256', 'HP:0002007', 'HP:0001363', 'HP:0000238', 'HP:0001250', 'HP:0001252', 'HP:0008873'],
  },
  {
    id: 'OMIM:616482', ids: ['OMIM:616482'], label: 'Achondroplasia, severe, with developmental delay and acanthosis nigricans', mondo: 'MONDO:0014670',
    genes: [{ symbol: 'FGFR3', ncbiGeneId: 2261 }], mode: 'dominant', inheritance: 'Autosomal dominant inheritance',
    annotations: ['HP:0004322', 'HP:0003026', 'HP:0000956', 'HP:0001263', 'HP:0001249', 'HP:0001250', 'HP:0000238', 'HP:0000256'],
  },
  {
    id: 'OMIM:602849', ids: ['OMIM:602849', 'ORPHA:53271'], label: 'Muenke syndrome', mondo: 'MONDO:0011292',
    genes: [{ symbol: 'FGFR3', ncbiGeneId: 2261 }], mode: 'dominant', inheritance: 'Autosomal dominant inheritance',
    annotations: ['HP:0001363', 'HP:0000256', 'HP:0002007', 'HP:0000365', 'HP:0001263', 'HP:0001156'],
  },
  {
    id: 'OMIM:154700', ids: ['OMIM:154700', 'ORPHA:558'], label: 'Marfan syndrome', mondo: 'MONDO:0007947',
    genes: [{ symbol: 'FBN1', ncbiGeneId: 2200 }], mode: 'dominant', inheritance: 'Autosomal dominant inheritance',
    annotations: ['HP:0000098', 'HP:0001166', 'HP:0100807', 'HP:0001238', 'HP:0001083', 'HP:0011003', 'HP:0000545', 'HP:0002616', 'HP:0002647', 'HP:0001634', 'HP:0000767', 'HP:0000768', 'HP:0002650', 'HP:0001382', 'HP:0001065', 'HP:0100775', 'HP:0001763', 'HP:0000268', 'HP:0000218', 'HP:0002107'],
  },
  {
    id: 'OMIM:609192', ids: ['OMIM:609192', 'ORPHA:60030'], label: 'Loeys-Dietz syndrome 1', mondo: 'MONDO:0012212',
    genes: [{ symbol: 'TGFBR1', ncbiGeneId: 7046 }], mode: 'dominant', inheritance: 'Autosomal dominant inheritance',
    annotations: ['HP:0002616', 'HP:0002647', 'HP:0001166', 'HP:0000767', 'HP:0002650', 'HP:0001382', 'HP:0001363', 'HP:0000218', 'HP:0001763'],
  },
  {
    id: 'OMIM:236200', ids: ['OMIM:236200', 'ORPHA:394'], label: 'Homocystinuria due to cystathionine beta-synthase deficiency', mondo: 'MONDO:0009352',
    genes: [{ symbol: 'CBS', ncbiGeneId: 875 }], mode: 'recessive', inheritance: 'Autosomal recessive inheritance',
    annotations: ['HP:0001083', 'HP:0000098', 'HP:0001166', 'HP:0001249', 'HP:0001250', 'HP:0001907', 'HP:0002156', 'HP:0011003', 'HP:0002650'],
  },
  {
    id: 'OMIM:121050', ids: ['OMIM:121050', 'ORPHA:115'], label: 'Contractural arachnodactyly, congenital', mondo: 'MONDO:0007369',
    genes: [{ symbol: 'FBN2', ncbiGeneId: 2201 }], mode: 'dominant', inheritance: 'Autosomal dominant inheritance',
    annotations: ['HP:0001166', 'HP:0001371', 'HP:0000411', 'HP:0002650', 'HP:0000098', 'HP:0001634'],
  },
  {
    id: 'OMIM:130000', ids: ['OMIM:130000', 'ORPHA:287'], label: 'Ehlers-Danlos syndrome, classic type, 1', mondo: 'MONDO:0007522',
    genes: [{ symbol: 'COL5A1', ncbiGeneId: 1289 }], mode: 'dominant', inheritance: 'Autosomal dominant inheritance',
    annotations: ['HP:0000974', 'HP:0001075', 'HP:0000978', 'HP:0001382', 'HP:0001634', 'HP:0001763', 'HP:0002650'],
  },
];

/** The FGFR3 c.1138G>A (p.Gly380Arg) achondroplasia variant, as the fake "finds" it in any VCF. */
export const fakeFgfr3Variant = {
  grch38: '4:1804392:G:A',
  input: '4:1806119:G:A',
  inputBuild: 'GRCh37',
  zygosity: 'heterozygous',
  clinvar: { significance: 'pathogenic', stars: 1, id: '16327', hgvsC: 'NM_000142.4:c.1138G>A', hgvsP: 'NP_000133.1:p.Gly380Arg' },
  consequence: 'missense_variant',
  tier: 'clinvar-pathogenic',
  lr: 500,
};
