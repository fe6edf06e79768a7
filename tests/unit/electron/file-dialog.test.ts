import { describe, expect, it } from 'vitest';
import { dialogOptions, isFileKind } from '../../../electron/file-dialog.js';

describe('the desktop file dialog', () => {
  it('offers the files a clinician brings, and nothing else is a kind', () => {
    expect(dialogOptions('vcf').filters[0]!.extensions).toEqual(['vcf', 'gz', 'bgz']);
    expect(dialogOptions('phenopacket').filters[0]!.extensions).toEqual(['json']);
    expect(dialogOptions('vcf').properties).toEqual(['openFile']);
    expect(isFileKind('vcf')).toBe(true);
    expect(isFileKind('../etc')).toBe(false);
    expect(isFileKind(undefined)).toBe(false);
  });
});
