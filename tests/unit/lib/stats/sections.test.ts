// sectionOf: every CPT section boundary, the decided edge cases, HCPCS Level II letters.
import { describe, expect, it } from 'vitest';
import { sectionOf } from '../../../../lib/stats/sections';

describe('sectionOf', () => {
  it.each([
    ['00100', 'anesthesia'], ['01999', 'anesthesia'], ['00099', 'cpt-other'],
    ['10004', 'surgery'], ['27447', 'surgery'], ['69990', 'surgery'], ['10003', 'cpt-other'],
    ['70010', 'radiology'], ['79999', 'radiology'],
    ['80047', 'pathlab'], ['88305', 'pathlab'], ['89398', 'pathlab'], ['80046', 'cpt-other'], ['89399', 'cpt-other'],
    ['0001U', 'pathlab'], ['0037U', 'pathlab'], ['0002M', 'pathlab'],
    ['90281', 'medicine'], ['93000', 'medicine'], ['99199', 'medicine'], ['99100', 'medicine'], ['99140', 'medicine'],
    ['99500', 'medicine'], ['99607', 'medicine'], ['99608', 'cpt-other'],
    ['99202', 'em'], ['99213', 'em'], ['99499', 'em'], ['99200', 'cpt-other'], ['99201', 'cpt-other'],
    ['3074F', 'cat2'], ['0591T', 'cat3'], ['0591t', 'cat3'],
    ['G0438', 'hcpcs-G'], ['j3301', 'hcpcs-J'], [' E0114 ', 'hcpcs-E'],
    ['ABCDE', 'unknown'], ['1234', 'unknown'], ['', 'unknown'],
  ])('%s → %s', (code, id) => {
    expect(sectionOf(code).id).toBe(id);
  });

  it('labels', () => {
    expect(sectionOf('99213').label).toBe('Evaluation & Management');
    expect(sectionOf('0001U').label).toBe('Pathology & Laboratory');
    expect(sectionOf('G0438').label).toBe('HCPCS Level II G codes (procedures and professional services)');
    expect(sectionOf('0591T').label).toBe('CPT Category III');
  });
});
