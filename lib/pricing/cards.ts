/**
 * Cards for the views, from the active release in IndexedDB: fetch the rows of every requested
 * code in one query, then price each with `lib/fees` (the same code as the lookup command).
 * Background-only (reads lib/db).
 */
import type { CardRow, CodeCard, CodeRequest, SearchRow } from '../card';
import { codeKindLabel, isLicensedDescriptor } from '../codes/kind';
import { PRICED_STATUSES, type Locality, type LocalityId, type OppsCapRow, type PfsRow } from '../dataset/types';
import { getCaps, getCodeRows, getLocality, allCodeRows, getOtherScheduleRows } from '../db/queries';
import { describeOtherSchedules, stateOfLocality, type ScheduleAnswer } from '../schedules';
import { getMeta } from '../db/release';
import type { DatasetMeta, RvuLensDB } from '../db/schema';
import { isPriceError, priceCode, type FeeSource } from '../fees/price-code';
import { priceRow } from '../fees/price';
import { centsToDollars } from '../fees/money';
import type { UserSettings } from '../settings';
import { cardExtras, loadExtras } from './extras';
import { GLOBAL_TEST_COMPONENTS, relatedCodes } from '../stats/related';

/** Every code of the global-test table, fetched with a request that touches one of them. */
const GLOBAL_TEST_CODES = new Set(Object.entries(GLOBAL_TEST_COMPONENTS).flatMap(([g, c]) => [g, ...c.technical, ...c.professional]));

type CardResult = CodeCard | { code: string; error: string };

type CardSettings = Pick<UserSettings, 'locality' | 'setting' | 'cfTrack' | 'dmeposRural'>;

export async function buildCards(db: RvuLensDB, requests: readonly CodeRequest[], settings: CardSettings, now: Date = new Date()): Promise<CardResult[]> {
  const meta = await getMeta(db);
  if (!meta) return requests.map((r) => ({ code: r.code, error: 'No fee schedule is loaded yet.' }));
  const { source, rowsByCode, locality } = await activeFeeSource(db, meta, requests.map((r) => r.code), settings.locality);
  const extras = await loadExtras(db, meta.release.id);
  const other = await getOtherScheduleRows(db, requests.map((r) => r.code));
  const state = stateOfLocality(locality);
  return requests.map((req): CardResult => {
    const code = req.code.toUpperCase();
    const modifiers = req.modifiers ?? [];
    const pfsRows = rowsByCode.get(code) ?? [];
    const hcpcs = other.hcpcs.get(code);
    const schedule = describeOtherSchedules(code, modifiers, {
      hcpcs,
      clfs: other.clfs.get(code) ?? [],
      dmepos: other.dmepos.get(code) ?? [],
      pfsStatus: (pfsRows.find((r) => r.modifier === '') ?? pfsRows[0])?.status,
      state,
      rural: settings.dmeposRural,
      now,
    });
    if (pfsRows.length === 0) {
      if (!schedule.known) return { code, error: `${code} is not in the loaded fee schedules` };
      return notInPfsCard(code, modifiers, req.units ?? 1, schedule, meta, locality, settings);
    }
    const res = priceCode(source, {
      code,
      modifiers,
      units: req.units ?? 1,
      localityId: (locality?.id ?? null) as LocalityId | null,
      setting: settings.setting,
      track: settings.cfTrack,
    });
    if (isPriceError(res)) return { code: res.code, error: res.error };
    const related: CardRow[] =
      pfsRows.length > 1
        ? pfsRows.map((row) => {
            const p = priceRow(row, locality, { track: settings.cfTrack, cf: meta.conversionFactors, cap: locality ? (source.cap(row.code, row.modifier, locality.id) ?? null) : null });
            return { modifier: row.modifier, workRvu: row.workRvu, allowed: { nonFacility: centsToDollars(p.nonFacility.cents), facility: centsToDollars(p.facility.cents) } };
          })
        : [];
    const baseAllowed = { nonFacility: centsToDollars(res.baseCents.nonFacility), facility: centsToDollars(res.baseCents.facility) };
    const rel = relatedCodes(res.code, (c) => rowsByCode.get(c) ?? []);
    const more = cardExtras({ ...res, baseAllowed, preferredSetting: settings.setting }, extras);
    return {
      ...res,
      ...more,
      related: rel.kind === 'none' ? null : { text: rel.text, codes: [...(rel.global ? [rel.global] : []), ...rel.technical, ...rel.professional] },
      // HCPCS Level II long descriptions are public domain and read far better than the short ones.
      description: hcpcs?.longDescription || res.description,
      kind: codeKindLabel(res.code),
      descriptorMissing: !res.description && !meta.cptDescriptors && isLicensedDescriptor(res.code),
      priced: PRICED_STATUSES.has(res.status),
      preferredSetting: settings.setting,
      baseAllowed,
      adjustedByRequest: res.cents.nonFacility !== res.baseCents.nonFacility || res.cents.facility !== res.baseCents.facility,
      relatedRows: related,
      inPfs: true,
      schedule,
    };
  });
}

/**
 * A FeeSource over the active release for the given codes: their rows (plus the global-test
 * components and endoscopy base codes they may need), the user's locality and its OPPS caps.
 */
export async function activeFeeSource(db: RvuLensDB, meta: DatasetMeta, codes: readonly string[], localityId: string | null) {
  const wanted = codes.map((c) => c.toUpperCase());
  if (wanted.some((c) => GLOBAL_TEST_CODES.has(c))) wanted.push(...GLOBAL_TEST_CODES);
  let rowsByCode = await getCodeRows(db, wanted);
  // Endoscopy-family codes (multiple procedure 3) are priced against their base code's rows too.
  const endoBases = [...rowsByCode.values()].flat().map((r) => r.endoBase).filter((c) => c && !rowsByCode.has(c));
  if (endoBases.length) rowsByCode = new Map([...rowsByCode, ...(await getCodeRows(db, endoBases))]);
  const locality = await getLocality(db, localityId);
  const capKeys = [...rowsByCode.values()].flat().map((r) => ({ code: r.code, modifier: r.modifier }));
  const caps = locality ? await getCaps(db, capKeys) : new Map();
  const source: FeeSource = {
    rows: (code) => rowsByCode.get(code) ?? [],
    locality: (id) => (locality && id === locality.id ? locality : undefined),
    cap: (code, modifier, lid): OppsCapRow | undefined => {
      const c = caps.get(`${code}|${modifier}`)?.caps[lid];
      return c ? { code, modifier, localityId: lid, facility: c[0], nonFacility: c[1] } : undefined;
    },
    conversionFactors: meta.conversionFactors,
    release: meta.release,
  };
  return { source, rowsByCode, locality };
}

/** A card for a code paid outside the PFS (lab, DME, drug, device): no RVUs, the schedule's amount. */
function notInPfsCard(
  code: string,
  modifiers: string[],
  units: number,
  schedule: ScheduleAnswer,
  meta: DatasetMeta,
  locality: Locality | null,
  settings: CardSettings,
): CodeCard {
  const zero = { nonFacility: 0, facility: 0 };
  const amount = { nonFacility: schedule.amount, facility: schedule.amount };
  const cents = { nonFacility: schedule.amount === null ? null : Math.round(schedule.amount * 100), facility: schedule.amount === null ? null : Math.round(schedule.amount * 100) };
  const reason = schedule.amount === null ? schedule.amountLabel || schedule.statement : null;
  return {
    code,
    modifier: modifiers.length ? modifiers.join('-') : null,
    modifiers,
    rowModifier: schedule.rowModifier ?? '',
    units,
    description: schedule.description ?? '',
    status: '',
    statusLabel: schedule.schedule === 'none' ? 'not priced here' : `${schedule.schedule}`,
    statusText: schedule.statement,
    notUsedForMedicare: false,
    workRvu: 0,
    peRvu: zero,
    mpRvu: 0,
    totalRvu: zero,
    na: { nonFacility: false, facility: false },
    globalDays: '',
    pctc: '',
    allowed: amount,
    cents,
    reasons: { nonFacility: reason, facility: reason },
    baseCents: cents,
    adjustments: [],
    notes: [],
    opps: { status: 'none', note: null, cap: null, applied: { nonFacility: false, facility: false } },
    locality: locality ? { id: locality.id, name: locality.name, state: locality.state } : { id: null, name: 'National', state: null },
    track: settings.cfTrack,
    conversionFactor: settings.cfTrack === 'qp' ? meta.conversionFactors.qp : meta.conversionFactors.nonQp,
    release: meta.release.id,
    setting: settings.setting,
    kind: codeKindLabel(code),
    descriptorMissing: !schedule.description && !meta.cptDescriptors && isLicensedDescriptor(code),
    priced: schedule.amount !== null,
    preferredSetting: settings.setting,
    baseAllowed: amount,
    adjustedByRequest: false,
    relatedRows: [],
    inPfs: false,
    schedule,
    comparison: null,
    yoy: null,
    related: null,
  };
}

/** The popup's search corpus: one row per code (its global row), priced at the user's settings. */
export async function buildSearchCorpus(db: RvuLensDB, settings: CardSettings, now: Date = new Date()): Promise<SearchRow[]> {
  const meta = await getMeta(db);
  if (!meta) return [];
  const locality: Locality | null = await getLocality(db, settings.locality);
  const [rows, hcpcsRows, clfs, dmepos] = await Promise.all([allCodeRows(db), db.hcpcs.toArray(), db.clfs.toArray(), db.dmepos.toArray()]);
  const hcpcsByCode = new Map(hcpcsRows.map((h) => [h.code, h]));
  const byCode = new Map<string, PfsRow>();
  for (const r of rows) {
    const cur = byCode.get(r.code);
    if (!cur || (r.modifier === '' && cur.modifier !== '')) byCode.set(r.code, r);
  }
  const out: SearchRow[] = [];
  for (const r of byCode.values()) {
    const p = priceRow(r, locality, { track: settings.cfTrack, cf: meta.conversionFactors });
    const hcpcs = hcpcsByCode.get(r.code);
    out.push({ code: r.code, description: hcpcs?.longDescription || r.description, status: r.status, workRvu: r.workRvu, allowed: centsToDollars(p[settings.setting].cents) });
  }
  // Codes paid outside the PFS (current HCPCS Level II codes, lab codes): their schedule's amount.
  const state = stateOfLocality(locality);
  const others = new Set([...hcpcsByCode.keys(), ...clfs.map((c) => c.code)].filter((c) => !byCode.has(c)));
  const clfsBy = new Map<string, typeof clfs>();
  for (const c of clfs) clfsBy.set(c.code, [...(clfsBy.get(c.code) ?? []), c]);
  const dmeBy = new Map<string, typeof dmepos>();
  for (const d of dmepos) dmeBy.set(d.code, [...(dmeBy.get(d.code) ?? []), d]);
  for (const code of others) {
    const hcpcs = hcpcsByCode.get(code);
    if (hcpcs?.termDate && hcpcs.termDate < now.toISOString().slice(0, 10).replaceAll('-', '')) continue;
    const a = describeOtherSchedules(code, [], { hcpcs, clfs: clfsBy.get(code) ?? [], dmepos: dmeBy.get(code) ?? [], state, rural: settings.dmeposRural, now });
    out.push({ code, description: a.description ?? '', status: '', workRvu: 0, allowed: a.amount });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}
