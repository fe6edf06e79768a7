/**
 * Growth references for measurements given as raw values ("height 112 cm" at 8 years): the LMS method (Cole & Green,
 * Stat Med 1992) turns a value into a Z-score, z = ((x / M)^L − 1) / (L·S) (z = ln(x / M) / S when L = 0), from the
 * Box-Cox power L, median M and coefficient of variation S for the age and sex.
 *
 * Stature-for-age, 2 to 20 years: CDC 2000 growth charts (Kuczmarski RJ et al., 2000 CDC Growth Charts for the United
 * States: methods and development, Vital Health Stat 11(246), 2002), data file statage.csv of the National Center for
 * Health Statistics, rows at each whole year of age (24, 36.5, 48.5, ... 240 months), L, M, S as published. Between two
 * rows L, M and S are interpolated linearly; from 20 years on the 20-year row (adult height) is used.
 *
 * Below 2 years, and for weight, head circumference and BMI, no table is shipped: those are read only when the text
 * gives a centile or an SD score (growth-measurements.ts), or, for adults' BMI, against the WHO cut-offs.
 */
export type GrowthSex = 'male' | 'female';

/** [age in years, L, M (cm), S] */
type LmsRow = readonly [number, number, number, number];

const STATURE_MALE: readonly LmsRow[] = [
  [2, 0.941523967, 86.45220101, 0.040321528],
  [3, -0.390918369, 95.27359106, 0.04053412],
  [4, 0.827636736, 102.5104735, 0.041344257],
  [5, 1.266367398, 109.1751441, 0.042593311],
  [6, 1.137442868, 115.6608862, 0.043673359],
  [7, 0.753244292, 122.0305342, 0.044403374],
  [8, 0.455267507, 128.1237104, 0.045127088],
  [9, 0.415687443, 133.7344759, 0.046217028],
  [10, 0.505564115, 138.8234114, 0.047610108],
  [11, 0.487939275, 143.7303663, 0.048937694],
  [12, 0.420919142, 149.3088178, 0.049947823],
  [13, 0.816239713, 156.4098858, 0.050333444],
  [14, 1.670433444, 164.1418486, 0.04894519],
  [15, 2.205180153, 170.139255, 0.045889585],
  [16, 2.113023423, 173.6100518, 0.043085685],
  [17, 1.724738292, 175.340954, 0.041408129],
  [18, 1.399999187, 176.1850208, 0.04064364],
  [19, 1.229163362, 176.6178621, 0.040391101],
  [20, 1.167279219, 176.8492322, 0.040369574],
];

const STATURE_FEMALE: readonly LmsRow[] = [
  [2, 1.07244896, 84.97555512, 0.040791394],
  [3, 0.54198094, 94.21335709, 0.042017509],
  [4, 0.225705996, 101.033927, 0.043259907],
  [5, -0.057729947, 107.9566031, 0.044276588],
  [6, -0.219069129, 115.0054978, 0.044963636],
  [7, -0.210210748, 121.7616844, 0.045460702],
  [8, -0.079283065, 127.8262759, 0.045968169],
  [9, 0.08414848, 133.1303527, 0.04688401],
  [10, 0.284748919, 138.2111552, 0.048704503],
  [11, 0.744289752, 144.2609497, 0.050524236],
  [12, 1.303044695, 151.4865636, 0.048599314],
  [13, 1.242968236, 157.3436995, 0.043859135],
  [14, 0.95657215, 160.4776996, 0.041022401],
  [15, 0.895569834, 161.8979913, 0.040083845],
  [16, 0.941145943, 162.5689958, 0.039820663],
  [17, 0.999505539, 162.9238449, 0.039732048],
  [18, 1.047571238, 163.1307866, 0.039687311],
  [19, 1.083315329, 163.2590052, 0.039657339],
  [20, 1.108046193, 163.338251, 0.039636316],
];

/** Z-score of a value from its L, M, S. */
export function lmsZ(x: number, l: number, m: number, s: number): number {
  return Math.abs(l) < 1e-9 ? Math.log(x / m) / s : ((x / m) ** l - 1) / (l * s);
}

/** L, M, S at an age by linear interpolation between the table's rows; undefined outside the table (before its first row). */
function lmsAt(rows: readonly LmsRow[], ageYears: number): [number, number, number] | undefined {
  if (ageYears < rows[0]![0]) return undefined;
  const last = rows[rows.length - 1]!;
  if (ageYears >= last[0]) return [last[1], last[2], last[3]];
  let i = 0;
  while (rows[i + 1]![0] <= ageYears) i += 1;
  const a = rows[i]!;
  const b = rows[i + 1]!;
  const t = (ageYears - a[0]) / (b[0] - a[0]);
  return [a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2]), a[3] + t * (b[3] - a[3])];
}

/** Height (cm) as a Z-score for age and sex (CDC 2000, 2 years and over); undefined when no reference applies. */
export function statureZ(heightCm: number, ageYears: number, sex: GrowthSex): number | undefined {
  const lms = lmsAt(sex === 'male' ? STATURE_MALE : STATURE_FEMALE, ageYears);
  return lms && heightCm > 0 ? lmsZ(heightCm, ...lms) : undefined;
}

/**
 * The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9): a centile as a
 * Z-score ("0.4th centile" → −2.65).
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}
