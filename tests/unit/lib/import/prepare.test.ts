import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { prepareImport } from '../../../../lib/import/prepare';
import { decodeCsvBytes, readInputFiles, type InputFile } from '../../../../lib/import/read-files';
import type { Locality } from '../../../../lib/dataset/types';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const RVU25D = resolve(ROOT, '../shared/cms/rvu25d');
const file = (name: string, text: string): InputFile => ({ name, bytes: strToU8(text) });
const real = (name: string): InputFile => ({ name, bytes: new Uint8Array(readFileSync(join(RVU25D, name))) });
const rvu25d = (): InputFile[] => readdirSync(RVU25D).filter((n) => n.endsWith('.csv')).sort().map(real);

// Small hand-written files in the CMS layouts (invented rows; figures typed in as facts).
const PFS_HEAD = [
  ',,2025 National Physician Fee Schedule Relative Value File October Release,,',
  ',,RELEASED 09/11/2025,,',
  'HCPCS,MOD,DESCRIPTION,STATUS CODE,NOT USED FOR MEDICARE PAYMENT,WORK RVU,NON-FAC PE RVU,NON-FAC NA INDICATOR,FACILITY PE RVU,FACILITY NA INDICATOR,MP RVU,NON-FACILITY TOTAL,FACILITY TOTAL,PCTC IND,GLOB DAYS,PRE OP,INTRA OP,POST OP,MULT PROC,BILAT SURG,ASST SURG,CO-SURG,TEAM SURG,ENDO BASE,CONV FACTOR,PHYSICIAN SUPERVISION OF DIAGNOSTIC PROCEDURES,CALCULATION FLAG,DIAGNOSTIC IMAGING FAMILY INDICATOR,NON-FACILITY PE USED FOR OPPS PAYMENT AMOUNT,FACILITY PE USED FOR OPPS PAYMENT AMOUNT,MP USED FOR OPPS PAYMENT AMOUNT',
];
const pfsRow = (code: string, desc: string): string => `${code},,${desc},A,,1.30,1.35,,0.30,,0.10,2.75,1.70,0,XXX,0.00,0.00,0.00,0,0,0,0,0,,32.3465,09,,99,0.00,0.00,0.00`;
const PFS = [...PFS_HEAD, pfsRow('99213', 'Office visit invented'), pfsRow('99214', 'Another invented visit')].join('\r\n');
const GPCI = ['Medicare Administrative Contractor (MAC),State,Locality Number,Locality Name,2025 PW GPCI (with 1.0 Floor),2025 PE GPCI,2025 MP GPCI', '02102,AK,01,ALASKA,1.5,1.081,0.592', '13202,NY,01,MANHATTAN,1.064,1.162,1.586'].join('\n');
const LOCCO = ['Medicare Adminstrative Contractor,Locality Number,State ,Fee Schedule Area ,Counties', '02102,01,ALASKA,STATEWIDE,ALL COUNTIES', '13202,01,NEW YORK,MANHATTAN,NEW YORK'].join('\n');

const LOADED: Locality[] = [
  { id: '13202-01', mac: '13202', locality: '01', state: 'NY', name: 'MANHATTAN', stateName: 'NEW YORK', feeScheduleArea: 'MANHATTAN', counties: 'NEW YORK', workGpci: 1.064, peGpci: 1.162, mpGpci: 1.586, anesCfNonQp: null, anesCfQp: null },
];

describe('prepareImport: the 2025 release', () => {
  it('reads the five loose CSVs of RVU25D and reports every file', async () => {
    const plan = await prepareImport(rvu25d());
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.report.releaseId).toBe('RVU25D');
    expect(plan.report.counts.localities).toBeGreaterThan(100);
    expect(plan.report.used.map((u) => u.role).sort()).toEqual(['anes', 'gpci', 'locco', 'oppscap', 'pfs']);
    const pfs = plan.report.files.find((f) => f.role === 'pfs')!;
    expect(pfs.rowsRead).toBeGreaterThan(18_000);
    expect(pfs.accepted).toBe(plan.dataset.pfs.length);
    const r = plan.dataset.pfs.find((p) => p.code === '99213' && p.modifier === '')!;
    expect([r.workRvu, r.peNonFacility, r.mpRvu, r.conversionFactor]).toEqual([1.3, 1.35, 0.1, 32.3465]);
  });

  it('reads the same files from a zip, skipping the PDF', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (const f of rvu25d()) entries[`RVU25D/${f.name}`] = f.bytes;
    entries['RVU25D/RVU25D.pdf'] = new Uint8Array(readFileSync(join(RVU25D, 'RVU25D.pdf')));
    const plan = await prepareImport([{ name: 'rvu25d.zip', bytes: zipSync(entries) }]);
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.report.releaseId).toBe('RVU25D');
    expect(plan.report.skipped.map((s) => s.name)).toEqual(['rvu25d.zip › RVU25D.pdf']);
  });
});

describe('prepareImport: malformed input leaves a plain-language error', () => {
  const expectError = async (files: InputFile[], re: RegExp, opts = {}): Promise<void> => {
    const plan = await prepareImport(files, opts);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.error).toMatch(re);
  };

  it('nothing chosen', () => expectError([], /No file was chosen/));
  it('an empty file', () => expectError([file('PPRRVU2025_Oct.csv', '')], /empty/));
  it('a whitespace-only file', () => expectError([file('PPRRVU2025_Oct.csv', '\r\n \r\n'), file('GPCI2025.csv', GPCI), file('25LOCCO.csv', LOCCO)], /empty/));
  it('wrong encoding: UTF-16', () => expectError([{ name: 'PPRRVU2025_Oct.csv', bytes: new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x43, 0x00]) }], /wrong encoding \(UTF-16\)/));
  it('wrong encoding: binary (an xlsx renamed .csv)', () => expectError([{ name: 'PPRRVU2025_Oct.csv', bytes: new Uint8Array([0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0]) }], /zip|wrong encoding/));
  it('wrong encoding: binary bytes', () => expectError([{ name: 'PPRRVU2025_Oct.csv', bytes: new Uint8Array([0x48, 0x43, 0x00, 0x01, 0x02]) }], /wrong encoding \(binary/));
  it('a zip with no RVU file', () => expectError([{ name: 'x.zip', bytes: zipSync({ 'GPCI2025.csv': strToU8(GPCI), 'readme.txt': strToU8('hello') }) }], /No RVU file/));
  it('a zip with no CSV at all', () => expectError([{ name: 'x.zip', bytes: zipSync({ 'readme.txt': strToU8('hello') }) }], /holds no CSV/));
  it('a corrupt zip', () => expectError([{ name: 'x.zip', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) }], /not a readable zip/));
  it('only non-CSV files', () => expectError([file('notes.txt', 'hello')], /None of the chosen files/));
  it('wrong columns in the RVU file', () =>
    expectError([file('PPRRVU2025_Oct.csv', [PFS_HEAD[0], 'HCPCS,MOD,DESCRIPTION,PRICE,COLOR', '99213,,Visit,12,red'].join('\n')), file('GPCI2025.csv', GPCI), file('25LOCCO.csv', LOCCO)], /PPRRVU2025_Oct\.csv: /));
  it('no GPCI and nothing loaded to fall back on', () => expectError([file('PPRRVU2025_Oct.csv', PFS)], /No GPCI file/));
});

describe('prepareImport: report of accepted and rejected rows', () => {
  it('counts duplicate rows as rejected and warns', async () => {
    const text = `${PFS}\r\n${pfsRow('99213', 'Office visit invented')}`;
    const plan = await prepareImport([file('PPRRVU2025_Oct.csv', text), file('GPCI2025.csv', GPCI), file('25LOCCO.csv', LOCCO)]);
    if (!plan.ok) throw new Error(plan.error);
    const pfs = plan.report.files.find((f) => f.role === 'pfs')!;
    expect([pfs.rowsRead, pfs.accepted, pfs.rejected.duplicate]).toEqual([3, 2, 1]);
    expect(plan.report.warnings.join(' ')).toMatch(/1 row rejected \(duplicate\)/);
    expect(plan.report.warnings.join(' ')).toMatch(/about 19,000/);
  });

  it('a truncated RVU file: the cut row is rejected, the rest reported', async () => {
    const cut = PFS.slice(0, PFS.length - 40);
    const plan = await prepareImport([file('PPRRVU2025_Oct.csv', cut), file('GPCI2025.csv', GPCI), file('25LOCCO.csv', LOCCO)]);
    if (!plan.ok) throw new Error(plan.error);
    const pfs = plan.report.files.find((f) => f.role === 'pfs')!;
    expect(pfs.accepted).toBe(1);
    expect(pfs.rowsRead - pfs.accepted).toBe(1);
    expect(plan.report.warnings.length).toBeGreaterThan(0);
  });

  it('a real RVU file cut in half still parses, and says it is short', async () => {
    const full = readFileSync(join(RVU25D, 'PPRRVU2025_Oct.csv'), 'utf8');
    const half = full.slice(0, Math.floor(full.length / 3));
    const plan = await prepareImport([file('PPRRVU2025_Oct.csv', half), real('GPCI2025.csv'), real('25LOCCO.csv')]);
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.report.warnings.join(' ')).toMatch(/Is the RVU file complete/);
  });

  it('no GPCI file: keeps the localities loaded now and says so', async () => {
    const plan = await prepareImport([file('PPRRVU2025_Oct.csv', PFS)], { currentLocalities: LOADED });
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.dataset.localities).toEqual(LOADED);
    expect(plan.report.notes.join(' ')).toMatch(/No GPCI file: the 1 localities loaded now/);
    expect(plan.dataset.sources.map((s) => s.role)).toEqual(['pfs']);
  });

  it('a Windows-1252 file is read like the pipeline reads it', async () => {
    const bytes = strToU8(PFS.replace('Office visit invented', 'Office visit caf\u00e9'), true); // latin1 bytes
    const plan = await prepareImport([{ name: 'PPRRVU2025_Oct.csv', bytes }, file('GPCI2025.csv', GPCI), file('25LOCCO.csv', LOCCO)]);
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.dataset.pfs[0]!.description).toBe('Office visit caf\u00e9');
    expect(plan.report.notes.join(' ')).toMatch(/Windows-1252/);
  });

  it('reports progress steps in order', async () => {
    const steps: string[] = [];
    await prepareImport([file('PPRRVU2025_Oct.csv', PFS), file('GPCI2025.csv', GPCI), file('25LOCCO.csv', LOCCO)], { onStep: (s) => steps.push(s) });
    expect(steps).toEqual(['reading', 'detecting', 'parsing', 'validating']);
  });
});

describe('readInputFiles', () => {
  it('decodes UTF-8 with a BOM and lists skipped files', async () => {
    const { texts, skipped } = await readInputFiles([file('GPCI2025.csv', `\uFEFF${GPCI}`), file('RVU25D.pdf', '%PDF')]);
    expect(texts[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(skipped).toEqual([{ name: 'RVU25D.pdf', reason: 'not a CSV or zip file' }]);
  });
  it('decodeCsvBytes keeps valid UTF-8 as is', () => {
    expect(decodeCsvBytes('a.csv', strToU8('Caf\u00e9,1')).text).toBe('Caf\u00e9,1');
  });
});
