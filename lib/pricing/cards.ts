/**
 * Cards for the views, from the active release in IndexedDB: fetch the rows of every requested
 * code in one query, then price each with `lib/fees` (the same code as the lookup command).
 * Background-only (reads lib/db).
 */
import type { CardRow, CodeCard, CodeRequest, SearchRow } from '../card';
import { codeKindLabel, isLicensedDescriptor } from '../codes/kind';
import type { Locality, LocalityId, OppsCapRow, PfsRow } from '../dataset/types';
import { getCaps, getCodeRows, getLocality, allCodeRows } from '../db/queries';
import { getMeta } from '../db/release';
import type { RvuLensDB } from '../db/schema';
import { isPriceError, priceCode, type FeeSource } from '../fees/price-code';
import { priceRow } from '../fees/price';
import { centsToDollars } from '../fees/money';
import type { UserSettings } from '../settings';

type CardResult = CodeCard | { code: string; error: string };

export async function buildCards(db: RvuLensDB, requests: readonly CodeRequest[], settings: Pick<UserSettings, 'locality' | 'setting' | 'cfTrack'>): Promise<CardResult[]> {
  const meta = await getMeta(db);
  if (!meta) return requests.map((r) => ({ code: r.code, error: 'No fee schedule is loaded yet.' }));
  let rowsByCode = await getCodeRows(db, requests.map((r) => r.code));
  // Endoscopy-family codes (multiple procedure 3) are priced against their base code's rows too.
  const endoBases = [...rowsByCode.values()].flat().map((r) => r.endoBase).filter((c) => c && !rowsByCode.has(c));
  if (endoBases.length) rowsByCode = new Map([...rowsByCode, ...(await getCodeRows(db, endoBases))]);
  const locality = await getLocality(db, settings.locality);
  const capKeys = [...rowsByCode.values()].flat().map((r) => ({ code: r.code, modifier: r.modifier }));
  const caps = locality ? await getCaps(db, capKeys) : new Map();
  const source: FeeSource = {
    rows: (code) => rowsByCode.get(code) ?? [],
    locality: (id) => (locality && id === locality.id ? locality : undefined),
    cap: (code, modifier, localityId): OppsCapRow | undefined => {
      const c = caps.get(`${code}|${modifier}`)?.caps[localityId];
      return c ? { code, modifier, localityId, facility: c[0], nonFacility: c[1] } : undefined;
    },
    conversionFactors: meta.conversionFactors,
    release: meta.release,
  };
  return requests.map((req) => {
    const res = priceCode(source, {
      code: req.code,
      modifiers: req.modifiers ?? [],
      units: req.units ?? 1,
      localityId: (locality?.id ?? null) as LocalityId | null,
      setting: settings.setting,
      track: settings.cfTrack,
    });
    if (isPriceError(res)) return { code: res.code, error: res.error };
    const rows = rowsByCode.get(res.code) ?? [];
    const related: CardRow[] =
      rows.length > 1
        ? rows.map((row) => {
            const p = priceRow(row, locality, { track: settings.cfTrack, cf: meta.conversionFactors, cap: source.cap(row.code, row.modifier, (locality?.id ?? '00000-00') as LocalityId) ?? null });
            return { modifier: row.modifier, workRvu: row.workRvu, allowed: { nonFacility: centsToDollars(p.nonFacility.cents), facility: centsToDollars(p.facility.cents) } };
          })
        : [];
    const baseAllowed = { nonFacility: centsToDollars(res.baseCents.nonFacility), facility: centsToDollars(res.baseCents.facility) };
    return {
      ...res,
      kind: codeKindLabel(res.code),
      descriptorMissing: !res.description && !meta.cptDescriptors && isLicensedDescriptor(res.code),
      priced: res.cents.nonFacility !== null || res.cents.facility !== null || ['A', 'R', 'T'].includes(res.status),
      preferredSetting: settings.setting,
      baseAllowed,
      adjustedByRequest: res.adjustments.length > 0 && (res.cents.nonFacility !== res.baseCents.nonFacility || res.cents.facility !== res.baseCents.facility),
      relatedRows: related,
    };
  });
}

/** The popup's search corpus: one row per code (its global row), priced at the user's settings. */
export async function buildSearchCorpus(db: RvuLensDB, settings: Pick<UserSettings, 'locality' | 'setting' | 'cfTrack'>): Promise<SearchRow[]> {
  const meta = await getMeta(db);
  if (!meta) return [];
  const locality: Locality | null = await getLocality(db, settings.locality);
  const rows = await allCodeRows(db);
  const byCode = new Map<string, PfsRow>();
  for (const r of rows) {
    const cur = byCode.get(r.code);
    if (!cur || (r.modifier === '' && cur.modifier !== '')) byCode.set(r.code, r);
  }
  const out: SearchRow[] = [];
  for (const r of byCode.values()) {
    const p = priceRow(r, locality, { track: settings.cfTrack, cf: meta.conversionFactors });
    out.push({ code: r.code, description: r.description, status: r.status, workRvu: r.workRvu, allowed: centsToDollars(p[settings.setting].cents) });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}
