/** Message validation (background): unknown types, caps, code grammar, and who may mutate. */
import { describe, expect, it } from 'vitest';
import { MAX_BATCH, MAX_DATASET_CHARS, validateMessage } from '../../../../lib/messages/validate';

const reqs = (n: number, code = '99213') => ({ requests: Array.from({ length: n }, () => ({ code })) });

describe('validateMessage', () => {
  it('rejects unknown message types, including prototype keys', () => {
    for (const t of ['deleteEverything', '', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'x'.repeat(10_000)]) {
      const v = validateMessage(t, undefined, true);
      expect(v.ok, t.slice(0, 20)).toBe(false);
      if (!v.ok) expect(v.error.length).toBeLessThan(80);
    }
  });

  it('accepts a lookup batch of exactly MAX_BATCH and rejects one more', () => {
    expect(MAX_BATCH).toBe(500);
    expect(validateMessage('lookupCodes', reqs(500), false).ok).toBe(true);
    expect(validateMessage('lookupCodes', reqs(501), false).ok).toBe(false);
  });

  it('rejects codes and modifiers outside the grammar', () => {
    for (const code of ['<img>', '<img src=x onerror=alert(1)>', '9921', '992133', '99 13', '', '9921\u0000', '９９２１３'])
      expect(validateMessage('lookupCodes', { requests: [{ code }] }, false).ok, JSON.stringify(code)).toBe(false);
    expect(validateMessage('lookupCodes', { requests: [{ code: '99213', modifiers: ['<b'] }] }, false).ok).toBe(false);
    expect(validateMessage('lookupCodes', { requests: [{ code: '99213', modifiers: ['25', '59', '76', '77', 'RT'] }] }, false).ok).toBe(false);
    expect(validateMessage('lookupCodes', { requests: [{ code: '99213', units: 0 }] }, false).ok).toBe(false);
    expect(validateMessage('lookupCodes', { requests: [{ code: '99213', units: 1.5 }] }, false).ok).toBe(false);
    expect(validateMessage('lookupCodes', { requests: [{ code: '99213', units: 1000 }] }, false).ok).toBe(false);
    expect(validateMessage('lookupCodes', { requests: 'all' }, false).ok).toBe(false);
    expect(validateMessage('lookupCodes', null, false).ok).toBe(false);
  });

  it('normalises valid lookups and drops unknown fields', () => {
    const v = validateMessage('lookupCodes', { requests: [{ code: 'g0438', modifiers: ['tc'], units: 2, evil: '<script>' }], extra: 1 }, false);
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.data).toEqual({ requests: [{ code: 'G0438', modifiers: ['TC'], units: 2 }] });
  });

  it('mutating and extension-page-only messages are rejected from a content script (non-extension sender)', () => {
    const dataset = JSON.stringify({ hello: 'world' });
    for (const [type, data] of [
      ['importRelease', { datasetText: dataset }],
      ['resetToBundled', undefined],
      ['getSearchCorpus', undefined],
      ['listLocalities', undefined],
      ['getDatasetInfo', undefined],
    ] as const) {
      const v = validateMessage(type, data, false);
      expect(v.ok, type).toBe(false);
      if (!v.ok) expect(v.error).toMatch(/extension pages/);
    }
  });

  it('accepts the same messages from extension pages, with payload checks still applied', () => {
    expect(validateMessage('importRelease', { datasetText: '{"x":1}' }, true).ok).toBe(true);
    expect(validateMessage('resetToBundled', undefined, true).ok).toBe(true);
    expect(validateMessage('getDatasetInfo', undefined, true).ok).toBe(true);
    expect(validateMessage('importRelease', { datasetText: 42 }, true).ok).toBe(false);
    expect(validateMessage('importRelease', {}, true).ok).toBe(false);
    expect(validateMessage('resetToBundled', { surprise: true }, true).ok).toBe(false);
  });

  it('refuses an absurdly large dataset before parsing it', () => {
    const big = { length: MAX_DATASET_CHARS + 1 };
    // A real 64 MB string is costly to build; zod checks `.length` of a string, so build one just over the cap.
    const text = 'x'.repeat(big.length);
    expect(validateMessage('importRelease', { datasetText: text }, true).ok).toBe(false);
  });

  it('lookups are open to content scripts', () => {
    expect(validateMessage('lookupCodes', reqs(3), false).ok).toBe(true);
    expect(validateMessage('lookupCodes', { requests: [] }, false).ok).toBe(true);
  });
});
