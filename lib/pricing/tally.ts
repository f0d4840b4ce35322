/**
 * The tally, priced: the stored tally state (IndexedDB, survives restarts and data imports) priced
 * with the chosen release (the active one or an archived one) at the user's locality and setting,
 * with the multiple-procedure rule per encounter on request, and its CSV/TSV. Background-only.
 */
import type { CodeRequest } from '../card';
import type { LocalityId } from '../dataset/types';
import { getMeta } from '../db/release';
import type { RvuLensDB } from '../db/schema';
import { createFeeSource, type FeeSource } from '../fees/price-code';
import type { ReleaseSummary, TallyReport } from '../messaging';
import type { UserSettings } from '../settings';
import { applyMultipleProcedureRule, itemsByEncounter } from '../tally/multiple';
import { createTallyPricing } from '../tally/pricing';
import { emptyTally, newTallyItem, tallyReducer, type TallyAction, type TallyState } from '../tally/reducer';
import { tallyTotals } from '../tally/totals';
import { tallyCsv, tallyTsv } from '../tally/export';
import { activeFeeSource } from './cards';
import { getOtherScheduleRows } from '../db/queries';
import { describeOtherSchedules, otherScheduleOf, stateOfLocality, type OtherSchedule } from '../schedules';
import type { TallyItem } from '../tally/types';

type TallySettings = Pick<UserSettings, 'locality' | 'setting' | 'cfTrack' | 'dmeposRural'>;

export async function loadTally(db: RvuLensDB): Promise<TallyState> {
  return (await db.tally.get('tally'))?.state ?? emptyTally();
}

export async function releases(db: RvuLensDB): Promise<ReleaseSummary[]> {
  const [meta, archived] = await Promise.all([getMeta(db), db.archive.toArray()]);
  const out: ReleaseSummary[] = [];
  if (meta) out.push({ id: meta.release.id, year: meta.release.year, label: `${meta.release.year} (${meta.release.id})`, active: true });
  for (const a of archived) out.push({ id: a.id, year: a.release.year, label: `${a.release.year} (${a.id})`, active: false });
  return out;
}

/** Apply an action to the stored tally (one read-write transaction) and return the new state. */
export async function updateTally(db: RvuLensDB, action: TallyAction): Promise<TallyState> {
  return db.transaction('rw', db.tally, async () => {
    const next = tallyReducer(await loadTally(db), action);
    await db.tally.put({ key: 'tally', state: next });
    return next;
  });
}

/** Items from the page popover: ids and dates made here. */
export function itemsFromRequests(requests: readonly CodeRequest[], now = new Date()): TallyAction {
  return { type: 'addMany', items: requests.map((r) => newTallyItem({ code: r.code, modifiers: r.modifiers ?? [], units: r.units ?? 1 }, crypto.randomUUID(), now)) };
}

export async function tallyReport(
  db: RvuLensDB,
  state: TallyState,
  settings: TallySettings,
  opts: { releaseId?: string | null; applyMpp?: boolean } = {},
): Promise<TallyReport> {
  const meta = await getMeta(db);
  if (!meta) throw new Error('No fee schedule is loaded yet.');
  const wanted = opts.releaseId ?? state.release ?? meta.release.id;
  let releaseId = meta.release.id;
  let source: FeeSource;
  let localityId: LocalityId | null = (settings.locality as LocalityId | null) ?? null;
  // Items the PFS does not price: their CLFS or DMEPOS amount, shown on the line (active release
  // only: an archived one keeps no CLFS or DMEPOS rows).
  let otherOf: (item: TallyItem) => OtherSchedule | null = () => null;
  const archived = wanted !== meta.release.id ? await db.archive.get(wanted) : undefined;
  if (archived) {
    releaseId = archived.id;
    source = createFeeSource({ pfs: archived.pfs, localities: archived.localities, oppsCap: [], conversionFactors: archived.conversionFactors, release: archived.release });
    if (localityId && !archived.localities.some((l) => l.id === localityId)) localityId = null;
  } else {
    const active = await activeFeeSource(db, meta, state.items.map((i) => i.code), settings.locality);
    source = active.source;
    localityId = (active.locality?.id ?? null) as LocalityId | null;
    const other = await getOtherScheduleRows(db, state.items.map((i) => i.code));
    const usState = stateOfLocality(active.locality);
    const now = new Date();
    otherOf = (item) => {
      const code = item.code.toUpperCase();
      const pfs = active.rowsByCode.get(code) ?? [];
      const answer = describeOtherSchedules(code, item.modifiers, {
        hcpcs: other.hcpcs.get(code),
        clfs: other.clfs.get(code) ?? [],
        dmepos: other.dmepos.get(code) ?? [],
        pfsStatus: (pfs.find((r) => r.modifier === '') ?? pfs[0])?.status,
        state: usState,
        rural: settings.dmeposRural,
        now,
      });
      return otherScheduleOf(null, answer);
    };
  }
  const pricing = createTallyPricing(source, { localityId, setting: settings.setting, track: settings.cfTrack });
  const totals = tallyTotals(state.items, pricing.unit, otherOf);
  const mpp = opts.applyMpp ? [...itemsByEncounter(state.items).values()].map((items) => applyMultipleProcedureRule(items, pricing)) : null;
  const exportOpts = { release: releaseId, ...(mpp ? { mpp } : {}) };
  return { state, releaseId, totals, mpp, csv: tallyCsv(totals, exportOpts), tsv: tallyTsv(totals, exportOpts) };
}
