// Tests lib/dataset/codec.ts (kept here with the pipeline that produces its input).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../../../lib/cms/build-dataset';
import { sha256Hex } from '../../../../lib/cms/sha256';
import { decodeDataset, encodeDataset } from '../../../../lib/dataset/codec';
import { fixtureSource } from './fixtures';

const ds = buildDataset({
  pfs: fixtureSource('pfs-2026-stacked.csv'),
  gpci: fixtureSource('gpci-reformatted-2026.csv'),
  locco: fixtureSource('locality-counties-2026-damaged.csv'),
  anes: fixtureSource('anes-2026.csv'),
  oppscap: fixtureSource('opps-cap-2026.csv'),
  loccoFallback: fixtureSource('locality-counties-raw-2025.csv'),
  hcpcs: fixtureSource('hcpcs-2025.csv'),
  clfs: fixtureSource('clfs-2026.csv'),
  dmepos: fixtureSource('dmepos-2025.csv'),
});

describe('encodeDataset / decodeDataset', () => {
  const text = encodeDataset(ds);

  it('round-trips', () => {
    expect(decodeDataset(text)).toEqual(ds);
    expect(encodeDataset(decodeDataset(text))).toBe(text);
  });

  it('is compact: one table row per line, columns listed once, booleans as 0/1', () => {
    const lines = text.split('\n');
    expect(lines).toContain('["99213","","Fixture office visit level three","A",0,1.3,1.46,0,0.33,0,0.09,2.85,1.72,"0","XXX",0,0,0,"0","0","0","0","0","9","",33.4009,"09","0","99",0,0,0],');
    expect(lines.filter((l) => l.includes('"columns"'))).toHaveLength(7);
    expect(text).toContain('"dmepos":{"columns":["code","modifier","modifier2","jurisdiction","category","ceiling","floor","description","amounts"],"states":["AL",');
    expect(lines.find((l) => l.startsWith('["L1830","","",'))).toContain('"Fixture knee orthosis",[50,0,');
    expect(lines).toContain('["0620U","","L",null,"20260401","Fixture local pla","Fixture local pla extended"],');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('does not depend on key order of the input objects', () => {
    const shuffled = { ...ds, pfs: ds.pfs.map((r) => Object.fromEntries(Object.entries(r).reverse()) as typeof r) };
    expect(encodeDataset(shuffled)).toBe(text);
  });

  it.each([
    { what: 'not JSON', text: '{oops', message: 'dataset: not valid JSON' },
    { what: 'another schema version', text: text.replace('"schemaVersion":2', '"schemaVersion":3'), message: 'dataset: schemaVersion 3 is not the supported 2' },
    { what: 'a schema version 1 file', text: text.replace('"schemaVersion":2', '"schemaVersion":1'), message: 'dataset: schemaVersion 1 is an older format (no HCPCS, CLFS or DMEPOS tables)' },
    { what: 'no dmepos table', text: text.replace(/,\n"dmepos":\{[\s\S]*\]\}\n\}/, '\n}'), message: 'dataset: bad shape at dmepos' },
    { what: 'a short DMEPOS amounts array', text: text.replace('"Fixture knee orthosis",[50,0,', '"Fixture knee orthosis",[50,'), message: /dataset: dmepos row \d+ field "amounts" should hold 106 values/ },
    { what: 'a missing meta field', text: text.replace('"cptDescriptors":true,', ''), message: 'dataset: bad shape at cptDescriptors' },
    { what: 'a missing column', text: text.replace('"columns":["code",', '"columns":["kode",'), message: 'dataset: table "pfs" lacks column(s) code' },
    { what: 'a short row', text: text.replace(',33.4009,"09","0","99",0,0,0]', ',33.4009,"09","0","99",0,0]'), message: /dataset: pfs row \d+ has 31 values, expected 32/ },
    { what: 'a wrong type', text: text.replace('"A",0,1.3,1.46', '"A",0,"1.3",1.46'), message: /dataset: pfs row \d+ field "workRvu" is "1.3", expected number/ },
  ])('throws on $what', ({ text: bad, message }) => {
    expect(() => decodeDataset(bad)).toThrow(message);
  });
});

describe('sha256Hex', () => {
  it.each(['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'é → ✓\r\n'.repeat(300)])('matches node:crypto for %#', (s) => {
    expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });
});
