/**
 * Independent cross-check of lib/fees against the raw CMS CSVs: the expected amounts are computed
 * here from the decimal strings with BigInt (no floats, no lib code), then compared to the cent
 * with priceRow for several hundred deterministic-random (row, locality, setting, track) draws,
 * and (when data/generated/public/dataset.json exists) with the lookup CLI run as a subprocess.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Locality, LocalityId, OppsCapRow, PfsRow } from '../../lib/dataset/types';
import { priceRow, type CfTrack, type Setting } from '../../lib/fees/price';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CMS = fileURLToPath(new URL('../../../shared/cms/', import.meta.url));
const PFS_FILE = `${CMS}rvu26c/PPRRVU2026_Jul_nonQPP.csv`;
const GPCI_FILE = `${CMS}rvu26a/ref_geo_adjustment.csv`;
const CAP_FILE = `${CMS}rvu26a/ref_opps_price_cap.csv`;
const DATASET = process.env.FEES_SAMPLE_DATASET ?? `${ROOT}data/generated/public/dataset.json`;
const HAVE_CMS = [PFS_FILE, GPCI_FILE, CAP_FILE].every((f) => existsSync(f));
const HAVE_DATASET = HAVE_CMS && existsSync(DATASET);

const CF_TEXT: Record<CfTrack, string> = { nonQp: '33.4009', qp: '33.5675' };

/** "1.46" -> 146n at 2 decimals; "1.5" -> 1500n at 3; no float involved. */
function dec(text: string, decimals: number): bigint {
  const t = text.trim();
  if (!/^-?\d*(\.\d*)?$/.test(t) || t === '' || t === '.') throw new Error(`not a decimal: "${text}"`);
  const neg = t.startsWith('-');
  const [int = '0', frac = ''] = (neg ? t.slice(1) : t).split('.');
  if (frac.length > decimals && /[1-9]/.test(frac.slice(decimals))) throw new Error(`more than ${decimals} decimals: "${text}"`);
  const v = BigInt((int || '0') + frac.slice(0, decimals).padEnd(decimals, '0'));
  return neg ? -v : v;
}

function csv(file: string): string[][] {
  return Papa.parse<string[]>(readFileSync(file, 'utf8'), { skipEmptyLines: false }).data;
}

interface RawRow {
  cells: string[];
  row: PfsRow;
}
interface RawLocality {
  cells: string[]; // MAC, State, Locality Number, Name, PW w/o floor, PW with floor, PE, MP
  loc: Locality;
}

function loadPfs(): RawRow[] {
  const lines = csv(PFS_FILE);
  // Header stacked on lines 6-10 (1-based); line 10 holds "HCPCS,MOD,DESCRIPTION,..."; data from line 11.
  expect(lines[9]?.[0]).toBe('HCPCS');
  return lines
    .slice(10)
    .filter((c) => c.length === 32 && c[0])
    .map((c) => {
      const g = (i: number) => c[i] ?? '';
      const n = (i: number) => (g(i).trim() === '' ? 0 : Number.parseFloat(g(i)));
      const row: PfsRow = {
        code: g(0),
        modifier: g(1),
        description: g(2),
        status: g(3),
        notUsedForMedicare: g(4).trim() !== '',
        workRvu: n(5),
        peNonFacility: n(6),
        nonFacilityNa: g(7).trim() === 'NA',
        peFacility: n(8),
        facilityNa: g(9).trim() === 'NA',
        mpRvu: n(10),
        totalNonFacility: n(11),
        totalFacility: n(12),
        pctc: g(13),
        globalDays: g(14),
        preOp: n(15),
        intraOp: n(16),
        postOp: n(17),
        multProc: g(18),
        bilatSurg: g(19),
        asstSurg: g(20),
        coSurg: g(21),
        teamSurg: g(22),
        pricInd: g(23),
        endoBase: g(24),
        conversionFactor: n(25),
        physSupervision: g(26),
        calcFlag: g(27),
        imagingFamily: g(28),
        oppsPeNonFacility: n(29),
        oppsPeFacility: n(30),
        oppsMp: n(31),
      };
      return { cells: c, row };
    });
}

function loadGpci(): RawLocality[] {
  const lines = csv(GPCI_FILE);
  expect(lines[0]?.[5]).toMatch(/with 1\.0 Floor/);
  return lines
    .slice(1)
    .filter((c) => c.length >= 8 && /^\d{5}$/.test((c[0] ?? '').trim()))
    .map((c) => {
      const mac = (c[0] ?? '').trim();
      const num = (c[2] ?? '').trim().padStart(2, '0');
      const id = `${mac}-${num}` as LocalityId;
      const loc: Locality = {
        id,
        mac,
        locality: num,
        state: (c[1] ?? '').trim(),
        name: (c[3] ?? '').trim(),
        stateName: '',
        feeScheduleArea: '',
        counties: '',
        workGpci: Number.parseFloat(c[5] ?? ''),
        peGpci: Number.parseFloat(c[6] ?? ''),
        mpGpci: Number.parseFloat(c[7] ?? ''),
        anesCfNonQp: null,
        anesCfQp: null,
      };
      return { cells: c, loc };
    });
}

/** key "code|mod|MAC-LL" -> { cells, cap } */
function loadCaps(): Map<string, { nf: string; f: string; cap: OppsCapRow }> {
  const out = new Map<string, { nf: string; f: string; cap: OppsCapRow }>();
  for (const c of csv(CAP_FILE).slice(1)) {
    const [code = '', mod = '', , carrier = '', locNum = '', fac = '', nonFac = ''] = c.map((x) => x.trim());
    if (!code) continue;
    const localityId = `${carrier}-${locNum.padStart(2, '0')}` as LocalityId;
    out.set(`${code}|${mod}|${localityId}`, {
      nf: nonFac,
      f: fac,
      cap: { code, modifier: mod, localityId, facility: Number.parseFloat(fac), nonFacility: Number.parseFloat(nonFac) },
    });
  }
  return out;
}

/** Expected cents, computed from the strings: null when not priced. */
function expected(r: RawRow, l: RawLocality | null, setting: Setting, track: CfTrack, capText: { nf: string; f: string } | undefined): { cents: number | null; capped: boolean } {
  const c = r.cells;
  const status = (c[3] ?? '').trim();
  if (!['A', 'R', 'T'].includes(status)) return { cents: null, capped: false };
  const na = (setting === 'facility' ? c[9] : c[7])?.trim() === 'NA';
  if (na) return { cents: null, capped: false };
  const d2 = (s: string | undefined) => (s && s.trim() !== '' ? dec(s, 2) : 0n);
  const w = d2(c[5]);
  const pe = d2(setting === 'facility' ? c[8] : c[6]);
  const mp = d2(c[10]);
  const [wg, pg, mg] = l ? [dec(l.cells[5] ?? '', 3), dec(l.cells[6] ?? '', 3), dec(l.cells[7] ?? '', 3)] : [1000n, 1000n, 1000n];
  const cf = dec(CF_TEXT[track], 4);
  const raw = (w * wg + pe * pg + mp * mg) * cf; // 1e-9 dollars
  const UNIT = 10_000_000n; // raw per cent
  if (l && capText) {
    const capCents = dec(setting === 'facility' ? capText.f : capText.nf, 2);
    if (capCents * UNIT < raw) return { cents: Number(capCents), capped: true };
  }
  const cents = (raw * 2n + UNIT) / (2n * UNIT); // half-up for non-negative amounts
  return { cents: Number(cents), capped: false };
}

/** mulberry32: small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Combo {
  r: RawRow;
  l: RawLocality | null;
  setting: Setting;
  track: CfTrack;
}

describe.skipIf(!HAVE_CMS)('fees: independent BigInt computation from the raw CMS CSVs', () => {
  const pfs = HAVE_CMS ? loadPfs() : [];
  const gpci = HAVE_CMS ? loadGpci() : [];
  const caps = HAVE_CMS ? loadCaps() : new Map();
  const rand = prng(20260630);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const settings: Setting[] = ['nonFacility', 'facility'];
  const tracks: CfTrack[] = ['nonQp', 'qp'];

  const combos: Combo[] = [];
  const priced = pfs.filter((r) => ['A', 'R', 'T'].includes(r.row.status));
  const cappedKeys = [...caps.keys()].filter((k) => k.split('|')[2] !== undefined);
  const byKey = new Map(pfs.map((r) => [`${r.row.code}|${r.row.modifier}`, r]));
  const locById = new Map(gpci.map((l) => [l.loc.id, l]));
  for (let i = 0; i < 600; i++) {
    const kind = i % 6;
    let r: RawRow;
    let l: RawLocality | null;
    if (kind === 5 && cappedKeys.length > 0) {
      // A row with an OPPS cap row, in that cap's locality.
      const [code = '', mod = '', id = ''] = pick(cappedKeys).split('|');
      const found = byKey.get(`${code}|${mod}`);
      const loc = locById.get(id as LocalityId);
      if (!found || !loc) continue;
      r = found;
      l = loc;
    } else {
      r = kind === 4 ? pick(pfs) : pick(priced); // some unpriced statuses too
      l = rand() < 0.15 ? null : pick(gpci);
    }
    combos.push({ r, l, setting: pick(settings), track: pick(tracks) });
  }

  it('reads the files as documented', () => {
    expect(pfs.length).toBe(19356);
    expect(gpci.length).toBe(109);
    expect(locById.get('13202-01')?.cells[5]).toBe('1.064');
    expect(caps.size).toBeGreaterThan(10_000);
  });

  it('the domain check values, computed independently', () => {
    const r99213 = byKey.get('99213|')!;
    const r58321 = byKey.get('58321|')!;
    const e = (r: RawRow, id: string | null, s: Setting) => expected(r, id ? locById.get(id as LocalityId)! : null, s, 'nonQp', undefined).cents;
    expect([e(r99213, null, 'nonFacility'), e(r99213, null, 'facility')]).toEqual([9519, 5745]);
    expect([e(r99213, '13202-01', 'nonFacility'), e(r99213, '13202-01', 'facility')]).toEqual([10763, 6378]);
    expect([e(r99213, '02102-01', 'nonFacility'), e(r99213, '02102-01', 'facility')]).toEqual([11872, 7853]);
    expect([e(r99213, '01112-75', 'nonFacility'), e(r99213, '01112-75', 'facility')]).toEqual([9922, 5785]);
    expect([e(r58321, null, 'nonFacility'), e(r58321, null, 'facility')]).toEqual([8384, 4175]);
  });

  it(`priceRow matches to the cent on ${combos.length} sampled combinations`, () => {
    expect(combos.length).toBeGreaterThan(550);
    let pricedCount = 0;
    let cappedCount = 0;
    let national = 0;
    const mismatches: string[] = [];
    for (const { r, l, setting, track } of combos) {
      const capEntry = l ? caps.get(`${r.row.code}|${r.row.modifier}|${l.loc.id}`) : undefined;
      const exp = expected(r, l, setting, track, capEntry);
      const got = priceRow(r.row, l?.loc ?? null, {
        track,
        cf: { nonQp: 33.4009, qp: 33.5675, anesNonQp: null, anesQp: null },
        cap: capEntry?.cap ?? null,
      })[setting];
      if (got.cents !== exp.cents || got.capApplied !== exp.capped) {
        mismatches.push(`${r.row.code}-${r.row.modifier || 'g'} ${l?.loc.id ?? 'national'} ${setting} ${track}: lib ${got.cents} vs ${exp.cents}`);
      }
      if (exp.cents !== null) pricedCount++;
      if (exp.capped) cappedCount++;
      if (!l) national++;
      if (exp.cents === null) expect(got.reason).toBeTruthy();
    }
    expect(mismatches).toEqual([]);
    expect(pricedCount).toBeGreaterThan(300);
    expect(cappedCount).toBeGreaterThan(10);
    expect(national).toBeGreaterThan(30);
  });

  // The CLI part needs the built dataset (npm run data); it must be of the same release.
  const datasetRelease = HAVE_DATASET ? (/"id"\s*:\s*"([^"]+)"/.exec(readFileSync(DATASET, 'utf8').slice(0, 4000))?.[1] ?? '') : '';
  it.skipIf(!HAVE_DATASET)(
    `lookup CLI (--json) agrees on ~20 sampled combinations${HAVE_DATASET ? '' : ' [skipped: data/generated/public/dataset.json is missing; run `npm run data`]'}`,
    () => {
      expect(datasetRelease).toBe('RVU26C');
      // 20 combos in 4 (locality, track) groups, so the CLI loads the dataset 4 times: national,
      // Manhattan QP, Alaska, Rest of California with rows that have an OPPS cap row there.
      const r2 = prng(7);
      const pick2 = <T,>(xs: readonly T[]): T => xs[Math.floor(r2() * xs.length)] as T;
      const capRowsRoCa = cappedKeys.filter((k) => k.endsWith('|01112-75')).map((k) => byKey.get(k.split('|').slice(0, 2).join('|'))).filter((r): r is RawRow => !!r);
      const groups = new Map<string, Combo[]>();
      const plan: Array<[string, CfTrack]> = [['', 'nonQp'], ['13202-01', 'qp'], ['02102-01', 'nonQp'], ['01112-75', 'nonQp']];
      for (const [loc, track] of plan) {
        const l = loc ? locById.get(loc as LocalityId)! : null;
        const list: Combo[] = [];
        for (let i = 0; i < 5; i++) {
          const r = loc === '01112-75' && i < 3 ? pick2(capRowsRoCa) : i === 4 ? pick2(pfs) : pick2(priced);
          list.push({ r, l, setting: 'nonFacility', track });
        }
        groups.set(`${loc}|${track}`, list);
      }
      expect([...groups.values()].flat().length).toBe(20);
      for (const [key, list] of groups) {
        const [loc = '', track = 'nonQp'] = key.split('|');
        const args = ['tsx', 'data/pipeline/lookup.ts', '--json', '--data', DATASET];
        if (loc) args.push('--locality', loc);
        if (track === 'qp') args.push('--qp');
        args.push(...list.map((c) => (c.r.row.modifier ? `${c.r.row.code}-${c.r.row.modifier}` : c.r.row.code)));
        const out = execFileSync('npx', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 32 << 20 });
        const results = JSON.parse(out) as Array<{ code: string; allowed?: Record<Setting, number | null>; error?: string; schedule?: string }>;
        expect(results).toHaveLength(list.length);
        list.forEach((c, i) => {
          const res = results[i]!;
          expect(res.error).toBeUndefined();
          // A non-priced PFS row (status X lab code, DME item…) answers from its own schedule (lib/schedules).
          if (res.schedule !== 'PFS') {
            expect(['A', 'R', 'T']).not.toContain(c.r.row.status);
            return;
          }
          const capEntry = c.l ? caps.get(`${c.r.row.code}|${c.r.row.modifier}|${c.l.loc.id}`) : undefined;
          for (const s of ['nonFacility', 'facility'] as const) {
            const exp = expected(c.r, c.l, s, c.track as CfTrack, capEntry).cents;
            const got = res.allowed?.[s];
            expect(got === null || got === undefined ? null : Math.round(got * 100), `${c.r.row.code}-${c.r.row.modifier} ${loc || 'national'} ${s} ${track}`).toBe(exp);
          }
        });
      }
    },
    120_000,
  );
});
