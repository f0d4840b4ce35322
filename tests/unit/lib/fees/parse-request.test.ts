import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../../../lib/fees/parse-request';

describe('parseRequest', () => {
  it.each([
    ['99213', '99213', [], 1],
    ['88305-26', '88305', ['26'], 1],
    ['27447-50', '27447', ['50'], 1],
    ['99213-25-GC', '99213', ['25', 'GC'], 1],
    ['93976tc'.replace('tc', '-tc'), '93976', ['TC'], 1],
    ['g0438', 'G0438', [], 1],
    ['0591T', '0591T', [], 1],
    ['97110x3', '97110', [], 3],
    ['97110X3', '97110', [], 3],
    ['27447-50x2', '27447', ['50'], 2],
    ['99213-X2', '99213', ['X2'], 1],
    ['99213-25-25', '99213', ['25'], 1],
    ['  99213-25 ', '99213', ['25'], 1],
  ])('%s', (input, code, modifiers, units) => {
    expect(parseRequest(input)).toEqual({ ok: true, code, modifiers, units });
  });
  it.each([
    ['', /empty/],
    ['9921', /not a CPT\/HCPCS code/],
    ['992133', /not a CPT\/HCPCS code/],
    ['99213-2', /not a modifier/],
    ['99213-ABC', /not a modifier/],
    ['99213--25', /not a modifier/],
    ['99213x0', /units must be/],
    ['99213x1000', /units must be/],
    ['9921!', /not a CPT/],
  ])('rejects %j', (input, msg) => {
    const r = parseRequest(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });
});
