/**
 * Public surface of lib/schedules: which fee schedule pays a code (PFS, CLFS, DMEPOS or none) and
 * its amount, plus a small in-memory index for callers holding a whole Dataset (lookup CLI, tests).
 * Pure: no fs, no DOM, no storage. The extension's store should fetch one code's rows and call
 * `describeOtherSchedules` directly.
 */
import type { ClfsRow, Dataset, DmeposRow, HcpcsModifier, HcpcsRow, Locality } from '../dataset/types';
import { describeOtherSchedules, type ScheduleAnswer } from './describe';

export * from './describe';

/** The rows of the other schedules, indexed by code. */
export interface OtherSchedulesIndex {
  hcpcs(code: string): HcpcsRow | undefined;
  clfs(code: string): ClfsRow[];
  dmepos(code: string): DmeposRow[];
  modifier(code: string): HcpcsModifier | undefined;
}

function group<T extends { code: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.code);
    if (list) list.push(r);
    else m.set(r.code, [r]);
  }
  return m;
}

/** Index a dataset's HCPCS / CLFS / DMEPOS tables (missing tables count as empty). */
export function indexOtherSchedules(data: Partial<Pick<Dataset, 'hcpcs' | 'hcpcsModifiers' | 'clfs' | 'dmepos'>>): OtherSchedulesIndex {
  const hcpcs = new Map((data.hcpcs ?? []).map((r) => [r.code, r]));
  const mods = new Map((data.hcpcsModifiers ?? []).map((r) => [r.code, r]));
  const clfs = group(data.clfs ?? []);
  const dmepos = group(data.dmepos ?? []);
  const key = (c: string): string => c.trim().toUpperCase();
  return {
    hcpcs: (c) => hcpcs.get(key(c)),
    clfs: (c) => clfs.get(key(c)) ?? [],
    dmepos: (c) => dmepos.get(key(c)) ?? [],
    modifier: (c) => mods.get(key(c)),
  };
}

/** The DMEPOS state of a locality (its 2-letter GPCI state); null for national / no locality. */
export function stateOfLocality(locality: Pick<Locality, 'state'> | null | undefined): string | null {
  const s = locality?.state?.trim().toUpperCase() ?? '';
  return /^[A-Z]{2}$/.test(s) ? s : null;
}

/** `describeOtherSchedules` with the rows taken from an index. */
export function describeWithIndex(
  index: OtherSchedulesIndex,
  code: string,
  modifiers: readonly string[],
  opts: { pfsStatus?: string | undefined; state: string | null; rural: boolean; now: Date },
): ScheduleAnswer {
  return describeOtherSchedules(code, modifiers, {
    hcpcs: index.hcpcs(code),
    clfs: index.clfs(code),
    dmepos: index.dmepos(code),
    ...(opts.pfsStatus !== undefined ? { pfsStatus: opts.pfsStatus } : {}),
    state: opts.state,
    rural: opts.rural,
    now: opts.now,
  });
}
