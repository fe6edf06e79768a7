import { describe, expect, it } from 'vitest';
import { findGrowth } from '../../../diagnosis/intake/growth-measurements.js';
import { lmsZ, normalQuantile, statureZ } from '../../../diagnosis/intake/growth-reference.js';
import { findMilestones } from '../../../diagnosis/intake/milestone-ages.js';
import { findProportions } from '../../../diagnosis/intake/body-proportions.js';
import { demographicsOf } from '../../../diagnosis/intake/patient-demographics.js';
import { findingsOf, recognizerOf } from '../../fixtures/intake/lexicon-builder.js';

const growth = (text: string, demo = demographicsOf(text)) => findGrowth(text, demo).map((g) => [g.hpoId, text.slice(g.start, g.end)]);

describe('growth references', () => {
  it('turns centiles into Z-scores (standard normal quantile)', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.004)).toBeCloseTo(-2.652070, 5);
    expect(normalQuantile(0.996)).toBeCloseTo(2.652070, 5);
  });
  it('reads a height against CDC 2000 stature-for-age, interpolating between whole years', () => {
    // At 2 years (boys) the CDC table gives M = 86.452 cm: the median is z 0, and its P97 (93.02 cm) about +1.88.
    expect(statureZ(86.45220101, 2, 'male')).toBeCloseTo(0, 6);
    expect(statureZ(93.02265441, 2, 'male')!).toBeCloseTo(1.881, 2);
    expect(statureZ(163.338251, 25, 'female')).toBeCloseTo(0, 6); // adults: the 20-year row
    expect(statureZ(100, 1, 'male')).toBeUndefined(); // no table below 2 years
    expect(lmsZ(10, 0, 10, 0.1)).toBe(0);
  });
});

describe('the patient\'s age and sex from the text', () => {
  it('reads the usual ways letters and notes state them', () => {
    expect(demographicsOf('Re: 13-year-old boy, Clinical Genetics')).toEqual({ ageYears: 13, sex: 'male' });
    expect(demographicsOf('4 y/o M referred by cardiology')).toEqual({ ageYears: 4, sex: 'male' });
    expect(demographicsOf('Re: Oliver, 3 years 2 months. He walked late.').ageYears).toBeCloseTo(3 + 2 / 12, 6);
    expect(demographicsOf('Baby girl, aged 9 months')).toEqual({ ageYears: 0.75, sex: 'female' });
    expect(demographicsOf('Mrs K, aged 45, and her son')).toEqual({ ageYears: 45, sex: 'female' });
    expect(demographicsOf('She has seizures.')).toEqual({ sex: 'female' });
  });
});

describe('growth measurements', () => {
  it('reads centiles with their direction, and ordinals in a sentence about centiles', () => {
    expect(growth('Height today is 181 cm (well above the 99.6th centile) and weight 52 kg (50th centile).')).toEqual([
      ['HP:0000098', 'Height today is 181 cm (well above the 99.6th centile'],
    ]);
    expect(growth('Ht <1st percentile, OFC 98th %ile.')).toEqual([
      ['HP:0004322', 'Ht <1st percentile'],
      ['HP:0000256', 'OFC 98th %ile'],
    ]);
    expect(growth('Height below the 3rd centile; head circumference above the 98th centile.').map((g) => g[0])).toEqual(['HP:0004322', 'HP:0000256']);
    expect(growth('Height is on the 9th centile and OFC on the 99.6th.')).toEqual([['HP:0000256', 'OFC on the 99.6th']]);
  });
  it('leaves values within the limits, borderline ones and those at birth alone', () => {
    expect(growth('Height on the 3rd centile, weight 97th centile, OFC 50th centile.')).toEqual([]);
    expect(growth('He was born weighing 4.4 kg with a length of 56 cm.', { ageYears: 2, sex: 'male' })).toEqual([]);
  });
  it('reads SD and Z-scores, signed or with a direction', () => {
    expect(growth('Height 112 cm (-2.4 SD), weight −1.8 SDS.')).toEqual([['HP:0004322', 'Height 112 cm (-2.4 SD']]);
    expect(growth('height 98 cm (+2.8 SD)')).toEqual([['HP:0000098', 'height 98 cm (+2.8 SD']]);
    expect(growth('Length 2.5 SD below the mean.')).toEqual([['HP:0004322', 'Length 2.5 SD below the mean']]);
    expect(growth('Height 2.5 SD.')).toEqual([]);
  });
  it('reads raw heights with the age and sex, and an adult\'s BMI, never a relative\'s values', () => {
    expect(growth('A 27-year-old woman. Ht 183 cm, Wt 64 kg.')).toEqual([['HP:0000098', 'Ht 183 cm']]);
    expect(growth('An 8-year-old boy. Height 112 cm.')).toEqual([['HP:0004322', 'Height 112 cm']]);
    expect(growth('Height 112 cm.')).toEqual([]); // no age or sex
    expect(growth('Man aged 40; BMI 32.4 kg/m2.')).toEqual([['HP:0001513', 'BMI 32.4 kg/m2']]);
    expect(growth('A 3-year-old girl. Her father\'s height is 150 cm.')).toEqual([]);
  });
  it('calls a small head that was normal at birth secondary microcephaly', () => {
    expect(growth('Her OFC was on the 50th centile at birth and is now on the 0.4th centile.').map((g) => g[0])).toEqual(['HP:0005484']);
    expect(growth('OFC 1st percentile.').map((g) => g[0])).toEqual(['HP:0000252']);
  });
});

describe('milestone ages', () => {
  const ms = (text: string) => findMilestones(text, demographicsOf(text)).map((m) => [m.hpoId, text.slice(m.start, m.end)]);
  it('reads the age a milestone was reached against the WHO windows', () => {
    expect(ms('He walked at 22 months and sat unsupported at 10 months; first words at 2 years.')).toEqual([
      ['HP:0031936', 'walked at 22 months'],
      ['HP:0025336', 'sat unsupported at 10 months'],
      ['HP:0000750', 'first words at 2 years'],
    ]);
    expect(ms('She was late to walk (20 months).')).toEqual([['HP:0031936', 'late to walk']]);
    expect(ms('She sat at 6 months and walked at 13 months.')).toEqual([]);
  });
  it('reads a milestone not yet reached at the child\'s age', () => {
    expect(ms('Boy aged 20 months, not yet walking.')).toEqual([['HP:0031936', 'not yet walking']]);
    expect(ms('Boy aged 12 months, not yet walking.')).toEqual([]);
  });
});

describe('measurements in the recognizer', () => {
  const r = recognizerOf([
    ['HP:0000118', 'Phenotypic abnormality', []],
    ['HP:0004322', 'Short stature', ['HP:0000118']],
    ['HP:0000098', 'Tall stature', ['HP:0000118']],
    ['HP:0002616', 'Aortic root aneurysm', ['HP:0000118'], ['Aortic root dilatation']],
    ['HP:0004349', 'Reduced bone mineral density', ['HP:0000118']],
    ['HP:0001929', 'Reduced factor XI activity', ['HP:0000118']],
    ['HP:0000848', 'Increased circulating renin concentration', ['HP:0000118']],
  ]);
  it('turns Z-scores of a structure and of bone density into the finding', () => {
    expect(findingsOf(r, 'Aortic root 4.1 cm at the sinuses (Z-score +2.9).')).toEqual([['HP:0002616', 'present', 'Aortic root 4.1 cm at the sinuses (Z-score +2.9']]);
    expect(findingsOf(r, 'A DEXA scan gave a lumbar spine Z-score of -2.6.')).toEqual([['HP:0004349', 'present', 'Z-score of -2.6']]);
    expect(findingsOf(r, 'Aortic root Z-score +1.2.')).toEqual([]);
  });
  it('reads a lab value against the reference range quoted with it', () => {
    expect(findingsOf(r, 'Factor XI 38 IU/dL (reference 60-150).')).toEqual([['HP:0001929', 'present', 'Factor XI 38 IU/dL (reference 60-150)']]);
    expect(findingsOf(r, 'Renin 9.8 ng/mL/h (normal 0.5 - 3.3); factor XI 80 IU/dL (60-150).')).toEqual([['HP:0000848', 'present', 'Renin 9.8 ng/mL/h (normal 0.5 - 3.3)']]);
  });
  it('gives a measurement the context of its sentence, and takes the case\'s age and sex over the text\'s', () => {
    expect(findingsOf(r, 'Family history: his brother\'s height is below the 1st centile.')).toEqual([['HP:0004322', 'family', 'height is below the 1st centile']]);
    expect(r.extract('Height 183 cm.', { ageYears: 27, sex: 'female' }).map((f) => f.hpoId)).toEqual(['HP:0000098']);
  });
});

describe('milestones said without an age, and words by age', () => {
  const ms = (text: string, demo = demographicsOf(text)) => findMilestones(text, demo).map((m) => [m.hpoId, text.slice(m.start, m.end)]);
  it('reads late walking and talking', () => {
    expect(ms('He was late to walk and a late talker.')).toEqual([
      ['HP:0031936', 'late to walk'],
      ['HP:0000750', 'late talker'],
    ]);
  });
  it('reads fewer than 50 words from two years as delayed speech, none as absent speech', () => {
    expect(ms('A 5-year-old boy who uses about 10 single words.')).toEqual([['HP:0000750', 'uses about 10 single words']]);
    expect(ms('A 3-year-old girl with no words at all.')).toEqual([['HP:0001344', 'with no words']]);
    expect(ms('A 14-month-old boy with no words yet.')).toEqual([]);
    expect(ms('A 4-year-old with over 200 words.')).toEqual([]);
  });
});

describe('blood pressure and arm span', () => {
  const bp = (text: string) => findProportions(text, demographicsOf(text)).map((m) => [m.hpoId, text.slice(m.start, m.end)]);
  it('reads hypertension from 130/80 at 13 years and over, never in a younger child without tables', () => {
    expect(bp('Mr A, aged 40. BP 150/95 mmHg.')).toEqual([['HP:0000822', 'BP 150/95']]);
    expect(bp('A 15-year-old girl, blood pressure 118/72.')).toEqual([]);
    expect(bp('A 6-year-old boy, BP 140/90.')).toEqual([]);
  });
  it('reads an arm span beyond 1.05 of height, or 5 cm more', () => {
    expect(bp('Arm span to height ratio 1.07.')).toEqual([['HP:0012771', 'Arm span to height ratio 1.07']]);
    expect(bp('His arm span exceeds his height by 9 cm.')).toEqual([['HP:0012771', 'arm span exceeds his height by 9 cm']]);
    expect(bp('Arm span to height ratio 1.01.')).toEqual([]);
  });
  it('does not read a difference as a height', () => {
    expect(growth('A 13-year-old boy whose arm span exceeds his height by 9 cm.')).toEqual([]);
  });
});

describe('growth in case reports', () => {
  it('reads the compact centile notation and leaves values in the normal range', () => {
    expect(growth('Height 129 cm (p50) and weight 29 kg (p50).', { ageYears: 3, sex: 'male' })).toEqual([]);
    expect(growth('Her height was 62 cm (<3 percentile); weight 6 kg (P<5).').map((g) => g[0])).toEqual(['HP:0004322']);
    expect(growth('Length 60 cm (P<2).').map((g) => g[0])).toEqual(['HP:0004322']);
  });
  it('reads a raw value with the age of its own sentence, and never a birth measurement', () => {
    const long = `${'Background about the disease in general. '.repeat(200)}A boy aged 3 years was referred. `;
    const stated = { ageYears: 3, sex: 'male' as const };
    expect(growth(`${long}At the age of 9 years his height was 117.4 cm.`, stated).map((g) => g[0])).toEqual(['HP:0004322']);
    expect(growth(`${long}His height was 117.4 cm.`, stated)).toEqual([]); // a long report: whose age?
    expect(growth('She was delivered at 38 weeks; her length was 50 cm.', { ageYears: 3, sex: 'female' })).toEqual([]);
  });
});
