import { describe, expect, it } from 'vitest';
import { dialogOptions, isFileKind } from '../../../electron/file-dialog.js';

describe('the desktop file dialog', () => {
  it('offers the files a clinician brings, and nothing else is a kind', () => {
    expect(dialogOptions('vcf').filters[0]!.extensions).toEqual(['vcf', 'gz', 'bgz']);
    expect(dialogOptions('phenopacket').filters[0]!.extensions).toEqual(['json']);
    expect(dialogOptions('ped').filters[0]!.extensions).toEqual(['ped', 'fam', 'txt']);
    expect(dialogOptions('candidates').filters[0]!.extensions).toEqual(['csv', 'tsv', 'txt']);
    expect(dialogOptions('candidates').filters.at(-1)!.extensions).toEqual(['*']);
    expect(dialogOptions('vcf').properties).toEqual(['openFile']);
    expect(isFileKind('vcf')).toBe(true);
    expect(isFileKind('ped')).toBe(true);
    expect(isFileKind('toString')).toBe(false);
    expect(isFileKind('../etc')).toBe(false);
    expect(isFileKind(undefined)).toBe(false);
  });
});
